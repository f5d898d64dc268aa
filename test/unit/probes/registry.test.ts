import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { getProbe, PROBES } from '../../../src/probes/registry.js';

const ROOT = join(import.meta.dirname, '../../..');
const ids = PROBES.map((p) => p.id);

/** Probe ids in the first column of docs/probes.md's probe table. */
function documentedIds(): string[] {
  const lines = readFileSync(join(ROOT, 'docs/probes.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\|\s*probe\s*\|/.test(l));
  const out: string[] = [];
  for (const line of lines.slice(start + 2)) {
    const m = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m === null) break;
    out.push(m[1] ?? '');
  }
  return out;
}

describe('probe registry', () => {
  test('ids are unique and sorted', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  test.each(ids)('%s has a test file', (id) => {
    expect(existsSync(join(ROOT, 'test/unit/probes', `${id}.test.ts`))).toBe(true);
  });

  test.each(ids)('getProbe(%s) finds it', (id) => {
    expect(getProbe(id)?.id).toBe(id);
  });

  test('getProbe of an unknown id is undefined', () => {
    expect(getProbe('nope')).toBeUndefined();
  });

  test('every probe in docs/probes.md exists, and every probe is documented', () => {
    const documented = documentedIds();
    expect(documented.length).toBeGreaterThanOrEqual(10);
    expect([...documented].sort()).toEqual(ids);
  });

  test('every probe object in src/probes/ is registered', async () => {
    const found: string[] = [];
    for (const file of readdirSync(join(ROOT, 'src/probes')).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(pathToFileURL(join(ROOT, 'src/probes', file)).href)) as Record<
        string,
        unknown
      >;
      for (const value of Object.values(module)) {
        if (
          typeof value === 'object' &&
          value !== null &&
          'id' in value &&
          'run' in value &&
          'paramsSchema' in value
        ) {
          found.push((value as { id: string }).id);
        }
      }
    }
    expect([...new Set(found)].sort()).toEqual(ids);
  });

  test.each(PROBES.map((p) => [p.id, p] as const))(
    '%s: a yes/no question and a strict 2020-12 schema',
    (_id, probe) => {
      expect(probe.description).toMatch(/^[A-Z].*\?$/);
      expect(probe.paramsSchema).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        additionalProperties: false,
      });
      expect(() =>
        new Ajv2020({ strict: true, strictRequired: false }).compile(probe.paramsSchema),
      ).not.toThrow();
    },
  );
});

// What a checklist author may write under `with:`, and what the loader must refuse.
const PARAMS: [string, Record<string, unknown>, boolean][] = [
  ['bandit', { tests: ['B102', 'B307'] }, true],
  ['bandit', {}, false],
  ['bandit', { tests: ['eval'] }, false],
  ['bandit', { tests: ['B102'], extra: 1 }, false],
  ['python', { rules: ['py-eval'] }, true],
  ['python', { imports: ['cryptography.fernet'] }, true],
  ['python', {}, false],
  ['python', { imports: ['not a module'] }, false],
  ['secrets', {}, true],
  ['secrets', { kinds: ['github-token', 'private-key'] }, true],
  ['secrets', { kinds: ['github'] }, false],
  ['env-files', {}, true],
  ['env-files', { strict: true }, false],
  ['dependency', { names: ['Flask_WTF'] }, true],
  ['dependency', { any: true }, true],
  ['dependency', { any: false }, false],
  ['dependency', {}, false],
  ['pinned-dependencies', {}, true],
  ['pinned-dependencies', { require_hashes: true }, true],
  ['pinned-dependencies', { require_hashes: 'yes' }, false],
  ['pattern', { files: ['templates/**/*.html'], regex: '\\|\\s*safe', message: 'marks data safe' }, true],
  ['pattern', { files: ['*.html'], regex: 'x', flags: 'i', message: 'm' }, true],
  ['pattern', { files: ['*.html'], regex: 'x' }, false],
  ['pattern', { files: ['*.html'], regex: 'x', flags: 'g', message: 'm' }, false],
  ['file', { paths: ['.github/dependabot.yml'] }, true],
  ['file', { paths: ['.github/workflows/*.yml'], contains: 'bandit', message: 'bandit in CI' }, true],
  ['file', { paths: [] }, false],
  ['tool', { names: ['bandit', 'pip-audit'] }, true],
  ['tool', { names: ['rm -rf'] }, false],
  ['pip-audit', {}, true],
  ['pip-audit', { fix: true }, false],
];

describe('parameter schemas', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  test.each(PARAMS)('%s with %j → valid: %s', (id, params, valid) => {
    const probe = getProbe(id);
    expect(probe).toBeDefined();
    expect(ajv.validate(probe?.paramsSchema ?? {}, params)).toBe(valid);
  });
});
