import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answers/types.js';
import {
  carryCites,
  staleReasons,
  type CurrentState,
  type PathChange,
} from '../../../src/answers/staleness.js';

const DIGEST = 'a'.repeat(64);
const BLOB = 'b'.repeat(40);

/** A pass answered with a review verdict, one finding shown, a file and a line range cited. */
const ANSWER: Answer = {
  verdict: 'pass',
  note: 'Flask-Limiter on the login view',
  commit: 'c'.repeat(40),
  cites: ['app/limits.py', 'app/views.py:40-60'],
  basis: {
    item: DIGEST,
    auto: 'review',
    evidence: ['app/api.py:88 [py-limit]'],
    blobs: { 'app/api.py': BLOB, 'app/limits.py': BLOB, 'app/views.py': BLOB },
  },
};

const NOW: CurrentState = {
  itemDigest: DIGEST,
  autoVerdict: 'review',
  evidence: [{ file: 'app/api.py', line: 88, rule: 'py-limit' }],
};

interface Row {
  name: string;
  answer?: Answer;
  now?: Partial<CurrentState>;
  changes?: Record<string, PathChange>;
  expected: string[];
}

const rows: Row[] = [
  { name: 'nothing changed', expected: [] },
  {
    name: 'cited range: file edited inside the range',
    changes: {
      'app/views.py': {
        kind: 'modified',
        commit: '4f2c1e0',
        hunks: [{ oldStart: 45, oldCount: 2, newStart: 45, newCount: 3 }],
      },
    },
    expected: ['app/views.py:40-60 changed in 4f2c1e0 (lines 45-46)'],
  },
  {
    name: 'cited range: file edited outside the range (lines above shifted)',
    changes: {
      'app/views.py': {
        kind: 'modified',
        commit: '4f2c1e0',
        hunks: [
          { oldStart: 3, oldCount: 0, newStart: 4, newCount: 5 },
          { oldStart: 80, oldCount: 1, newStart: 85, newCount: 1 },
        ],
      },
    },
    expected: [],
  },
  {
    name: 'cited range: lines added right after its last line',
    changes: {
      'app/views.py': {
        kind: 'modified',
        commit: '4f2c1e0',
        hunks: [{ oldStart: 60, oldCount: 0, newStart: 61, newCount: 2 }],
      },
    },
    expected: [],
  },
  {
    name: 'cited file edited',
    changes: {
      'app/limits.py': {
        kind: 'modified',
        commit: '4f2c1e0',
        hunks: [{ oldStart: 1, oldCount: 1, newStart: 1, newCount: 1 }],
      },
    },
    expected: ['app/limits.py changed in 4f2c1e0'],
  },
  {
    name: 'cited file edited, not committed',
    changes: {
      'app/limits.py': { kind: 'modified', hunks: [{ oldStart: 1, oldCount: 1, newStart: 1, newCount: 1 }] },
    },
    expected: ['app/limits.py changed (not committed)'],
  },
  {
    name: 'cited range, git cannot tell the lines',
    changes: { 'app/views.py': { kind: 'modified', commit: '4f2c1e0' } },
    expected: ['app/views.py:40-60 changed in 4f2c1e0; git cannot tell which lines'],
  },
  {
    name: 'cited file deleted',
    changes: { 'app/limits.py': { kind: 'deleted', commit: '4f2c1e0' } },
    expected: ['app/limits.py was deleted in 4f2c1e0'],
  },
  {
    name: 'cited file renamed unchanged',
    changes: { 'app/limits.py': { kind: 'renamed', to: 'app/rate.py', hunks: [], commit: '4f2c1e0' } },
    expected: [],
  },
  {
    name: 'cited file renamed and edited',
    changes: {
      'app/limits.py': {
        kind: 'renamed',
        to: 'app/rate.py',
        commit: '4f2c1e0',
        hunks: [{ oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 }],
      },
    },
    expected: ['app/limits.py was renamed to app/rate.py and changed in 4f2c1e0'],
  },
  {
    name: 'cited range renamed and edited inside the range',
    changes: {
      'app/views.py': {
        kind: 'renamed',
        to: 'app/routes.py',
        commit: '4f2c1e0',
        hunks: [{ oldStart: 50, oldCount: 1, newStart: 50, newCount: 1 }],
      },
    },
    expected: ['app/views.py:40-60 (now app/routes.py) changed in 4f2c1e0 (line 50)'],
  },
  {
    name: 'new finding for the item a person passed',
    now: {
      evidence: [
        { file: 'app/api.py', line: 88, rule: 'py-limit' },
        { file: 'app/api.py', line: 120, rule: 'py-limit' },
      ],
    },
    expected: ['1 new finding since the answer (app/api.py:120)'],
  },
  {
    name: 'finding moved to another line (code above it grew): not new',
    now: { evidence: [{ file: 'app/api.py', line: 95, rule: 'py-limit' }] },
    expected: [],
  },
  {
    name: 'finding followed through a rename of its file',
    now: { evidence: [{ file: 'app/http.py', line: 88, rule: 'py-limit' }] },
    changes: { 'app/api.py': { kind: 'renamed', to: 'app/http.py', hunks: [], commit: '4f2c1e0' } },
    expected: [],
  },
  {
    name: 'finding removed under a pass: the pass still holds',
    now: { evidence: [] },
    expected: [],
  },
  {
    name: 'finding removed under a waiver: what it accepted is gone',
    answer: { ...ANSWER, verdict: 'waived', reason: 'legacy' },
    now: { evidence: [] },
    expected: ['1 finding gone since the answer (app/api.py:88)'],
  },
  {
    name: 'automatic verdict changed',
    now: {
      autoVerdict: 'fail',
      evidence: [
        { file: 'app/api.py', line: 88, rule: 'py-limit' },
        { file: 'app/api.py', line: 90, rule: 'py-other' },
      ],
    },
    expected: [
      'the automatic verdict was review when answered and is fail now',
      '1 new finding since the answer (app/api.py:90)',
    ],
  },
  {
    name: 'item text changed',
    now: { itemDigest: 'd'.repeat(64) },
    expected: ["the checklist item's text changed since the answer"],
  },
  {
    name: 'an answer recording nothing (written before vouch kept a basis) never goes stale',
    answer: { verdict: 'pass', note: 'old' },
    now: { autoVerdict: 'fail', itemDigest: 'd'.repeat(64) },
    expected: [],
  },
];

