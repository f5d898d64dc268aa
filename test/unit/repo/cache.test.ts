import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CACHE_PATH,
  cacheKey,
  cacheKeyFile,
  readCache,
  writeCache,
  type CacheData,
} from '../../../src/repo/cache.js';
import { cleanup, tempDir } from './fixture.js';

const made: string[] = [];
afterAll(() => cleanup(...made));

function dir(): string {
  const d = tempDir('vouch-cache-');
  made.push(d);
  return d;
}

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);
const DATA: CacheData = {
  version: 2,
  python: {
    key: 'k',
    files: {
      'app.py': {
        sha: 'abc',
        findings: [{ rule: 'py-eval', message: 'eval', file: 'app.py', line: 1 }],
        errors: [],
      },
    },
  },
};
/** What a poisoned cache says: the same file, no findings. */
const CLEAN: CacheData = {
  version: 2,
  python: { key: 'k', files: { 'app.py': { sha: 'abc', findings: [], errors: [] } } },
};

describe('the analysis cache only trusts what this user wrote', () => {
  it('reads back what it wrote with the same key', () => {
    const root = dir();
    writeCache(root, DATA, KEY);
    expect(readCache(root, KEY)).toEqual(DATA);
  });

  const forged: { name: string; content: (root: string) => string }[] = [
    {
      name: 'plain JSON, as older vouch wrote it (or a committed file)',
      content: () => JSON.stringify(CLEAN),
    },
    {
      name: 'a tag made with another key',
      content: (root) => {
        writeCache(root, CLEAN, OTHER_KEY);
        return readFileSync(join(root, CACHE_PATH), 'utf8');
      },
    },
    {
      name: 'a valid file whose body was edited',
      content: (root) => {
        writeCache(root, DATA, KEY);
        const [tag] = readFileSync(join(root, CACHE_PATH), 'utf8').split('\n');
        return `${tag}\n${JSON.stringify(CLEAN)}`;
      },
    },
    { name: 'an empty tag', content: () => `\n${JSON.stringify(CLEAN)}` },
  ];
  it.each(forged)('ignores $name', ({ content }) => {
    const root = dir();
    const text = content(root);
    mkdirSync(join(root, '.vouch', 'cache'), { recursive: true });
    writeFileSync(join(root, CACHE_PATH), text);
    expect(readCache(root, KEY)).toEqual({ version: 2 });
  });

  it('neither reads nor writes without a key', () => {
    const root = dir();
    writeCache(root, DATA, null);
    expect(existsSync(join(root, CACHE_PATH))).toBe(false);
    writeCache(root, DATA, KEY);
    expect(readCache(root, null)).toEqual({ version: 2 });
  });

  it('ignores a cache reached through a symbolic link, and will not write through one', () => {
    const root = dir();
    const elsewhere = dir();
    writeCache(elsewhere, DATA, KEY);
    mkdirSync(join(root, '.vouch'));
    symlinkSync(join(elsewhere, '.vouch', 'cache'), join(root, '.vouch', 'cache'));
    expect(readCache(root, KEY)).toEqual({ version: 2 });
    expect(() => writeCache(root, CLEAN, KEY)).toThrow(/symbolic link/);
    expect(readCache(elsewhere, KEY)).toEqual(DATA);
  });
});

describe('the cache folder stays out of version control', () => {
  it('writes .vouch/cache/.gitignore, so `git add -A` leaves the cache out', () => {
    const root = dir();
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeCache(root, DATA, KEY);
    expect(readFileSync(join(root, '.vouch', 'cache', '.gitignore'), 'utf8')).toContain('*');
    execFileSync('git', ['add', '-A'], { cwd: root });
    const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: root, encoding: 'utf8' });
    expect(staged).not.toContain('.vouch/cache/');
  });

  it('keeps a .gitignore the project wrote there', () => {
    const root = dir();
    mkdirSync(join(root, '.vouch', 'cache'), { recursive: true });
    writeFileSync(join(root, '.vouch', 'cache', '.gitignore'), 'analysis-v2.json\n');
    writeCache(root, DATA, KEY);
    expect(readFileSync(join(root, '.vouch', 'cache', '.gitignore'), 'utf8')).toBe('analysis-v2.json\n');
  });
});

describe('cacheKey', () => {
  it('creates a private key once and returns the same key after', () => {
    const file = join(dir(), 'vouch', 'cache.key');
    const first = cacheKey(file);
    expect(first).toHaveLength(32);
    expect(cacheKey(file)).toEqual(first);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  const refused: { name: string; setup: (file: string) => void }[] = [
    {
      name: 'a key readable by others',
      setup: (file) => {
        writeFileSync(file, `${'a'.repeat(64)}\n`);
        chmodSync(file, 0o644);
      },
    },
    { name: 'a key that is not hex', setup: (file) => writeFileSync(file, 'not a key\n', { mode: 0o600 }) },
    {
      name: 'a key that is a symbolic link',
      setup: (file) => {
        const target = `${file}.real`;
        writeFileSync(target, `${'a'.repeat(64)}\n`, { mode: 0o600 });
        symlinkSync(target, file);
      },
    },
  ];
  it.each(refused)('refuses $name', ({ setup }) => {
    const file = join(dir(), 'cache.key');
    setup(file);
    expect(cacheKey(file)).toBeNull();
  });

  const locations: { name: string; env: NodeJS.ProcessEnv; expected: RegExp }[] = [
    {
      name: 'XDG_CACHE_HOME',
      env: { XDG_CACHE_HOME: '/x/cache' },
      expected: /^\/x\/cache\/vouch\/cache\.key$/,
    },
    {
      name: 'a relative XDG_CACHE_HOME is ignored',
      env: { XDG_CACHE_HOME: 'rel' },
      expected: /\/\.cache\/vouch\/cache\.key$/,
    },
    { name: 'the home folder otherwise', env: {}, expected: /\/\.cache\/vouch\/cache\.key$/ },
  ];
  it.each(locations)('$name', ({ env, expected }) => {
    expect(cacheKeyFile(env)).toMatch(expected);
  });
});
