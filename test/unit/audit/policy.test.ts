import { describe, expect, it } from 'vitest';
import { policyViolations } from '../../../src/audit/policy.js';
import type { AuditItem, Verdict } from '../../../src/audit/types.js';
import type { FailOn } from '../../../src/config/config.js';

const items = (...verdicts: Verdict[]) => ({
  items: verdicts.map((verdict, i) => ({ id: `i${i}`, verdict }) as AuditItem),
});

describe('policyViolations (--fail-on)', () => {
  const rows: [FailOn, Verdict[], number][] = [
    ['fail', ['pass', 'fail', 'review'], 1],
    ['fail', ['pass', 'review', 'unanswered'], 0],
    ['review', ['fail', 'review', 'unanswered'], 2],
    ['unanswered', ['fail', 'review', 'unanswered', 'pass'], 3],
    ['none', ['fail', 'fail'], 0],
    ['fail', ['waived', 'waived'], 0],
    ['unanswered', ['waived', 'na', 'pass'], 0],
    ['review', ['waived', 'review'], 1],
  ];
  it.each(rows)('--fail-on %s with %j → %i', (failOn, verdicts, n) => {
    expect(policyViolations(items(...verdicts), failOn)).toHaveLength(n);
  });
});
