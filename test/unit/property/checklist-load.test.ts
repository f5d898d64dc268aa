/**
 * Property: a checklist file of any content loads into a checklist or is refused with vouch's
 * own UsageError, every problem in it as `FILE:LINE:COL: message`; never another exception,
 * never a hang. The real probes check `checks:` and `with:` (their regex parameters included).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChecklists } from '../../../src/checklist/load.js';
import { UsageError } from '../../../src/errors.js';
import { PROBES } from '../../../src/probes/registry.js';
import { anyText, asYaml, bounded, hostile, mapOf, mutated, runs, structure, thrown } from './arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-property-checklist-'));
const FILE = join(dir, 'checklist.yaml');

const PROBE_IDS = PROBES.map((p) => p.id);
const PARAM_KEYS = PROBES.flatMap((p) =>
  Object.keys((p.paramsSchema as { properties?: Record<string, unknown> }).properties ?? {}),
);
const WORDS = [
  'id:',
  'title:',
  'version:',
  'categories:',
  'items:',
  '- id: a-item',
  'category: web',
  'question:',
  'severity: high',
  'checks:',
  '- probe: ',
  'with:',
  'applies_if:',
  'on_match: fail',
  '&a',
  '*a',
  '!!str',
  '? ',
  '---',
  '...',
  ...PROBE_IDS,
  ...PARAM_KEYS,
];

/** The start of the real checklist (a few items), and a small one. */
const REAL = readFileSync(new URL('../../../checklists/python-security.yaml', import.meta.url), 'utf8')
  .split('\n')
  .slice(0, 160)
  .join('\n');
const SMALL = `id: demo
title: Demo
version: "1"
categories:
  - id: web
    title: Web
items:
  - id: a-item
    category: web
    title: A
    question: Is it?
    severity: high
    checks:
      - probe: pattern
        with: { files: ["*.html"], regex: "<script", message: inline script }
        on_match: review
    applies_if:
      probe: file
      with: { paths: [setup.py] }
`;

const SLUG = fc.oneof(
  fc.constantFrom('a-item', 'b-item', 'web', 'ops', 'Bad_Id', ''),
  fc.string({ maxLength: 6 }),
);
const PARAMS = fc.oneof(
  structure(PARAM_KEYS, ['*.py', '**/*.html', '(a+)+', '[', '(?<n>x)\\k<n>', 'x', 'imsuv', 'i', 'q']),
  fc.record(
    {
      files: fc.array(fc.constantFrom('*.html', '', '!x', '**'), { maxLength: 2 }),
      paths: fc.array(fc.constantFrom('setup.py', '.github/**', ''), { maxLength: 2 }),
      regex: fc.oneof(
        fc.constantFrom('(a+)+', '[', 'x{2,1}', '(?<=a)b', '\\p{L}', 'a|b'),
        fc.string({ maxLength: 8 }),
      ),
      contains: fc.string({ maxLength: 8 }),
      flags: fc.constantFrom('', 'i', 'u', 'v', 'uv', 'g', 'iiii'),
      message: fc.string({ maxLength: 8 }),
      tools: fc.array(fc.constantFrom('bandit', 'semgrep', 'nope'), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
);
const CHECK = mapOf({
  probe: fc.oneof(fc.constantFrom(...PROBE_IDS), fc.string({ maxLength: 6 })),
  with: PARAMS,
  on_match: fc.constantFrom('fail', 'pass', 'review', 'na', 'skip', 'nope'),
  on_none: fc.constantFrom('pass', 'fail'),
  on_unavailable: fc.constantFrom('review', 'x'),
});
const ITEM = mapOf({
  id: SLUG,
  category: SLUG,
  title: fc.string({ maxLength: 6 }),
  question: fc.string({ maxLength: 6 }),
  severity: fc.constantFrom('high', 'medium', 'low', 'urgent'),
  checks: fc.oneof(fc.array(CHECK, { maxLength: 3 }), structure(['probe'])),
  applies_if: fc.oneof(CHECK, fc.array(CHECK, { maxLength: 2 })),
  references: structure(['owasp', 'cwe']),
});
const CHECKLIST = asYaml(
  mapOf({
    id: SLUG,
    title: fc.string({ maxLength: 6 }),
    version: fc.oneof(fc.constant('1'), fc.integer()),
    categories: fc.array(mapOf({ id: SLUG, title: fc.string({ maxLength: 6 }) }), { maxLength: 3 }),
    items: fc.oneof(fc.array(ITEM, { maxLength: 4 }), structure(['id'])),
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
  "'",
  '? ',
  ': ',
  '!!str ',
  '\\',
  'a: b\n',
];
const PREFIXES = ['', 'id: ', 'items:\n', 'items:\n  - ', 'a: "', "a: '", 'a: |\n  '];

function check(text: string): void {
  writeFileSync(FILE, text);
  const error = thrown(() => bounded(() => loadChecklists([FILE], { probes: PROBES, cwd: dir })));
  if (error === undefined) return;
  expect(error, String((error as Error).stack)).toBeInstanceOf(UsageError);
  const usage = error as UsageError;
  expect(usage.message).toMatch(/^\d+ problems? in checklist checklist\.yaml$/u);
  expect(usage.details.length).toBeGreaterThan(0);
  for (const line of usage.details) expect(line).toMatch(/^checklist\.yaml:\d+:\d+: \S/u);
}

describe('checklist loader: a checklist or a located UsageError, never another exception', () => {
  it('any text, checklist-shaped YAML and edited checklists', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(WORDS), CHECKLIST, mutated([REAL, SMALL], WORDS)), check),
      runs(250),
    );
  });

  it('documents nested deeper than vouch reads are a located problem, not a crash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 3000 }), fc.constantFrom('[', '{a: ', '- '), (depth, open) => {
        const close = open === '[' ? ']' : open === '{a: ' ? '}' : '';
        check(`id: x\nitems: ${open.repeat(depth)}1${close.repeat(depth)}\n`);
      }),
      runs(20),
    );
  });
});

describe('checklist loader: never a hang', () => {
  it('long runs of YAML syntax', () => {
    fc.assert(
      fc.property(hostile(PIECES, PREFIXES, 64 * 1024), ({ text }) => check(text)),
      runs(20, { shrink: false }),
    );
  });
});
