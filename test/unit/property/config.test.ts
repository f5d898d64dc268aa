/**
 * Property: vouch's settings of any content (`.vouch.yaml`, or `[tool.vouch]` in pyproject.toml)
 * read as settings or are refused with vouch's own UsageError naming `FILE:LINE` (and column
 * where the format gives one); never another exception, never a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { UsageError } from '../../../src/errors.js';
import {
  anyText,
  asToml,
  asYaml,
  bounded,
  hostile,
  mapOf,
  mutated,
  runs,
  structure,
  thrown,
} from './arbitraries.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-property-config-'));
const KEYS = [
  'checklists',
  'disable',
  'exclude',
  'bandit',
  'fail_on',
  'format',
  'output',
  'count_non_code',
  'count_suppressed',
  'max_age_days',
];
const WORDS = [
  ...KEYS.map((k) => `${k}:`),
  ...KEYS.map((k) => `${k} = `),
  '[tool.vouch]',
  '[tool.vouch.bandit]',
  'args:',
  '- -ll',
  '"-o"',
  'path: /usr/bin/bandit',
  'reports/',
  '../out.md',
];
const VALID_YAML = [
  'checklists: [extra.yaml]\ndisable:\n  a-item: not a web app\nexclude: ["vendor/**"]\nbandit:\n  args: ["-ll", "--skip", "B101"]\n  timeout: 60\nfail_on: review\nformat: md,json\noutput: reports/\nmax_age_days: 90\n',
  'disable:\n  - id: a-item\n    reason: why\ncount_non_code: true\n',
];
const VALID_TOML = [
  '[project]\nname = "app"\n\n[tool.vouch]\nchecklists = ["extra.yaml"]\nfail_on = "fail"\nformat = ["md", "sarif"]\n\n[tool.vouch.bandit]\nargs = ["-iii"]\nenabled = true\n',
  '[tool.vouch.disable]\na-item = "reason"\n',
];
const PATHS = fc.constantFrom(
  'reports/',
  'r.md',
  'r.txt',
  '../r.md',
  '/tmp/r.md',
  '.git/x.md',
  'a\0b',
  '',
  '~/x',
  'x/../../y',
);
const SETTINGS = mapOf({
  checklists: fc.array(PATHS, { maxLength: 2 }),
  disable: fc.oneof(
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    fc.array(mapOf({ id: fc.string({ maxLength: 5 }), reason: fc.string({ maxLength: 5 }) }), {
      maxLength: 2,
    }),
  ),
  exclude: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  bandit: mapOf({
    enabled: fc.boolean(),
    path: fc.constantFrom('/usr/bin/bandit', 'bandit', '/usr/bin/sh', './bandit', '/x/bandit\0'),
    args: fc.array(
      fc.constantFrom('-ll', '-o', 'out', '--skip', 'B101', '-sB101', '--skip=B1', '--out', '-', ''),
      {
        maxLength: 4,
      },
    ),
    timeout: fc.oneof(fc.double(), fc.integer()),
  }),
  fail_on: fc.constantFrom('fail', 'review', 'unanswered', 'none', 'never'),
  format: fc.oneof(
    fc.constantFrom('md', 'md, json', ''),
    fc.array(fc.constantFrom('md', 'html'), { maxLength: 2 }),
  ),
  output: PATHS,
  count_non_code: fc.oneof(fc.boolean(), fc.constant('yes')),
  count_suppressed: fc.boolean(),
  max_age_days: fc.oneof(fc.integer({ min: -2, max: 400 }), fc.double()),
});
const LOCATED = /^(?:\.vouch\.ya?ml|pyproject\.toml):\d+(?::\d+)?: \S/u;

function check(file: '.vouch.yaml' | 'pyproject.toml', text: string): void {
  rmSync(join(root, '.vouch.yaml'), { force: true });
  rmSync(join(root, 'pyproject.toml'), { force: true });
  writeFileSync(join(root, file), text);
  const error = thrown(() => bounded(() => loadConfig(root)));
  if (error === undefined) return;
  expect(error, String((error as Error).stack)).toBeInstanceOf(UsageError);
  const usage = error as UsageError;
  expect(usage.message).toMatch(LOCATED);
  for (const line of usage.details) expect(line).toMatch(LOCATED);
}

describe('settings: settings or a located UsageError, never another exception', () => {
  it('.vouch.yaml: any text, settings-shaped YAML and edited settings', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText(WORDS), asYaml(fc.oneof(SETTINGS, structure(KEYS))), mutated(VALID_YAML, WORDS)),
        (text) => check('.vouch.yaml', text),
      ),
      runs(300),
    );
  });

  it('pyproject.toml [tool.vouch]: any text, settings-shaped TOML and edited files', () => {
    const section = fc.oneof(
      asToml(SETTINGS.map((s) => ({ tool: { vouch: s } }))),
      asToml(fc.constant(null).chain(() => structure(KEYS).map((s) => ({ tool: { vouch: s } })))),
      anyText(WORDS).map((t) => `[tool.vouch]\n${t}`),
      mutated(VALID_TOML, WORDS),
    );
    fc.assert(
      fc.property(section, (text) => check('pyproject.toml', text)),
      runs(300),
    );
  });
});

describe('settings: never a hang', () => {
  it('long runs of YAML and TOML syntax', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('.vouch.yaml' as const, 'pyproject.toml' as const),
        hostile(
          [' ', '\n', '#', '[', '{', '"', "'", '- ', ': ', '=', 'a = 1\n', 'kN = 1\n'],
          ['', '[tool.vouch]\n', 'bandit:\n  args:\n'],
          64 * 1024,
        ),
        (file, { text }) => check(file, text),
      ),
      runs(20, { shrink: false }),
    );
  });
});
