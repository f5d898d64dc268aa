import { describe, expect, test } from 'vitest';
import { banditProbe } from '../../../src/probes/bandit.js';
import type { ToolRun } from '../../../src/repo/types.js';
import { makeFacts, raw } from './facts.js';

const FILES = { 'app/views.py': '', 'tests/test_views.py': '' };

interface Row {
  name: string;
  bandit: Partial<ToolRun>;
  tests: string[];
  expected: {
    status: string;
    reason?: string;
    findings: { rule: string; file: string; line: number; snippet?: string; context: string }[];
  };
}

const rows: Row[] = [
  {
    name: 'keeps only the asked test ids',
    bandit: { findings: [raw('B602', 'app/views.py', 3), raw('B101', 'app/views.py', 9)] },
    tests: ['B602'],
    expected: { status: 'ok', findings: [{ rule: 'B602', file: 'app/views.py', line: 3, context: 'code' }] },
  },
  {
    name: 'several test ids, in bandit order',
    bandit: {
      findings: [
        raw('B307', 'app/views.py', 2),
        raw('B101', 'app/views.py', 4),
        raw('B102', 'app/views.py', 7),
      ],
    },
    tests: ['B102', 'B307'],
    expected: {
      status: 'ok',
      findings: [
        { rule: 'B307', file: 'app/views.py', line: 2, context: 'code' },
        { rule: 'B102', file: 'app/views.py', line: 7, context: 'code' },
      ],
    },
  },
  {
    name: 'a clean run is ok with no findings',
    bandit: { findings: [raw('B101', 'app/views.py', 4)] },
    tests: ['B602'],
    expected: { status: 'ok', findings: [] },
  },
  {
    name: 'a finding in test code carries its context',
    bandit: { findings: [raw('B602', 'tests/test_views.py', 5)] },
    tests: ['B602'],
    expected: {
      status: 'ok',
      findings: [{ rule: 'B602', file: 'tests/test_views.py', line: 5, context: 'test' }],
    },
  },
  {
    name: "B105's snippet quotes the password: redacted",
    bandit: { findings: [raw('B105', 'app/views.py', 1, { snippet: "    password = 'hunter2222'  " })] },
    tests: ['B105'],
    expected: {
      status: 'ok',
      findings: [
        { rule: 'B105', file: 'app/views.py', line: 1, snippet: "password = 'hu***'", context: 'code' },
      ],
    },
  },
  {
    name: 'missing bandit: unavailable with the reason',
    bandit: {
      status: 'missing',
      reason: 'bandit not found on PATH',
      findings: [raw('B602', 'app/views.py', 3)],
    },
    tests: ['B602'],
    expected: { status: 'unavailable', reason: 'bandit not found on PATH', findings: [] },
  },
  {
    name: 'disabled bandit',
    bandit: { status: 'disabled', reason: 'bandit disabled (--no-bandit)' },
    tests: ['B602'],
    expected: { status: 'unavailable', reason: 'bandit disabled (--no-bandit)', findings: [] },
  },
  {
    name: 'timed out',
    bandit: { status: 'timeout', reason: 'bandit timed out after 600 s' },
    tests: ['B602'],
    expected: { status: 'unavailable', reason: 'bandit timed out after 600 s', findings: [] },
  },
  {
    name: 'a status without a reason still says why',
    bandit: { status: 'missing' },
    tests: ['B602'],
    expected: { status: 'unavailable', reason: 'bandit not found on PATH', findings: [] },
  },
  {
    name: 'an error without a reason',
    bandit: { status: 'error' },
    tests: ['B602'],
    expected: { status: 'unavailable', reason: 'bandit failed', findings: [] },
  },
];

describe('bandit probe', () => {
  test.each(rows)('$name', ({ bandit, tests, expected }) => {
    const result = banditProbe.run(makeFacts({ files: FILES, bandit }), { tests });
    expect({
      status: result.status,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      findings: result.findings.map((f) => ({
        rule: f.rule,
        file: f.file,
        line: f.line,
        ...(f.snippet === undefined ? {} : { snippet: f.snippet }),
        context: f.context,
      })),
    }).toEqual(expected);
  });

  test("keeps bandit's message and column", () => {
    const facts = makeFacts({
      bandit: {
        findings: [raw('B602', 'app/x.py', 3, { message: 'subprocess call with shell=True', column: 5 })],
      },
    });
    const [f] = banditProbe.run(facts, { tests: ['B602'] }).findings;
    expect([f?.message, f?.column]).toEqual(['subprocess call with shell=True', 5]);
  });
});
