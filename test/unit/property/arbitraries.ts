/**
 * Shared pieces of the property tests of vouch's readers: inputs nobody planned for (arbitrary
 * text, structures serialised as YAML or TOML, valid files mutated, long runs of the characters
 * parsers backtrack on) and the two things every reader must do with them: return a result or
 * vouch's own error with a location, and return at all.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { stringify as stringifyToml } from 'smol-toml';
import { stringify as stringifyYaml } from 'yaml';
import { expect } from 'vitest';

/**
 * A case that runs longer than this hangs (catastrophic regex backtracking, work quadratic in the
 * input): the readers handle every input below in milliseconds, and the inputs are large enough
 * (tens to hundreds of KiB) that quadratic work takes minutes. A hang detector, not a
 * performance threshold, so it is far above any time a working reader needs on a busy machine.
 */
export const HANG_MS = 10_000;

/** Size of the long-run ("hostile") inputs: a quarter of the 2 MiB a repository file may have. */
export const HOSTILE_BYTES = 256 * 1024;

/**
 * fast-check settings: `numRuns` cases (VOUCH_PROPERTY_RUNS overrides it, for a longer local
 * search), a time budget after which no new case starts, and, for the slow long-run inputs, no
 * shrinking (shrinking a hang re-runs it hundreds of times).
 */
export function runs(numRuns: number, opts: { shrink?: boolean } = {}): fc.Parameters<unknown> {
  const env = Number(process.env.VOUCH_PROPERTY_RUNS);
  return {
    numRuns: Number.isInteger(env) && env > 0 ? env : numRuns,
    interruptAfterTimeLimit: 30_000,
    markInterruptAsFailure: false,
    endOnFailure: opts.shrink === false,
  };
}

/** Calls `run`, failing when it takes longer than {@link HANG_MS}. */
export function bounded<T>(run: () => T): T {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  if (ms > HANG_MS) throw new Error(`a hang: one case took ${Math.round(ms)} ms`);
  return result;
}

/** {@link bounded} for an async call. */
export async function boundedAsync<T>(run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  if (ms > HANG_MS) throw new Error(`a hang: one case took ${Math.round(ms)} ms`);
  return result;
}

/** Calls `run` and returns what it threw (undefined when it returned). */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The characters the readers' grammars care about, and a few that break naive code. */
const SYNTAX = [
  ...' \t\n\r#;:=,.-_@[]{}()<>!~*?"\'\\/|&%$^+`',
  '\r\n',
  '\u2028',
  '\ufeff',
  '\u00a0',
  '\0',
  'é',
  '\ud800',
  '😀',
  'a',
  'Z',
  '0',
  '9',
];

/** Text from the syntax characters and the words of the formats (keys, section names, operators). */
export function tokenText(words: readonly string[], maxLength = 120): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...SYNTAX), fc.constantFrom(...words), fc.string({ maxLength: 6 })), {
      maxLength,
    })
    .map((parts) => parts.join(''));
}

/** Any text: random code points (lone surrogates included), or format-shaped token soup. */
export function anyText(words: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 400 }),
    tokenText(words, 200),
    fc.array(tokenText(words, 12), { maxLength: 40 }).map((lines) => lines.join('\n')),
  );
}

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'swap-lines'; a: number; b: number };

function applyMutation(text: string, m: Mutation): string {
  const at = (n: number): number => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'duplicate': {
      const start = at(m.at);
      return (
        text.slice(0, start + m.length) + text.slice(start, start + m.length) + text.slice(start + m.length)
      );
    }
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
  }
}

/** A valid file with a few edits: bytes deleted, inserted, duplicated, lines swapped, the end cut off. */
export function mutated(valid: readonly string[], words: readonly string[]): fc.Arbitrary<string> {
  const index = fc.nat({ max: 1_000_000 });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: index, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('insert' as const), at: index, text: tokenText(words, 8) }),
    fc.record({ op: fc.constant('duplicate' as const), at: index, length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ op: fc.constant('truncate' as const), at: index }),
    fc.record({ op: fc.constant('swap-lines' as const), a: index, b: index }),
  );
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([text, edits]) => edits.reduce(applyMutation, text));
}

/**
 * Long runs of what parsers backtrack on: one piece (a space, `#`, `[`, a line that opens a
 * table...) repeated up to `bytes`, between a short prefix and suffix; or many
 * distinct entries (`p1 = "*"`, `p2 = "*"`...) from a template with `N` for the number.
 */
