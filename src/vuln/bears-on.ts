/**
 * Which checklist items an imported SARIF finding bears on: a bandit result on the items whose
 * bandit checks name its test id; any other tool's result on the items that cite one of the CWEs
 * its rule names. Attached as evidence, never counted: another tool's rule is not vouch's check.
 */
import type { Item } from '../checklist/types.js';
import type { Finding } from '../probes/types.js';
import type { ImportedFinding } from './types.js';

function banditTests(item: Item): Set<string> {
  const tests = new Set<string>();
  for (const c of item.checks) {
    if (c.probe !== 'bandit') continue;
    const listed = (c.with as { tests?: unknown } | undefined)?.tests;
    if (Array.isArray(listed)) for (const t of listed) if (typeof t === 'string') tests.add(t);
  }
  return tests;
}

function itemCwes(item: Item): Set<string> {
  return new Set((item.references.cwe ?? []).map((c) => String(Number(c.replace(/^CWE-/iu, '')))));
}

/** Whether `f` is evidence for `item`. */
export function bearsOn(item: Item, f: ImportedFinding): boolean {
  if (/^bandit$/iu.test(f.tool) && /^B\d{3}$/u.test(f.rule)) return banditTests(item).has(f.rule);
  const cwes = itemCwes(item);
  return f.cwes.some((c) => cwes.has(c));
}

/** The imported findings for `item`, as evidence naming the tool. */
export function importedEvidence(item: Item, findings: readonly ImportedFinding[]): Finding[] {
  return findings
    .filter((f) => bearsOn(item, f))
    .map((f) => ({
      message: `${f.tool} (imported from ${f.file}): ${f.message}`,
      file: f.path,
      line: f.line,
      column: f.column,
      rule: f.rule === '' ? undefined : f.rule,
    }));
}
