import { describe, expect, it } from 'vitest';
import type { Check, CheckOutcome } from '../../../src/checklist/types.js';
import { dedupeEvidence } from '../../../src/audit/engine.js';
import { markerLookup } from '../../../src/audit/suppression.js';
import type { Evidence } from '../../../src/audit/types.js';
import { evaluateCheck } from '../../../src/audit/verdict.js';
import type { Finding } from '../../../src/probes/types.js';

const SOURCE = [
  'import random', // 1
  'token = random.choice(ALPHABET)  # noqa: S311', // 2
  'jitter = random.random()  # vouch: ignore[secure-random] retry jitter, not a secret', // 3
  'session = random.getrandbits(64)', // 4
  'x = eval(expr)  # nosec', // 5
  'y = eval("1  # nosec")', // 6
].join('\n');

const markersAt = markerLookup(
  new Map([
    ['app.py', SOURCE],
    ['tests/test_app.py', 'v = random.random()  # noqa: S311\n'],
  ]),
);

const check = (probe: string, on_match: CheckOutcome, on_none: CheckOutcome = 'pass'): Check => ({
  probe,
  on_match,
  on_none,
  on_unavailable: 'review',
});

const random = (line: number, file = 'app.py'): Finding => ({
  message: 'random',
  file,
  line,
  rule: 'py-random-secret',
  context: file.startsWith('tests/') ? 'test' : 'code',
});
const evalAt = (line: number): Finding => ({
  message: 'eval',
  file: 'app.py',
  line,
  rule: 'py-eval',
  context: 'code',
});

describe('evaluateCheck with suppression markers', () => {
  const rows: {
    name: string;
    item: string;
    c: Check;
    findings: Finding[];
    countSuppressed?: boolean;
    outcome: CheckOutcome;
    counted: boolean[];
    markers: (string | undefined)[];
    reason: string;
  }[] = [
    {
      name: 'noqa S311 and vouch marker suppress; the unmarked one fails',
      item: 'secure-random',
      c: check('python', 'fail'),
      findings: [random(2), random(3), random(4)],
      outcome: 'fail',
      counted: [false, false, true],
      markers: ['# noqa: S311', '# vouch: ignore[secure-random]', undefined],
      reason: 'python: 1 match (2 suppressed by a marker in the source, not counted)',
    },
    {
      name: 'every finding suppressed: the check passes',
      item: 'secure-random',
      c: check('python', 'fail'),
      findings: [random(2), random(3)],
      outcome: 'pass',
      counted: [false, false],
      markers: ['# noqa: S311', '# vouch: ignore[secure-random]'],
      reason: 'python: no match (2 suppressed by a marker in the source, not counted)',
    },
    {
      name: 'count_suppressed: they count, and stay marked',
      item: 'secure-random',
      c: check('python', 'fail'),
      findings: [random(2), random(3)],
      countSuppressed: true,
      outcome: 'fail',
      counted: [true, true],
      markers: ['# noqa: S311', '# vouch: ignore[secure-random]'],
      reason:
        'python: 2 matches (2 suppressed by a marker in the source, counted by the settings (count_suppressed))',
    },
    {
      name: "another item's vouch marker does not suppress",
      item: 'weak-crypto',
      c: check('python', 'fail'),
      findings: [random(3)],
      outcome: 'fail',
      counted: [true],
      markers: [undefined],
      reason: 'python: 1 match',
    },
    {
      name: 'bare nosec on eval; a nosec inside a string literal does not count',
      item: 'no-eval-exec',
      c: check('python', 'fail'),
      findings: [evalAt(5), evalAt(6)],
      outcome: 'fail',
      counted: [false, true],
      markers: ['# nosec', undefined],
      reason: 'python: 1 match (1 suppressed by a marker in the source, not counted)',
    },
    {
      name: 'an evidence-only check shows the marker',
      item: 'secure-random',
      c: check('bandit', 'skip', 'skip'),
      findings: [{ ...random(2), rule: 'B311' }],
      outcome: 'skip',
      counted: [false],
      markers: ['# noqa: S311'],
      reason: 'bandit: no match (1 suppressed by a marker in the source, not counted)',
    },
    {
      name: 'a match that proves something is not suppressed',
      item: 'secure-random',
      c: check('python', 'pass', 'review'),
      findings: [random(2)],
      outcome: 'pass',
      counted: [true],
      markers: [undefined],
      reason: 'python: 1 match',
    },
    {
      name: 'in tests: not counted for being a test, whatever the marker',
      item: 'secure-random',
      c: check('python', 'fail'),
      findings: [random(1, 'tests/test_app.py')],
      outcome: 'pass',
      counted: [false],
      markers: ['# noqa: S311'],
      reason: 'python: no match (1 more in tests, docs or examples, not counted)',
    },
  ];
  it.each(rows)('$name', ({ item, c, findings, countSuppressed, outcome, counted, markers, reason }) => {
    const result = evaluateCheck(
      c,
      0,
      { status: 'ok', findings },
      { countNonCode: false, countSuppressed },
      { itemId: item, markersAt },
    );
    expect(result.outcome).toBe(outcome);
    expect(result.evidence.map((e) => e.counted)).toEqual(counted);
    expect(result.evidence.map((e) => e.suppressed?.marker)).toEqual(markers);
    expect(result.reason).toBe(reason);
  });

  it('carries the reason text of the marker', () => {
    const result = evaluateCheck(
      check('python', 'fail'),
      0,
      { status: 'ok', findings: [random(3)] },
      { countNonCode: false },
      { itemId: 'secure-random', markersAt },
    );
    expect(result.evidence[0]?.suppressed).toEqual({
      kind: 'vouch',
      marker: '# vouch: ignore[secure-random]',
      reason: 'retry jitter, not a secret',
    });
  });

  it('without markers, nothing is suppressed', () => {
    const result = evaluateCheck(
      check('python', 'fail'),
      0,
      { status: 'ok', findings: [random(2)] },
      {
        countNonCode: false,
      },
    );
    expect(result.outcome).toBe('fail');
    expect(result.evidence[0]?.suppressed).toBeUndefined();
  });
});

describe('dedupeEvidence keeps the marker in sight', () => {
  const e = (check: number, counted: boolean, marker?: string): Evidence => ({
    message: 'm',
    file: 'app.py',
    line: 2,
    check,
    counted,
    ...(marker === undefined ? {} : { suppressed: { kind: 'noqa', marker, reason: '' } }),
  });
  const rows: { name: string; input: Evidence[]; kept: number }[] = [
    { name: 'counted beats suppressed', input: [e(0, false, '# noqa: S311'), e(1, true)], kept: 1 },
    { name: 'suppressed beats merely shown', input: [e(0, false), e(1, false, '# noqa: S311')], kept: 1 },
    {
      name: 'the first of two suppressed',
      input: [e(0, false, '# noqa: S311'), e(1, false, '# noqa: S311')],
      kept: 0,
    },
  ];
  it.each(rows)('$name', ({ input, kept }) => {
    const out = dedupeEvidence(input);
    expect(out).toHaveLength(1);
    expect(out[0]?.check).toBe(kept);
  });
});
