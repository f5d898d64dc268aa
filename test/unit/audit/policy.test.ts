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

describe('policyViolations: stale answers (--fail-on stale, between fail and review)', () => {
  const stale = { kind: 'cite-deleted' as const, text: 'app/limits.py was deleted in 4f2c1e0' };
  /** `pass*` is a person's pass whose answer is stale; `off*` a disabled item with a stale answer. */
  const build = (...specs: string[]) => ({
    items: specs.map((s, i) => {
      const verdict = s.replace('*', '').replace('off', 'na') as Verdict;
      return {
        id: `i${i}`,
        verdict,
        source: s.startsWith('off') ? 'disabled' : 'manual',
        ...(s.endsWith('*') ? { stale: [stale] } : {}),
      } as AuditItem;
    }),
  });
  const rows: [FailOn, string[], string[]][] = [
    ['fail', ['pass*', 'fail'], ['i1']],
    ['stale', ['pass*', 'fail', 'review', 'pass'], ['i0', 'i1']],
    ['stale', ['waived*', 'waived'], ['i0']],
    ['stale', ['off*'], []],
    ['review', ['pass*', 'review', 'unanswered'], ['i0', 'i1']],
    ['unanswered', ['pass*', 'unanswered'], ['i0', 'i1']],
    ['none', ['pass*'], []],
  ];
  it.each(rows)('--fail-on %s with %j → %j', (failOn, specs, ids) => {
    expect(policyViolations(build(...specs), failOn).map((i) => i.id)).toEqual(ids);
  });
});
