/** Small helpers the probes share: file context, lines, snippets, names, regex parameters. */
import safeRegex from 'safe-regex2';
import { fileContext } from '../repo/context.js';
import type { Facts, FileContext, RawFinding } from '../repo/types.js';
import { redactSecretsInLine } from '../util/redact.js';
import type { Probe } from './types.js';

/**
 * A probe that may also check its parameters beyond what JSON Schema can say (regex syntax).
 * The checklist loader calls `validate` after the schema accepted the parameters.
 */
export type ValidatingProbe<P = Record<string, unknown>> = Probe<P> & {
  validate?(params: P): string[];
};

/** Longest snippet kept, as RawFinding promises. */
export const MAX_SNIPPET = 200;

/**
 * Where a file sits, as the collector classified it (classified from its path when it is not
 * listed, e.g. a manifest read but not listed); evidence without a file counts as code.
 */
export function contextOf(facts: Facts, path: string | undefined): FileContext {
  if (path === undefined) return 'code';
  return contextIndex(facts).get(path) ?? fileContext(path);
}

// Probes look up the context of many findings in the same Facts: index it once per Facts.
const contextIndexes = new WeakMap<Facts, Map<string, FileContext>>();
function contextIndex(facts: Facts): Map<string, FileContext> {
  let index = contextIndexes.get(facts);
  if (index === undefined) {
    index = new Map(facts.files.map((f) => [f.path, f.context]));
    contextIndexes.set(facts, index);
  }
  return index;
}

/** The lines of a text, without their line terminators (\n or \r\n). */
export function splitLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** A source line made fit to show: secrets masked first (so a cut never leaves half a secret), then trimmed and shortened. */
export function snippetOf(line: string): string {
  const clean = redactSecretsInLine(line).trim();
  return clean.length <= MAX_SNIPPET ? clean : `${clean.slice(0, MAX_SNIPPET - 1)}…`;
}

/** A package name normalised as pip does (PEP 503): lower case, runs of `-`, `_`, `.` become `-`. */
export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** Flags a line regex may use: `g` and `y` make `test` stateful, `d` is of no use here. */
export const LINE_REGEX_FLAGS = /^(?:([imsuv])(?!.*\1))*$/;

/** Compiles a regex from checklist parameters; the problem in words when it does not compile. */
export function compileLineRegex(source: string, flags = ''): RegExp | string {
  if (!LINE_REGEX_FLAGS.test(flags)) return `invalid regex flags "${flags}" (allowed: i, m, s, u, v)`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (error) {
    return `invalid regex /${source}/${flags}: ${(error as Error).message}`;
  }
  // A checklist may come from the audited repository: a regex that backtracks exponentially
  // (nested quantifiers such as (a+)+) could hang the audit, so it is refused when loaded.
  if (!safeRegex(re)) return `regex /${source}/ may take exponential time (nested quantifiers); simplify it`;
  return re;
}

/** "1 dependency", "12 dependencies". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The built-in analyser's findings, indexed once per audit: positions in `findings`, by rule. */
export interface FindingIndex {
  byRule: ReadonlyMap<string, readonly number[]>;
  /** Positions of the `import:<module>` findings, in order. */
  imports: readonly number[];
  /** Positions of the `import:<module>` findings by the module's top-level package (`django`), in order. */
  importsByTop: ReadonlyMap<string, readonly number[]>;
}

const IMPORT_RULE = 'import:';
const indexes = new WeakMap<readonly RawFinding[], FindingIndex>();

/**
 * An index of `findings` (kept while the array lives): every probe call used to walk all of a
 * large tree's findings, thousands of imports among them, to pick out a few rules.
 */
export function findingIndex(findings: readonly RawFinding[]): FindingIndex {
  const known = indexes.get(findings);
  if (known !== undefined) return known;
  const byRule = new Map<string, number[]>();
  const imports: number[] = [];
  const importsByTop = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else list.push(i);
  };
  findings.forEach((f, i) => {
    if (f.rule.startsWith(IMPORT_RULE)) {
      imports.push(i);
      add(importsByTop, topLevel(f.rule.slice(IMPORT_RULE.length)), i);
    }
    add(byRule, f.rule, i);
  });
  const index = { byRule, imports, importsByTop };
  indexes.set(findings, index);
  return index;
}

/** `django` of `django.contrib.auth`. */
export function topLevel(module: string): string {
  const dot = module.indexOf('.');
  return dot < 0 ? module : module.slice(0, dot);
}

/**
 * Positions of the import findings of these modules or their submodules (`django.contrib` takes
 * `django.contrib.auth`), in the findings' order.
 */
export function importsWithin(findings: readonly RawFinding[], modules: readonly string[]): number[] {
  const index = findingIndex(findings);
  const tops = new Set(modules.map(topLevel));
  const out: number[] = [];
  for (const top of tops) {
    for (const i of index.importsByTop.get(top) ?? []) {
      const module = findings[i]?.rule.slice(IMPORT_RULE.length) ?? '';
      if (modules.some((m) => module === m || module.startsWith(`${m}.`))) out.push(i);
    }
  }
  return out.sort((a, b) => a - b);
}
