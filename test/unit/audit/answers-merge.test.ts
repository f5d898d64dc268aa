import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answers/types.js';
import { applyAnswer, contradictsAuto, needsPerson, summarize } from '../../../src/audit/answers-merge.js';
import type { AuditItem, Verdict } from '../../../src/audit/types.js';

const now = new Date('2026-11-28T12:00:00Z');
function item(autoVerdict: Verdict): AuditItem {
  return {
    id: 'x',
    title: 'X',
    category: 'c',
    severity: 'high',
    verdict: autoVerdict,
    autoVerdict,
    source: autoVerdict === 'unanswered' ? 'none' : 'auto',
    reasons: ['python: 1 match'],
    evidence: [],
    item: {
      id: 'x',
      category: 'c',
      title: 'X',
      question: 'q',
      severity: 'high',
      guidance: '',
      remediation: '',
      references: {},
      checks: [],
    },
  };
}

describe('applyAnswer', () => {
  const rows: { name: string; auto: Verdict; answer?: Answer; verdict: Verdict; source: string }[] = [
    { name: 'no answer keeps the automatic verdict', auto: 'fail', verdict: 'fail', source: 'auto' },
    { name: 'no answer on a manual item', auto: 'unanswered', verdict: 'unanswered', source: 'none' },
    {
      name: 'a person answers a manual item',
      auto: 'unanswered',
      answer: { verdict: 'pass' },
      verdict: 'pass',
      source: 'manual',
    },
    {
      name: 'a person decides a review',
      auto: 'review',
      answer: { verdict: 'fail' },
      verdict: 'fail',
      source: 'manual',
    },
    {
      name: 'agreeing with auto is not an override',
      auto: 'pass',
      answer: { verdict: 'pass' },
      verdict: 'pass',
      source: 'manual',
    },
    {
      name: 'contradicting auto is an override',
      auto: 'fail',
      answer: { verdict: 'pass', note: 'false positive' },
      verdict: 'pass',
      source: 'override',
    },
    {
      name: 'na over a fail is an override',
      auto: 'fail',
      answer: { verdict: 'na' },
      verdict: 'na',
      source: 'override',
    },
    {
      name: 'a waiver of a fail holds',
      auto: 'fail',
      answer: { verdict: 'waived', reason: 'legacy', expires: '2027-01-01' },
      verdict: 'waived',
      source: 'manual',
    },
    {
      name: 'a waiver without expiry holds',
      auto: 'fail',
      answer: { verdict: 'waived', reason: 'legacy' },
      verdict: 'waived',
      source: 'manual',
    },
    {
      name: 'an expired waiver falls back to auto',
      auto: 'fail',
      answer: { verdict: 'waived', reason: 'legacy', expires: '2026-11-27' },
      verdict: 'fail',
      source: 'auto',
    },
    {
      name: 'a waiver expiring today still holds',
      auto: 'fail',
      answer: { verdict: 'waived', reason: 'legacy', expires: '2026-11-28' },
      verdict: 'waived',
      source: 'manual',
    },
  ];
  it.each(rows)('$name', ({ auto, answer, verdict, source }) => {
    const out = applyAnswer(item(auto), answer, now);
    expect(out.verdict).toBe(verdict);
    expect(out.source).toBe(source);
  });

  it('records who, when and the note; an expired waiver says so', () => {
    const out = applyAnswer(
      item('fail'),
      { verdict: 'waived', reason: 'r', expires: '2020-01-01', by: 'Ann', at: '2020' },
      now,
    );
    expect(out.reasons).toContain('waiver expired on 2020-01-01');
    expect(out.answeredBy).toBe('Ann');
    expect(out.waiver).toEqual({ reason: 'r', expires: '2020-01-01' });
  });

  it('answering again replaces the previous answer', () => {
    const once = applyAnswer(item('unanswered'), { verdict: 'pass', note: 'a' }, now);
    const twice = applyAnswer(once, undefined, now);
    expect(twice.verdict).toBe('unanswered');
    expect(twice.note).toBeUndefined();
  });
});

describe('contradictsAuto / needsPerson / summarize', () => {
  it.each([
    ['fail', 'pass', true],
    ['pass', 'fail', true],
    ['fail', 'waived', false],
    ['review', 'pass', false],
    ['unanswered', 'fail', false],
    ['pass', 'pass', false],
  ] as [Verdict, Verdict, boolean][])('auto %s, given %s → %s', (auto, given, expected) => {
    expect(contradictsAuto(auto, given)).toBe(expected);
  });
  it('needs a person for review and unanswered only', () => {
    expect((['fail', 'review', 'unanswered', 'pass'] as Verdict[]).map((v) => needsPerson(item(v)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
  it('counts every verdict', () => {
    const s = summarize([item('fail'), item('fail'), item('pass')]);
    expect(s.total).toBe(3);
    expect(s.counts).toEqual({ fail: 2, review: 0, unanswered: 0, waived: 0, pass: 1, na: 0 });
  });
});
