import { describe, expect, it } from 'vitest';
import type { Check, CheckOutcome, Item } from '../../../src/checklist/types.js';
import { autoVerdict, combineOutcomes, evaluateCheck } from '../../../src/audit/verdict.js';
import type { ProbeResult } from '../../../src/probes/types.js';

const check = (
  on_match: CheckOutcome,
  on_none: CheckOutcome,
  on_unavailable: CheckOutcome = 'review',
): Check => ({
  probe: 'python',
  on_match,
  on_none,
  on_unavailable,
});

describe('combineOutcomes', () => {
  const rows: [CheckOutcome[], string][] = [
    [['fail', 'pass'], 'fail'],
    [['pass', 'review', 'fail'], 'fail'],
    [['pass', 'review'], 'review'],
    [['pass', 'pass'], 'pass'],
    [['na', 'pass'], 'pass'],
    [['na'], 'na'],
    [['skip', 'pass'], 'pass'],
    [['skip', 'skip'], 'review'],
    [[], 'review'],
    [['skip', 'na'], 'na'],
  ];
  it.each(rows)('%j → %s', (outcomes, expected) => {
    expect(combineOutcomes(outcomes)).toBe(expected);
  });
});

describe('evaluateCheck', () => {
  const code = { message: 'eval', file: 'app.py', line: 3, context: 'code' as const };
  const test = { message: 'eval', file: 'tests/test_app.py', line: 9, context: 'test' as const };
  const ok = (...findings: ProbeResult['findings']): ProbeResult => ({ status: 'ok', findings });
  const rows: {
    name: string;
    c: Check;
    r: ProbeResult;
    countNonCode?: boolean;
    outcome: CheckOutcome;
    counted: boolean[];
  }[] = [
    { name: 'a match in code', c: check('fail', 'pass'), r: ok(code), outcome: 'fail', counted: [true] },
    { name: 'no match', c: check('fail', 'pass'), r: ok(), outcome: 'pass', counted: [] },
    {
      name: 'only in tests: shown, not counted',
      c: check('fail', 'pass'),
      r: ok(test),
      outcome: 'pass',
      counted: [false],
    },
    {
      name: 'tests counted when configured',
      c: check('fail', 'pass'),
      r: ok(test),
      countNonCode: true,
      outcome: 'fail',
      counted: [true],
    },
    {
      name: 'unavailable → on_unavailable',
      c: check('fail', 'pass'),
      r: { status: 'unavailable', reason: 'bandit not found', findings: [] },
      outcome: 'review',
      counted: [],
    },
    {
      name: 'unavailable with skip',
      c: check('fail', 'pass', 'skip'),
      r: { status: 'unavailable', findings: [] },
      outcome: 'skip',
      counted: [],
    },
    {
      name: 'probe error → on_unavailable',
      c: check('fail', 'pass'),
      r: { status: 'error', reason: 'boom', findings: [] },
      outcome: 'review',
      counted: [],
    },
    {
      name: 'a match meaning pass',
      c: check('pass', 'review'),
      r: ok(code),
      outcome: 'pass',
      counted: [true],
    },
    {
      name: 'notes never decide',
      c: check('fail', 'pass'),
      r: { status: 'ok', findings: [], notes: [code] },
      outcome: 'pass',
      counted: [false],
    },
    {
      name: 'evidence-only check: shown, not counted',
      c: check('skip', 'skip'),
      r: ok(code),
      outcome: 'skip',
      counted: [false],
    },
    {
      name: 'a finding with no file counts',
      c: check('fail', 'pass'),
      r: ok({ message: 'no CI' }),
      outcome: 'fail',
      counted: [true],
    },
  ];
  it.each(rows)('$name', ({ c, r, countNonCode, outcome, counted }) => {
    const result = evaluateCheck(c, 0, r, { countNonCode: countNonCode ?? false });
    expect(result.outcome).toBe(outcome);
    expect(result.evidence.map((e) => e.counted)).toEqual(counted);
  });

  it('says why, with the unavailable reason', () => {
    const result = evaluateCheck(
      check('fail', 'pass'),
      0,
      { status: 'unavailable', reason: 'bandit not found on PATH', findings: [] },
      { countNonCode: false },
    );
    expect(result.reason).toBe('python: could not run (bandit not found on PATH)');
  });
});

describe('autoVerdict', () => {
  const item = (checks: Check[]): Item => ({
    id: 'x',
    category: 'c',
    title: 't',
    question: 'q',
    severity: 'high',
    guidance: '',
    remediation: '',
    references: {},
    checks,
  });
  it('an item without checks is unanswered', () => {
    expect(autoVerdict(item([]), [])).toBe('unanswered');
  });
  it('an evidence-only item is unanswered', () => {
    expect(autoVerdict(item([check('skip', 'skip')]), [{ outcome: 'skip', reason: '', evidence: [] }])).toBe(
      'unanswered',
    );
  });
  it('an automatic item where every check said skip is left to a person', () => {
    const checks = [check('fail', 'skip'), check('pass', 'skip')];
    expect(
      autoVerdict(item(checks), [
        { outcome: 'skip', reason: '', evidence: [] },
        { outcome: 'skip', reason: '', evidence: [] },
      ]),
    ).toBe('unanswered');
  });
  it('an automatic item combines', () => {
    const checks = [check('fail', 'pass'), check('fail', 'pass')];
    expect(
      autoVerdict(item(checks), [
        { outcome: 'pass', reason: '', evidence: [] },
        { outcome: 'fail', reason: '', evidence: [] },
      ]),
    ).toBe('fail');
  });
});
