/**
 * Property: `.vouch/answers.yaml` of any content reads as answers or is refused with vouch's own
 * UsageError naming `.vouch/answers.yaml:LINE:COL`, every further problem located too; never
 * another exception, never a hang.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswers } from '../../../src/answers/answers.js';
import { UsageError } from '../../../src/errors.js';
import { anyText, asYaml, bounded, hostile, mapOf, mutated, runs, structure, thrown } from './arbitraries.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-property-answers-'));
mkdirSync(join(root, '.vouch'));
const FILE = join(root, '.vouch', 'answers.yaml');

const WORDS = [
  'version: 1',
  'answers:',
  '  a-item:',
  'verdict: pass',
  'verdict: waived',
  'reason:',
  'expires: 2026-01-01',
  'note: |',
  'by:',
  'at:',
  'commit:',
  '&a',
  '*a',
  '!!binary',
];
const VALID = [
  "# vouch answers: a person's answers to checklist items. Commit this file.\nversion: 1\nanswers:\n  a-item:\n    verdict: pass\n    by: Ann <a@x>\n    at: 2026-11-28T00:00:00Z\n  b-item:\n    verdict: waived\n    reason: accepted risk\n    expires: 2027-01-01\n    note: |\n      multi\n      line\n",
  'version: 1\nanswers: {}\n',
];
const ANSWER = mapOf({
  verdict: fc.constantFrom('pass', 'fail', 'na', 'waived', 'review', ''),
  note: fc.string({ maxLength: 10 }),
  reason: fc.constantFrom('', 'because'),
  expires: fc.constantFrom('2026-01-01', '2026-1-1', 'never'),
  by: fc.string({ maxLength: 6 }),
  at: fc.string({ maxLength: 6 }),
  commit: fc.string({ maxLength: 6 }),
});
const ANSWERS = asYaml(
  mapOf({
    version: fc.constantFrom(1, 2, '1', null),
    answers: fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom('a-item', 'B_item', ''), fc.string({ maxLength: 6 })), ANSWER, {
        maxKeys: 4,
      }),
      structure(['a-item', 'verdict']),
    ),
  }),
);
const PIECES = [
  ' ',
  '\n',
  '\t',
  '#',
  '[',
  '{',
  '- ',
  '&a ',
  '*a ',
  '"',
  '? ',
  ': ',
  'a: b\n',
  'item-N:\n  verdict: pass\n',
];
const PREFIXES = ['', 'version: 1\nanswers:\n', 'version: 1\nanswers:\n  a-item:\n    note: "'];

function check(text: string): void {
  writeFileSync(FILE, text);
  const error = thrown(() => bounded(() => readAnswers(root)));
  if (error === undefined) return;
  expect(error, String((error as Error).stack)).toBeInstanceOf(UsageError);
  const usage = error as UsageError;
  expect(usage.message).toMatch(/^\.vouch\/answers\.yaml:\d+:\d+: \S.* \(the answers file is damaged; /u);
  for (const line of usage.details) expect(line).toMatch(/^\.vouch\/answers\.yaml:\d+:\d+: \S/u);
}

describe('answers reader: answers or a located UsageError, never another exception', () => {
  it('any text, answers-shaped YAML and edited answers files', () => {
    fc.assert(fc.property(fc.oneof(anyText(WORDS), ANSWERS, mutated(VALID, WORDS)), check), runs(300));
  });
});

describe('answers reader: never a hang', () => {
  it('long runs of YAML syntax and files of many answers', () => {
    fc.assert(
      fc.property(hostile(PIECES, PREFIXES, 64 * 1024), ({ text }) => check(text)),
      runs(20, { shrink: false }),
    );
  });
});
