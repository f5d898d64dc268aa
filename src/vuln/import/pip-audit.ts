/** pip-audit's JSON report (`pip-audit -f json`), as imported with `--import`. */
import { normalizeName } from '../../repo/manifests/pep508.js';
import { parsePipAuditReport } from '../../repo/pip-audit.js';
import type { ImportedReport } from './types.js';

/** True when the JSON has pip-audit's shape: `{"dependencies": [...]}` or 1.x's bare list of `{name, version, vulns}`. */
export function looksLikePipAudit(json: unknown): boolean {
  if (Array.isArray(json))
    return (
      json.length > 0 &&
      json.every(
        (d) => typeof d === 'object' && d !== null && 'name' in d && ('vulns' in d || 'skip_reason' in d),
      )
    );
  return (
    typeof json === 'object' &&
    json !== null &&
    Array.isArray((json as { dependencies?: unknown }).dependencies)
  );
}

/** The report's findings; a string says why it is not a pip-audit report. */
export function readPipAuditImport(file: string, text: string, json: unknown): ImportedReport | string {
  if (!looksLikePipAudit(json)) return 'not a pip-audit JSON report';
  const report = parsePipAuditReport(text);
  if (typeof report === 'string') return report;
  const source = `pip-audit report ${file}`;
  const data = json as { dependencies?: unknown[] } | unknown[];
  const deps = (Array.isArray(data) ? data : (data.dependencies ?? [])) as {
    name?: unknown;
    version?: unknown;
    skip_reason?: unknown;
  }[];
  const checked = deps.flatMap((d) =>
    typeof d.name === 'string' && typeof d.version === 'string' && d.skip_reason === undefined
      ? [{ name: normalizeName(d.name), version: d.version }]
      : [],
  );
  return {
    kind: 'pip-audit',
    file,
    tool: 'pip-audit',
    checked,
    scannedFiles: [],
    hits: report.vulnerabilities.map((v) => ({
      name: normalizeName(v.name),
      version: v.version,
      id: v.id,
      aliases: v.aliases,
      fixed: v.fixVersions,
      summary: v.description,
      source,
    })),
    findings: [],
  };
}
