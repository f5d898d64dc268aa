/**
 * Property: a sign-off record (`.vouch/signoffs/RELEASE.json`) of any content is read as found or
 * invalid (naming the file and why), never a throw; `vouch verify` on it gives a verdict with a
 * reason, never an exception; neither hangs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREDICATE_TYPE, STATEMENT_TYPE, parseStatement } from '../../../src/signoff/record.js';
import { SIGNOFF_DIR, readSignoff } from '../../../src/signoff/store.js';
import { verifySignoff } from '../../../src/signoff/verify.js';
import { makeChecklist } from '../signoff/helpers.js';
import { anyText, bounded, boundedAsync, hostile, mapOf, mutated, runs, structure } from './arbitraries.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-property-signoff-'));
mkdirSync(join(root, SIGNOFF_DIR), { recursive: true });
const COMMIT = 'c'.repeat(40);
const CHECKLIST = makeChecklist(['a-item', 'b-item']);

const VALID_STATEMENT = {
  _type: STATEMENT_TYPE,
  subject: [{ name: 'app', digest: { gitCommit: COMMIT } }],
  predicateType: PREDICATE_TYPE,
  predicate: {
    release: '1.0.0',
    signer: 'Ann <ann@example.com>',
    signedAt: '2026-11-28T12:00:00Z',
    tool: { name: 'vouch', version: '0.1.0' },
    checklist: { id: 'python-security', version: '1.0.0', sha256: CHECKLIST.sha256 },
    repository: { name: 'app', commit: COMMIT, dirty: false, allowDirty: false },
    summary: { pass: 2 },
    items: [
      { id: 'a-item', verdict: 'pass', source: 'answer' },
      { id: 'b-item', verdict: 'waived', source: 'manual', waiver: { reason: 'ok' } },
    ],
  },
};
const VALID = [JSON.stringify(VALID_STATEMENT, null, 2), JSON.stringify(VALID_STATEMENT)];
const WORDS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  'null',
  'true',
  '1e999',
  '-0',
  '"\\u0000"',
  '"_type"',
  '"subject"',
  '"predicate"',
  '"items"',
  '"verdict"',
  `"${COMMIT}"`,
];
const KEYS = [
  '_type',
  'subject',
  'predicateType',
  'predicate',
  'digest',
  'gitCommit',
  'release',
  'signer',
  'signedAt',
  'checklist',
  'sha256',
  'repository',
  'commit',
  'items',
  'id',
  'verdict',
  'source',
];
/** Records shaped like statements, each part valid or not. */
const STATEMENTS = mapOf({
  _type: fc.constantFrom(STATEMENT_TYPE, 'x', 1),
  subject: fc.oneof(fc.constant(VALID_STATEMENT.subject), structure(KEYS, [COMMIT])),
  predicateType: fc.constantFrom(PREDICATE_TYPE, null),
  predicate: fc.oneof(
    fc.constant(VALID_STATEMENT.predicate),
    mapOf({
      release: fc.constantFrom('1.0.0', '2.0.0', 1),
      signer: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('<a@b>  ')),
      signedAt: fc.oneof(
        fc.constantFrom('2026-11-28T12:00:00Z', 'yesterday', ''),
        fc.string({ maxLength: 5 }),
      ),
      checklist: fc.oneof(fc.constant(VALID_STATEMENT.predicate.checklist), structure(['sha256'])),
      repository: fc.oneof(
        fc.constant(VALID_STATEMENT.predicate.repository),
        structure(['commit'], [COMMIT]),
      ),
      items: fc.oneof(
        fc.array(
          mapOf({
            id: fc.constantFrom('a-item', 'b-item', 'c-item', ''),
            verdict: fc.constantFrom('pass', 'fail', 'review', 'unanswered', 'na', 'waived', 'x'),
            source: fc.constantFrom('answer', 'auto', 'disabled', 'none'),
          }),
          { maxLength: 4 },
        ),
        structure(['id', 'verdict']),
      ),
    }),
  ),
}).map((s) => JSON.stringify(s));
const RECORD = fc.oneof(anyText(WORDS), STATEMENTS, mutated(VALID, WORDS));
const FILE = join(root, SIGNOFF_DIR, '1.0.0.json');

function write(text: string, signature: boolean): void {
  writeFileSync(FILE, text);
  rmSync(`${FILE}.sig`, { force: true });
  if (signature) writeFileSync(`${FILE}.sig`, 'not a signature');
}

function checkRead(text: string, release: string | undefined): void {
  const read = bounded(() => readSignoff(root, release));
  expect(['found', 'invalid']).toContain(read.state);
  if (read.state === 'invalid') {
    expect(read.file).toBe(FILE);
    expect(read.release).toBe('1.0.0');
    expect(read.reason).toMatch(/\S/u);
  } else if (read.state === 'found') {
    expect(parseStatement(text, '1.0.0').ok).toBe(true);
  }
}

describe('sign-off records: found or invalid with a reason, never a throw', () => {
  it('any content, by release name and as the newest record', () => {
    fc.assert(
      fc.property(RECORD, fc.constantFrom('1.0.0', undefined), (text, release) => {
        write(text, false);
        checkRead(text, release);
      }),
      runs(400),
    );
  });
});

describe('vouch verify: a verdict with a reason, never an exception', () => {
  it('any record, signed or not, at HEAD or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        RECORD,
        fc.boolean(),
        fc.constantFrom(COMMIT, 'd'.repeat(40), undefined),
        fc.constantFrom([], ['src/app.py'], [`${SIGNOFF_DIR}/1.0.0.json`], undefined),
        async (text, signed, head, changed) => {
          write(text, signed);
          const result = await boundedAsync(() =>
            verifySignoff({
              root,
              release: '1.0.0',
              currentChecklist: CHECKLIST,
              head,
              changedSince: () => Promise.resolve(changed === undefined ? undefined : [...changed]),
            }),
          );
          expect(typeof result.ok).toBe('boolean');
          expect(result.reason).toMatch(/\S/u);
          if (!parseStatement(text, '1.0.0').ok) {
            expect(result.ok).toBe(false);
            expect(result.reason).toContain(`${SIGNOFF_DIR}/1.0.0.json: `);
          }
        },
      ),
      // Signed records run ssh-keygen, a real process each: fewer cases.
      runs(60),
    );
  });
});

describe('sign-off records: never a hang', () => {
  it('long runs of JSON syntax', () => {
    fc.assert(
      fc.property(
        hostile(
          ['[', '{', '"', '\\', ' ', '\n', '{"a":', '"\\u', '1', '-'],
          ['', '{"_type":"', '{"subject":['],
        ),
        ({ text }) => {
          write(text, false);
          checkRead(text, '1.0.0');
        },
      ),
      runs(20, { shrink: false }),
    );
  });
});
