/** osv-scanner's JSON report (`osv-scanner --format json`), as imported with `--import`. */
import { normalizeName } from '../../repo/manifests/pep508.js';
import { matchRecord } from '../affected.js';
import { readOsvRecord } from '../osv-record.js';
import type { ImportedReport } from './types.js';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Json): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** True when the JSON has osv-scanner's shape: `{"results": [{"source": ..., "packages": [...]}]}`. */
export function looksLikeOsvScanner(json: Json): boolean {
  // bandit's JSON also has `results`, beside its `metrics`.
  return (
    isRecord(json) &&
    !('metrics' in json) &&
    Array.isArray(json.results) &&
    json.results.every((r) => isRecord(r) && (Array.isArray(r.packages) || isRecord(r.source)))
  );
}

/**
 * The PyPI packages the report names with their vulnerabilities. osv-scanner lists only the
 * packages it found vulnerable; the files it read are in `results[].source.path`. Advisories
 * it grouped as one (`groups[].ids`, a PYSEC id and its GHSA twin) become one hit.
 */
export function readOsvScannerImport(file: string, json: Json): ImportedReport | string {
  if (!looksLikeOsvScanner(json) || !isRecord(json) || !Array.isArray(json.results))
    return 'not an osv-scanner JSON report';
  const source = `osv-scanner report ${file}`;
  const report: ImportedReport = {
    kind: 'osv-scanner',
    file,
    tool: 'osv-scanner',
    checked: [],
    scannedFiles: [],
    hits: [],
    findings: [],
  };
  for (const result of json.results) {
    if (!isRecord(result)) continue;
    if (isRecord(result.source) && typeof result.source.path === 'string')
      report.scannedFiles.push(result.source.path);
    for (const entry of Array.isArray(result.packages) ? result.packages : []) {
      if (!isRecord(entry) || !isRecord(entry.package)) continue;
      const { name: rawName, version, ecosystem } = entry.package;
      if (ecosystem !== 'PyPI' || typeof rawName !== 'string' || typeof version !== 'string') continue;
      const name = normalizeName(rawName);
      report.checked.push({ name, version });
      const vulns = (Array.isArray(entry.vulnerabilities) ? entry.vulnerabilities : []).flatMap((v) => {
        const r = readOsvRecord(v);
        return typeof r === 'string' ? [] : [r];
      });
      const groups = (Array.isArray(entry.groups) ? entry.groups : [])
        .map((g) => (isRecord(g) ? strings(g.ids) : []))
        .filter((ids) => ids.length > 0);
      const grouped = new Set(groups.flat());
      for (const v of vulns) if (!grouped.has(v.id)) groups.push([v.id]);
      for (const ids of groups) {
        const members = vulns.filter((v) => ids.includes(v.id));
        const fixed = new Set<string>();
        for (const m of members) {
          const r = matchRecord(m, name, version);
          if (r.kind === 'affected') for (const f of r.fixed) fixed.add(f);
        }
        const aliases = [...new Set([...ids.slice(1), ...members.flatMap((m) => m.aliases)])].filter(
          (a) => a !== ids[0],
        );
        report.hits.push({
          name,
          version,
          id: ids[0] ?? '',
          aliases: aliases.sort(),
          fixed: [...fixed],
          summary: members.find((m) => m.summary !== undefined)?.summary,
          source,
        });
      }
    }
  }
  return report;
}