export function hostile(
  pieces: readonly string[],
  prefixes: readonly string[] = [''],
  bytes = HOSTILE_BYTES,
): fc.Arbitrary<Described> {
  const suffix = fc.constantFrom('', 'x', '\n', '\r', '#', ' x', ']', '"', '\\');
  const run = fc
    .record({
      prefix: fc.constantFrom(...prefixes),
      piece: fc.constantFrom(...pieces.filter((p) => !p.includes('N'))),
      // Mostly the full size (where quadratic work shows), sometimes less.
      fill: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })),
      suffix,
    })
    .map(({ prefix, piece, fill, suffix: end }) => {
      const count = Math.max(1, Math.floor((bytes * fill) / piece.length));
      return described(
        prefix + piece.repeat(count) + end,
        prefix,
        `${JSON.stringify(piece)} × ${count}`,
        end,
      );
    });
  const templates = pieces.filter((p) => p.includes('N'));
  if (templates.length === 0) return run;
  const many = fc
    .record({ prefix: fc.constantFrom(...prefixes), template: fc.constantFrom(...templates), suffix })
    .map(({ prefix, template, suffix: end }) => {
      const count = Math.floor(bytes / (template.length + 4));
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push(template.replaceAll('N', String(i)));
      return described(
        prefix + out.join('') + end,
        prefix,
        `${JSON.stringify(template)} for N in 0..${count - 1}`,
        end,
      );
    });
  return fc.oneof(run, many);
}

/**
 * A long text that fast-check reports by its shape (`"a" + " " × 262144 + "x"`) rather than
 * quoting it whole. Its `text` is what the readers get.
 */
export interface Described {
  text: string;
  [fc.toStringMethod](): string;
}

function described(text: string, prefix: string, middle: string, suffix: string): Described {
  const shape = [JSON.stringify(prefix), middle, JSON.stringify(suffix)].join(' + ');
  return { text, [fc.toStringMethod]: () => shape };
}

/**
 * JSON-like values whose maps use the format's own keys (so the schema, not only the syntax, is
 * exercised), nested a few levels.
 */
export function structure(keys: readonly string[], strings: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    fc.constantFrom(...keys, 'name'),
    fc.string({ maxLength: 8 }),
    fc.constant('__proto__'),
  );
  const scalar = fc.oneof(
    fc.constantFrom(...strings, '', ' ', '*', '==1.0', '-', '..', '/'),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5, noNullPrototype: true }),
    ),
  }));
  return value;
}

/** A map with some of `keys` (each with a value from `value`), and sometimes a key of another name. */
export function mapOf(
  entries: Record<string, fc.Arbitrary<unknown>>,
  other: fc.Arbitrary<unknown> = fc.constant(1),
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(entries, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.string({ maxLength: 8 }), other), { nil: undefined }),
    )
    .map(([known, extra]) => (extra === undefined ? known : { ...known, [extra[0]]: extra[1] }));
}

/** YAML text for a value: block or flow style, or JSON (which is YAML). */
export function asYaml(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.tuple(value, fc.constantFrom('block', 'flow', 'json')).map(([v, style]) => {
    if (style === 'json') return JSON.stringify(v ?? null, null, 1) ?? 'null';
    return stringifyYaml(v, { lineWidth: 0, collectionStyle: style === 'flow' ? 'flow' : 'any' });
  });
}

/** TOML text for a table, when smol-toml can write it (null and mixed values cannot be). */
export function asToml(value: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return value.map((v) => {
    try {
      return stringifyToml(v);
    } catch {
      return '';
    }
  });
}

/**
 * A manifest as every manifest reader must return it: problems as `FILE:LINE: message` (or
 * `FILE: message` where the format gives no line), entries on a line of the file.
 */
export function expectLocatedManifest(
  manifest: { path: string; errors: string[]; dependencies: { file: string; line: number }[] },
  path: string,
  content: string,
): void {
  expect(manifest.path).toBe(path);
  for (const error of manifest.errors) {
    expect(error.startsWith(path), error).toBe(true);
    expect(error.slice(path.length), error).toMatch(/^(?::\d+)?: \S/u);
  }
  const lines = content.split(/\r?\n/u).length;
  for (const dep of manifest.dependencies) {
    expect(dep.file).toBe(path);
    expect(dep.line).toBeGreaterThanOrEqual(1);
    expect(dep.line).toBeLessThanOrEqual(lines);
  }
}
