import type { FailOn } from '../config/config.js';
import type { Audit, AuditItem, Verdict } from './types.js';

const LEVELS: Record<Exclude<FailOn, 'none'>, Verdict[]> = {
  fail: ['fail'],
  review: ['fail', 'review'],
  unanswered: ['fail', 'review', 'unanswered'],
};

/** The items that break the policy: at the --fail-on level or worse (fail > review > unanswered). Waived never do. */
export function policyViolations(audit: Pick<Audit, 'items'>, failOn: FailOn): AuditItem[] {
  if (failOn === 'none') return [];
  const bad = LEVELS[failOn];
  return audit.items.filter((i) => bad.includes(i.verdict));
}

export const FAIL_ON_VALUES: readonly FailOn[] = ['fail', 'review', 'unanswered', 'none'];
