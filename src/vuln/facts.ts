/**
 * Puts the OSV database's answer and the imported reports together against the repository's
 * dependencies: the hits with their manifest file:line, what nothing covers, and the sources.
 * Pure; `collect.ts` does the reading.
 */
import type { LockFile, Manifest } from '../repo/types.js';
import { checkVersions } from './check.js';
import type { ImportedReport } from './import/types.js';
import { knownVersions } from './known-versions.js';
import type { OsvDbSummary } from './osv-db.js';
import type { KnownVersion, UncoveredDependency, VulnerabilityHit, VulnFacts, VulnSource } from './types.js';

export interface VulnInputs {
  manifests: readonly Manifest[];
  lockFiles: readonly LockFile[];
  db?: OsvDbSummary | undefined;
  imports: readonly ImportedReport[];
}

/** The short name of the database in evidence: its path and date. */
export function dbLabel(db: Pick<OsvDbSummary, 'path' | 'newestModified'>): string {
  const date =
    db.newestModified === undefined ? 'undated' : `newest record ${db.newestModified.slice(0, 10)}`;
  return `OSV database ${db.path} (${date})`;
}

/** Does `scanned` (a path as a tool wrote it, often absolute) name the repository file `file`? */
function samePath(scanned: string, file: string): boolean {
  const s = scanned.replace(/\\/gu, '/');
  return s === file || s.endsWith(`/${file}`);
}

function ids(h: Pick<VulnerabilityHit, 'id' | 'aliases'>): string[] {
  return [h.id, ...h.aliases];
}

/** Hits for the same package, version and place that share an id or alias are one, naming every source. */
function mergeHits(hits: VulnerabilityHit[]): VulnerabilityHit[] {
  const out: VulnerabilityHit[] = [];
  for (const h of hits) {
    const same = out.find(
      (o) =>
        o.name === h.name &&
        o.version === h.version &&
        o.file === h.file &&
        o.line === h.line &&
        ids(o).some((id) => ids(h).includes(id)),
    );
    if (same === undefined) {
      out.push({ ...h });
      continue;
    }
    same.aliases = [...new Set([...same.aliases, ...ids(h)])].filter((a) => a !== same.id);
    same.fixed = [...new Set([...same.fixed, ...h.fixed])];
    if (!same.source.split(', ').includes(h.source)) same.source = `${same.source}, ${h.source}`;
  }
  return out;
}

/** The place a dependency named by a report is declared or locked: its exact version first. */
function placeOf(
  name: string,
  version: string,
  known: readonly KnownVersion[],
  manifests: readonly Manifest[],
): { file?: string; line?: number } {
  const exact =
    known.find((k) => k.name === name && k.version === version) ?? known.find((k) => k.name === name);
  if (exact !== undefined) return { file: exact.file, line: exact.line };
  for (const m of manifests) {
    const d = m.dependencies.find((x) => x.name === name);
    if (d !== undefined) return { file: d.file, line: d.line };
  }
  return {};
}

/** Everything the database and the imports say about the repository's dependencies. */
export function vulnFacts(input: VulnInputs): VulnFacts {
  const { manifests, lockFiles, db, imports } = input;
  const { known, uncovered } = knownVersions(manifests, lockFiles);
  const sources: VulnSource[] = [];
  const hits: VulnerabilityHit[] = [];
  let unevaluated: VulnFacts['unevaluated'] = [];
  if (db !== undefined) {
    sources.push({
      kind: 'osv-db',
      path: db.path,
      records: db.records,
      newestModified: db.newestModified,
      withdrawn: db.withdrawn,
    });
    const checked = checkVersions(known, db.kept, dbLabel(db));
    hits.push(...checked.hits);
    unevaluated = checked.unevaluated;
  }
  // What the imports checked: names with versions (pip-audit), and files they read (osv-scanner).
  const importedNames = new Set<string>();
  const scannedFiles: string[] = [];
  for (const report of imports) {
    if (report.kind === 'sarif') continue;
    sources.push({ kind: report.kind, path: report.file, checked: report.checked.length });
    for (const c of report.checked) importedNames.add(c.name);
    scannedFiles.push(...report.scannedFiles);
    for (const h of report.hits) hits.push({ ...h, ...placeOf(h.name, h.version, known, manifests) });
  }
  const coveredByImport = (name: string, file: string): boolean =>
    importedNames.has(name) || scannedFiles.some((s) => samePath(s, file));
  const notCovered: UncoveredDependency[] = uncovered.filter((u) => !importedNames.has(u.name));
  if (db === undefined && sources.length > 0) {
    const seen = new Set<string>();
    for (const k of known) {
      if (coveredByImport(k.name, k.file) || seen.has(k.name)) continue;
      seen.add(k.name);
      notCovered.push({
        name: k.name,
        specifier: `==${k.version}`,
        file: k.file,
        line: k.line,
        reason: 'not in any imported report, and no OSV database given (--osv-db)',
      });
    }
  }
  const checked = new Set(importedNames);
  for (const k of known) if (db !== undefined || coveredByImport(k.name, k.file)) checked.add(k.name);
  return {
    sources,
    hits: mergeHits(hits),
    unevaluated,
    known,
    checked: sources.length === 0 ? [] : [...checked].sort(),
    uncovered: sources.length === 0 ? [] : notCovered,
    findings: imports.flatMap((r) => r.findings),
  };
}
