import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswers, saveAnswer } from '../../../src/answers/answers.js';
import { UsageError } from '../../../src/errors.js';

function repo(answers?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'vouch-answers-'));
  if (answers !== undefined) {
    mkdirSync(join(root, '.vouch'));
    writeFileSync(join(root, '.vouch', 'answers.yaml'), answers);
  }
  return root;
}

function errorOf(root: string): string {
  try {
    readAnswers(root);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('answers file', () => {
  it('no file means no answers', () => {
    expect(readAnswers(repo())).toEqual({ version: 1, answers: {} });
  });

  it('round-trips answers, sorted, atomically written', () => {
    const root = repo();
    saveAnswer(root, 'b-item', { verdict: 'pass', by: 'Ann <a@x>', at: '2026-11-28T00:00:00Z', commit: 'abc' });
    saveAnswer(root, 'a-item', { verdict: 'waived', reason: 'legacy code', expires: '2027-01-31' });
    const file = readAnswers(root);
    expect(Object.keys(file.answers)).toEqual(['a-item', 'b-item']);
    expect(file.answers['a-item']).toEqual({ verdict: 'waived', reason: 'legacy code', expires: '2027-01-31' });
    const text = readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8');
    expect(text.indexOf('a-item')).toBeLessThan(text.indexOf('b-item'));
    saveAnswer(root, 'b-item', undefined);
    expect(Object.keys(readAnswers(root).answers)).toEqual(['a-item']);
  });

  const damaged: [string, string, string][] = [
    ['syntax', 'version: 1\nanswers:\n  a: [x\n', '.vouch/answers.yaml:4:1:'],
    ['wrong version', 'version: 2\nanswers: {}\n', '.vouch/answers.yaml:1:10: version must be equal to constant'],
    ['bad verdict', 'version: 1\nanswers:\n  a-item:\n    verdict: maybe\n', '.vouch/answers.yaml:4:14: answers.a-item.verdict must be one of: pass, fail, na, waived'],
    ['waiver without reason', 'version: 1\nanswers:\n  a-item:\n    verdict: waived\n', '.vouch/answers.yaml:4:5: answers.a-item: missing required key "reason"'],
    ['bad expiry', 'version: 1\nanswers:\n  a-item:\n    verdict: waived\n    reason: r\n    expires: soon\n', '.vouch/answers.yaml:6:14: answers.a-item.expires must match pattern'],
    ['unknown key', 'version: 1\nanswers:\n  a-item:\n    verdict: pass\n    mood: happy\n', '.vouch/answers.yaml:5:5: unknown key "mood" in answers.a-item'],
    ['empty', '', '.vouch/answers.yaml:1:1: the answers file is empty'],
  ];
  it.each(damaged)('a damaged file (%s) is a clear error with its position', (_name, text, expected) => {
    expect(errorOf(repo(text))).toContain(expected);
  });

  it('a damaged file is never overwritten', () => {
    const text = 'version: 1\nanswers:\n  a: [x\n';
    const root = repo(text);
    expect(() => saveAnswer(root, 'a-item', { verdict: 'pass' })).toThrow(UsageError);
    expect(readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8')).toBe(text);
  });
});
