/**
 * SARIF 2.1.0 from other scanners (bandit, semgrep, CodeQL, ...), as imported with `--import`:
 * each result with its tool, rule, location and the CWE numbers its rule names (CodeQL's
 * `external/cwe/cwe-079` tags, semgrep's `CWE-79: ...` tags, a `cwe` property).
 */
import type { ImportedFinding } from '../types.js';
import type { ImportedReport } from './types.js';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the JSON is a SARIF log: `version` 2.1.0 (or a sarif `$schema`) and `runs[]`. */
export function looksLikeSarif(json: Json): boolean {
  if (!isRecord(json) || !Array.isArray(json.runs)) return false;
  return json.version === '2.1.0' || (typeof json.$schema === 'string' && /sarif/i.test(json.$schema));
}

const CWE = /\bcwe[-_/ :]*0*(\d{1,5})\b/giu;

/** CWE numbers named anywhere in tags and `cwe` properties. */
export function cwesOf(...bags: Json[]): string[] {
  const found = new Set<string>();
  const visit = (value: Json): void => {
    if (typeof value === 'string') for (const m of value.matchAll(CWE)) found.add(String(Number(m[1])));
    else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const bag of bags) {
    if (!isRecord(bag)) continue;
    visit(bag.tags);
    visit(bag.cwe);
    visit(bag.cwes);
  }
  return [...found].sort((a, b) => Number(a) - Number(b));
}

/** A result's file as a path relative to the repository: `file://`, `%SRCROOT%` and `./` dropped. */
export function repoPath(uri: string, root: string): string {
  let path = uri;
  try {
    if (/^file:/iu.test(path)) path = decodeURIComponent(new URL(path).pathname);
  } catch {
    // Not a URL after all: keep it as written.
  }
  const base = root.endsWith('/') ? root : `${root}/`;
  if (path.startsWith(base)) path = path.slice(base.length);
  return path.replace(/^(?:\.\/)+/u, '');
}

function text(value: Json): string | undefined {
  return isRecord(value) && typeof value.text === 'string' ? value.text : undefined;
}

/** Every result of every run; a string says why it is not SARIF. */
export function readSarifImport(file: string, json: Json, root: string): ImportedReport | string {
  if (!looksLikeSarif(json) || !isRecord(json) || !Array.isArray(json.runs)) return 'not a SARIF 2.1.0 log';
  const findings: ImportedFinding[] = [];
  const tools: string[] = [];
  for (const run of json.runs) {
    if (!isRecord(run)) continue;
    const driver = isRecord(run.tool) && isRecord(run.tool.driver) ? run.tool.driver : {};
    const tool =
      typeof driver.name === 'string' && driver.name !== '' ? driver.name : 'an unnamed SARIF tool';
    tools.push(tool);
    const rules = Array.isArray(driver.rules) ? driver.rules.filter(isRecord) : [];
    for (const result of Array.isArray(run.results) ? run.results : []) {
      if (!isRecord(result)) continue;
      const rule =
        typeof result.ruleId === 'string'
          ? rules.find((r) => r.id === result.ruleId)
          : typeof result.ruleIndex === 'number'
            ? rules[result.ruleIndex]
            : undefined;
      const ruleId =
        typeof result.ruleId === 'string' ? result.ruleId : typeof rule?.id === 'string' ? rule.id : '';
      const location =
        Array.isArray(result.locations) && isRecord(result.locations[0]) ? result.locations[0] : {};
      const physical = isRecord(location.physicalLocation) ? location.physicalLocation : {};
      const artifact = isRecord(physical.artifactLocation) ? physical.artifactLocation : {};
      const region = isRecord(physical.region) ? physical.region : {};
      findings.push({
        tool,
        file,
        rule: ruleId,
        message: text(result.message) ?? text(rule?.shortDescription) ?? ruleId,
        path: typeof artifact.uri === 'string' ? repoPath(artifact.uri, root) : undefined,
        line: typeof region.startLine === 'number' ? region.startLine : undefined,
        column: typeof region.startColumn === 'number' ? region.startColumn : undefined,
        cwes: cwesOf(rule?.properties, result.properties),
        level: typeof result.level === 'string' ? result.level : undefined,
      });
    }
  }
  return {
    kind: 'sarif',
    file,
    tool: [...new Set(tools)].join(', ') || 'SARIF',
    checked: [],
    scannedFiles: [],
    hits: [],
    findings,
  };
}
