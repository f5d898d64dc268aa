import type { FailOn } from '../config/config.js';
import { isStale } from './stale.js';
import type { Audit, AuditItem, Verdict } from './types.js';

/** The levels, worst first: a level takes in every one before it. */
const ORDER = ['fail', 'stale', 'review', 'unanswered'] as const;
type Level = (typeof ORDER)[number];

function atLevel(item: AuditItem, level: Level): boolean {
  if (level === 'stale') return item.source !== 'disabled' && isStale(item);
  return item.verdict === (level satisfies Verdict);
}

/**
 * The items that break the policy: at the --fail-on level or worse (fail > stale > review >
 * unanswered, stale meaning a person's answer whose basis changed). Waived items never fail,
 * unless their waiver is stale and the level takes stale answers in.
 */
export function policyViolations(audit: Pick<Audit, 'items'>, failOn: FailOn): AuditItem[] {
  if (failOn === 'none') return [];
  const levels = ORDER.slice(0, ORDER.indexOf(failOn) + 1);
  return audit.items.filter((i) => levels.some((level) => atLevel(i, level)));
}

export const FAIL_ON_VALUES: readonly FailOn[] = ['fail', 'stale', 'review', 'unanswered', 'none'];
