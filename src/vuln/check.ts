/** Checks dependencies of known version against OSV records: pure, given the records. */
import { matchRecord } from './affected.js';
import type { KnownVersion, OsvRecord, UnevaluatedMatch, VulnerabilityHit } from './types.js';

/** Indexes records by the (normalised) PyPI names they name. */
export function recordsByName(records: readonly OsvRecord[]): Map<string, OsvRecord[]> {
  const index = new Map<string, OsvRecord[]>();
  for (const r of records) {
    for (const name of new Set(r.affected.map((a) => a.name))) {
      const list = index.get(name) ?? [];
      list.push(r);
      index.set(name, list);
    }
  }
  return index;
}

/** Every known vulnerability of `known`, and the records vouch could not evaluate for them. */
export function checkVersions(
  known: readonly KnownVersion[],
  records: readonly OsvRecord[],
  source: string,
): { hits: VulnerabilityHit[]; unevaluated: UnevaluatedMatch[] } {
  const index = recordsByName(records);
  const hits: VulnerabilityHit[] = [];
  const unevaluated: UnevaluatedMatch[] = [];
  for (const k of known) {
    for (const record of index.get(k.name) ?? []) {
      const r = matchRecord(record, k.name, k.version);
      if (r.kind === 'affected') {
        hits.push({
          name: k.name,
          version: k.version,
          id: record.id,
          aliases: record.aliases,
          fixed: r.fixed,
          summary: record.summary,
          file: k.file,
          line: k.line,
          source,
        });
      } else if (r.kind === 'unevaluated') {
        unevaluated.push({ ...k, id: record.id, reason: r.reason });
      }
    }
  }
  const order = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
    a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return { hits: hits.sort(order), unevaluated: unevaluated.sort(order) };
}
