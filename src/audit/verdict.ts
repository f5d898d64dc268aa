import type { Check, CheckOutcome, Item, Outcome } from '../checklist/types.js';
import type { Finding, ProbeResult } from '../probes/types.js';
import { suppressionFor, type MarkerLookup, type Suppression } from './suppression.js';
import type { Evidence, Verdict } from './types.js';

/** What one check said about its item, with why. */
export interface CheckResult {
  outcome: CheckOutcome;
  reason: string;
  evidence: Evidence[];
}

/** Whether findings in tests, docs, examples and migrations, and suppressed findings, count as matches. */
export interface CountingPolicy {
  countNonCode: boolean;
  /** `count_suppressed`: findings under a suppression marker count anyway (they are still shown as suppressed). */
  countSuppressed?: boolean | undefined;
}

/** Where a check looks for suppression markers: the item it is evidence for and the markers by line. */
export interface SuppressionContext {
  itemId: string;
  markersAt: MarkerLookup;
}

/** True when every check of the item is evidence-only (skip on match and on none): a person decides. */
export function isManual(item: Item): boolean {
  return item.checks.every((c) => c.on_match === 'skip' && c.on_none === 'skip');
}

/**
 * Turns one check's probe result into an outcome and the evidence behind it. With `markers`, a
 * finding under a suppression marker for it is shown as suppressed and does not count (unless
 * the policy counts suppressed findings). Markers suppress matches that speak against the item
 * (fail, review, or evidence-only); a match that proves something (`on_match: pass`) is not a
 * problem a marker silences.
 */
export function evaluateCheck(
  check: Check,
  index: number,
  result: ProbeResult,
  policy: CountingPolicy,
  markers?: SuppressionContext,
): CheckResult {
  const label = check.description ?? check.probe;
  if (result.status !== 'ok') {
    const reason = `${label}: could not run (${result.reason ?? result.status})`;
    return { outcome: check.on_unavailable, reason, evidence: [] };
  }
  const inScope = (f: { context?: string | undefined }): boolean =>
    policy.countNonCode || f.context === undefined || f.context === 'code';
  const suppressible = check.on_match === 'fail' || check.on_match === 'review' || check.on_match === 'skip';
  const suppressionOf = (f: Finding): Suppression | undefined =>
    !suppressible || markers === undefined || f.file === undefined || f.line === undefined
      ? undefined
      : suppressionFor(markers.markersAt(f.file, f.line), {
          probe: check.probe,
          rule: f.rule,
          itemId: markers.itemId,
        });
  const countSuppressed = policy.countSuppressed === true;
  // Evidence counts when it is a match that can decide: in shipped code, from a check whose
  // match means something (an evidence-only check's findings are shown, never counted), and not
  // suppressed in the source (unless the settings count those too).
  const decides = check.on_match !== 'skip';
  let matches = 0;
  let nonCode = 0;
  let suppressed = 0;
  const evidence: Evidence[] = result.findings.map((f) => {
    const suppression = suppressionOf(f);
    const scoped = inScope(f);
    if (!scoped) nonCode += 1;
    else if (suppression !== undefined) suppressed += 1;
    const counts = scoped && (suppression === undefined || countSuppressed);
    if (counts) matches += 1;
    return {
      ...f,
      check: index,
      counted: decides && counts,
      ...(suppression === undefined ? {} : { suppressed: suppression }),
    };
  });
  for (const note of result.notes ?? []) evidence.push({ ...note, check: index, counted: false });
  const extras: string[] = [];
  if (nonCode > 0) extras.push(`${nonCode} more in tests, docs or examples, not counted`);
  if (suppressed > 0) {
    const how = countSuppressed ? 'counted by the settings (count_suppressed)' : 'not counted';
    extras.push(`${suppressed} suppressed by a marker in the source, ${how}`);
  }
  const extra = extras.length > 0 ? ` (${extras.join('; ')})` : '';
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
