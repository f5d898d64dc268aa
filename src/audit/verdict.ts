import type { Check, CheckOutcome, Item, Outcome } from '../checklist/types.js';
import type { ProbeResult } from '../probes/types.js';
import type { Evidence, Verdict } from './types.js';

/** What one check said about its item, with why. */
export interface CheckResult {
  outcome: CheckOutcome;
  reason: string;
  evidence: Evidence[];
}

/** Whether findings in tests, docs, examples and migrations count as matches. */
export interface CountingPolicy {
  countNonCode: boolean;
}

/** True when every check of the item is evidence-only (skip on match and on none): a person decides. */
export function isManual(item: Item): boolean {
  return item.checks.every((c) => c.on_match === 'skip' && c.on_none === 'skip');
}

/** Turns one check's probe result into an outcome and the evidence behind it. */
export function evaluateCheck(
  check: Check,
  index: number,
  result: ProbeResult,
  policy: CountingPolicy,
): CheckResult {
  const label = check.description ?? check.probe;
  if (result.status !== 'ok') {
    const reason = `${label}: could not run (${result.reason ?? result.status})`;
    return { outcome: check.on_unavailable, reason, evidence: [] };
  }
  const inScope = (f: { context?: string | undefined }): boolean =>
    policy.countNonCode || f.context === undefined || f.context === 'code';
  // Evidence counts when it is a match that can decide: in shipped code, from a check whose
  // match means something (an evidence-only check's findings are shown, never counted).
  const decides = check.on_match !== 'skip';
  const evidence: Evidence[] = result.findings.map((f) => ({
    ...f,
    check: index,
    counted: decides && inScope(f),
  }));
  for (const note of result.notes ?? []) evidence.push({ ...note, check: index, counted: false });
  const matches = result.findings.filter(inScope).length;
  const shown = result.findings.length - matches;
  const extra = shown > 0 ? ` (${shown} more in tests, docs or examples, not counted)` : '';
  if (matches > 0) {
    return {
      outcome: check.on_match,
      reason: `${label}: ${matches} match${matches === 1 ? '' : 'es'}${extra}`,
      evidence,
    };
  }
  return { outcome: check.on_none, reason: `${label}: no match${extra}`, evidence };
}

const PRECEDENCE: Outcome[] = ['fail', 'review', 'pass', 'na'];

/**
 * Combines check outcomes: any fail → fail; else any review → review; else any pass → pass;
 * else any na → na; when every check says skip, review (nothing decided).
 */
export function combineOutcomes(outcomes: CheckOutcome[]): Outcome {
  for (const o of PRECEDENCE) if (outcomes.includes(o)) return o;
  return 'review';
}

/** The automatic verdict of an item from its checks' results. Manual items are unanswered. */
export function autoVerdict(item: Item, results: CheckResult[]): Verdict {
  if (item.checks.length === 0 || isManual(item)) return 'unanswered';
  // No check decided anything (e.g. "fail on logged secrets" found none): a person answers.
  if (results.every((r) => r.outcome === 'skip')) return 'unanswered';
  return combineOutcomes(results.map((r) => r.outcome));
}

/** Orders verdicts from worst to best, for sorting and for --fail-on. */
export const VERDICT_RANK: Record<Verdict, number> = {
  fail: 0,
  review: 1,
  unanswered: 2,
  waived: 3,
  pass: 4,
  na: 5,
};