describe('staleReasons', () => {
  it.each(rows)('$name', ({ answer, now, changes, expected }) => {
    const reasons = staleReasons({
      answer: answer ?? ANSWER,
      now: { ...NOW, ...now },
      changes: changes ?? {},
    });
    expect(reasons.map((r) => r.text)).toEqual(expected);
  });
});

describe('carryCites (a re-confirmed answer keeps its cites where the code went)', () => {
  const cases: [string, string[], Record<string, PathChange>, string[]][] = [
    ['unchanged', ['app/a.py', 'app/b.py:4-6'], {}, ['app/a.py', 'app/b.py:4-6']],
    ['renamed', ['app/a.py'], { 'app/a.py': { kind: 'renamed', to: 'app/z.py', hunks: [] } }, ['app/z.py']],
    ['deleted dropped', ['app/a.py', 'app/b.py'], { 'app/a.py': { kind: 'deleted' } }, ['app/b.py']],
    [
      'range moved by lines added above it',
      ['app/b.py:10-20'],
      { 'app/b.py': { kind: 'modified', hunks: [{ oldStart: 2, oldCount: 0, newStart: 3, newCount: 4 }] } },
      ['app/b.py:14-24'],
    ],
    [
      'range grown by lines added inside it',
      ['app/b.py:10-20'],
      { 'app/b.py': { kind: 'modified', hunks: [{ oldStart: 12, oldCount: 1, newStart: 12, newCount: 3 }] } },
      ['app/b.py:10-22'],
    ],
  ];
  it.each(cases)('%s', (_name, cites, changes, expected) => {
    expect(carryCites(cites, changes)).toEqual(expected);
  });
});
