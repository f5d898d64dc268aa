import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { stringify } from 'yaml';
import { UsageError } from '../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../util/atomic-write.js';
import { describeOwner, LockBusyError, lockSync, unlock } from '../util/pid-lock.js';
import { assertNoSymlink, ensureCacheDir } from '../util/vouch-dir.js';
import {
  formatProblem,
  positionOf,
  readYaml,
  schemaProblems,
  type ParsedYaml,
  type SourceProblem,
} from '../util/yaml-source.js';
import { parseCite } from './cites.js';
import type { Answer, AnswerBasis, AnswersFile } from './types.js';

export const ANSWERS_PATH = join('.vouch', 'answers.yaml');

/**
 * Held while one answer is recorded (read, merge, write: milliseconds). It lives in
 * `.vouch/cache/`, which does not make the tree dirty, so one left by a killed vouch does not
 * either; its holder's pid tells when it is stale.
 */
export const ANSWERS_LOCK_PATH = '.vouch/cache/answers.lock';
/** A hold longer than this is a holder that is gone (or a pid that was reused). */
const LOCK_STALE_MS = 10_000;
/** Waiting longer than this for a live holder is reported (it cannot happen with LOCK_STALE_MS). */
const LOCK_TIMEOUT_MS = 15_000;

const answerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict'],
  properties: {
    verdict: { enum: ['pass', 'fail', 'na', 'waived'] },
    note: { type: 'string' },
    reason: { type: 'string', minLength: 1 },
    expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    by: { type: 'string' },
    at: { type: 'string' },
    commit: { type: 'string' },
    cites: { type: 'array', items: { type: 'string', minLength: 1 } },
    basis: {
      type: 'object',
      additionalProperties: false,
      properties: {
        item: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        auto: { enum: ['pass', 'fail', 'review', 'na', 'unanswered'] },
        evidence: { type: 'array', items: { type: 'string' } },
        blobs: {
          type: 'object',
          additionalProperties: { type: 'string', pattern: '^[0-9a-f]{40}(?:[0-9a-f]{24})?$' },
        },
      },
    },
  },
  if: { properties: { verdict: { const: 'waived' } } },
  then: { required: ['reason'] },
};

// Compiled on first use: building a JSON Schema validator costs a tenth of a second, and most
// runs have no answers file yet.
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction =>
  (compiled ??= new Ajv2020({ allErrors: true }).compile(ANSWERS_SCHEMA));
const ANSWERS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'answers'],
  properties: {
    version: { const: 1 },
    answers: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      additionalProperties: answerSchema,
    },
  },
};

/**
 * Reads `.vouch/answers.yaml`; no file means no answers. A damaged file is a UsageError (exit 2).
 * Temp files of the answers file that a killed vouch left beside it are removed (every run reads
 * the answers first, before git is asked whether the tree is dirty).
 */
export function readAnswers(repoRoot: string): AnswersFile {
  const file = join(repoRoot, ANSWERS_PATH);
  assertNoSymlink(repoRoot, '.vouch/answers.yaml');
  removeStaleTemps(file);
  if (!existsSync(file)) return { version: 1, answers: {} };
  const parsed = readYaml(file, ANSWERS_PATH);
  let problems = parsed.problems;
  if (problems.length === 0 && (parsed.value === null || parsed.value === undefined)) {
    problems = [{ file: ANSWERS_PATH, line: 1, col: 1, message: 'the answers file is empty' }];
  }
  if (problems.length === 0 && !validator()(parsed.value)) {
    problems = schemaProblems(parsed, validator().errors ?? [], 'the answers file');
  }
  if (problems.length === 0) problems = citeProblems(parsed);
  const first = problems[0];
  if (first !== undefined) {
    throw new UsageError(
      `${formatProblem(first)} (the answers file is damaged; fix or remove it — vouch will not overwrite it)`,
      problems.slice(1).map(formatProblem),
    );
  }
  return parsed.value as AnswersFile;
}

function citeProblems(parsed: ParsedYaml): SourceProblem[] {
  const file = parsed.value as AnswersFile;
  const problems: SourceProblem[] = [];
  for (const [id, answer] of Object.entries(file.answers)) {
    (answer.cites ?? []).forEach((text, i) => {
      const cite = parseCite(text);
      if (typeof cite !== 'string') return;
      const at = positionOf(parsed, `/answers/${id}/cites/${i}`);
      problems.push({ file: ANSWERS_PATH, ...at, message: `${id}: bad cite ${cite}` });
    });
  }
  return problems;
}

/** The order of an answer's fields in the file: a re-recorded answer changes only its own lines. */
const ANSWER_KEYS: readonly (keyof Answer)[] = [
  'verdict',
  'note',
  'reason',
  'expires',
  'by',
  'at',
  'commit',
  'cites',
  'basis',
];
const BASIS_KEYS: readonly (keyof AnswerBasis)[] = ['item', 'auto', 'evidence', 'blobs'];

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of keys) {
    const v = value[key];
    // Drop undefined fields so YAML stays clean.
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** One answer with its fields, evidence and blobs in the file's fixed order. */
export function canonicalAnswer(answer: Answer): Answer {
  const out = ordered(answer, ANSWER_KEYS);
  if (answer.basis !== undefined) {
    const basis = ordered(answer.basis, BASIS_KEYS);
    if (basis.evidence !== undefined) basis.evidence = [...basis.evidence].sort();
    if (basis.blobs !== undefined) {
      basis.blobs = Object.fromEntries(
        Object.keys(basis.blobs)
          .sort()
          .map((path) => [path, basis.blobs![path]!]),
      );
    }
    out.basis = basis;
  }
  return out;
}

/** Serialises answers in a stable order (by item id, fields in a fixed order), with a header that says what the file is. */
export function formatAnswers(file: AnswersFile): string {
  const answers: Record<string, Answer> = {};
  for (const id of Object.keys(file.answers).sort()) {
    const a = file.answers[id];
    if (a === undefined) continue;
    answers[id] = canonicalAnswer(a);
  }
  return (
    "# vouch answers: a person's answers to checklist items. Commit this file.\n" +
    stringify({ version: 1, answers }, { lineWidth: 0 })
  );
}

/**
 * Records (or, with `undefined`, removes) one answer. Under the answers lock, re-reads the file
 * and changes only this item, so two vouch runs recording different items at the same moment
 * both land, and a damaged file is reported instead of replaced; writes atomically and durably.
 */
export function saveAnswer(repoRoot: string, itemId: string, answer: Answer | undefined): AnswersFile {
  assertNoSymlink(repoRoot, ANSWERS_LOCK_PATH);
  const lockPath = join(repoRoot, ANSWERS_LOCK_PATH);
  ensureCacheDir(repoRoot);
  removeStaleTemps(lockPath);
  let lock;
  try {
    lock = lockSync(lockPath, { maxAgeMs: LOCK_STALE_MS, timeoutMs: LOCK_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof LockBusyError)) throw error;
    throw new UsageError(
      `${ANSWERS_LOCK_PATH} is held by ${describeOwner(error.state.owner)}: another vouch is recording an answer and has not finished; if no vouch is running, remove that file`,
    );
  }
  try {
    const current = readAnswers(repoRoot);
    const answers = { ...current.answers };
    if (answer === undefined) delete answers[itemId];
    else answers[itemId] = answer;
    const next: AnswersFile = { version: 1, answers };
    writeFileAtomic(join(repoRoot, ANSWERS_PATH), formatAnswers(next));
    return next;
  } finally {
    unlock(lock);
  }
}
