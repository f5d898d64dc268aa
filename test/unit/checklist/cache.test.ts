import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checklistCacheName, loadChecklistsCached } from '../../../src/checklist/cache.js';
import { loadChecklists } from '../../../src/checklist/load.js';
import { PROBES } from '../../../src/probes/registry.js';
import { writeSigned } from '../../../src/repo/cache.js';
import { defaultChecklistPath } from '../../../src/util/package-root.js';
import { cleanup, tempDir } from '../repo/fixture.js';

const made: string[] = [];
afterAll(() => cleanup(...made));

const KEY = Buffer.alloc(32, 3);

function setup() {
  const base = tempDir('vouch-checklist-cache-');
  made.push(base);
  const file = join(base, 'checklist.yaml');
  copyFileSync(defaultChecklistPath(), file);
  const folder = join(base, 'cache');
  const options = { probes: PROBES, codeDigest: 'build-1', folder, key: KEY, cwd: base };
  return { base, file, folder, options };
}

/** Replaces the kept checklist's title, signed (as this user would) or not. */
function rewriteKept(folder: string, name: string, title: string, signed: boolean): void {
  const path = join(folder, name);
  const body = readFileSync(path, 'utf8').split('\n').slice(1).join('\n');
  const entry = JSON.parse(body) as { name: string; checklist: { title: string } };
  entry.checklist.title = title;
  if (signed) writeSigned(path, JSON.stringify(entry), KEY);
  else writeFileSync(path, `${'0'.repeat(64)}\n${JSON.stringify(entry)}`);
}

describe('the loaded-checklist cache', () => {
  it('gives what a plain load gives, and keeps it under its name', () => {
    const { file, folder, options } = setup();
    const plain = loadChecklists([file], options);
    expect(loadChecklistsCached([file], options)).toEqual(plain);
    const name = checklistCacheName([file], options)!;
    expect(readdirSync(folder)).toEqual([name]);
    // The second load is the kept one: a kept copy signed with the key is what comes back.
    rewriteKept(folder, name, 'kept copy', true);
    expect(loadChecklistsCached([file], options).title).toBe('kept copy');
  });

  const ignored: { name: string; spoil: (folder: string, name: string) => void }[] = [
    { name: 'a kept copy not signed with the key', spoil: (f, n) => rewriteKept(f, n, 'forged', false) },
    {
      name: 'a signed copy of other files, renamed to this name',
      // Signed by this user, but made for other files (another name): not this checklist.
      spoil: (f, n) =>
        writeSigned(
          join(f, n),
          JSON.stringify({ name: `${'f'.repeat(64)}.json`, checklist: { title: 'forged' } }),
          KEY,
        ),
    },
    { name: 'a damaged kept copy', spoil: (f, n) => writeFileSync(join(f, n), 'not json at all') },
  ];
  it.each(ignored)('ignores $name', ({ spoil }) => {
    const { file, folder, options } = setup();
    const plain = loadChecklists([file], options);
    loadChecklistsCached([file], options);
    spoil(folder, checklistCacheName([file], options)!);
    expect(loadChecklistsCached([file], options)).toEqual(plain);
  });

  const renamed: {
    name: string;
    change: (s: ReturnType<typeof setup>) => Parameters<typeof loadChecklistsCached>[1];
  }[] = [
    {
      name: 'the checklist file changes',
      change: (s) => {
        writeFileSync(s.file, readFileSync(s.file, 'utf8').replace(/^title: .*$/m, 'title: Edited'));
        return s.options;
      },
    },
    { name: "vouch's code changes", change: (s) => ({ ...s.options, codeDigest: 'build-2' }) },
  ];
  it.each(renamed)('loads afresh when $name', ({ change }) => {
    const s = setup();
    const before = checklistCacheName([s.file], s.options);
    loadChecklistsCached([s.file], s.options);
    const options = change(s);
    expect(checklistCacheName([s.file], options)).not.toBe(before);
    expect(loadChecklistsCached([s.file], options)).toEqual(loadChecklists([s.file], options));
  });

  it('keeps nothing for a checklist with problems, and reports them', () => {
    const { file, folder, options } = setup();
    writeFileSync(file, 'id: broken\nitems: [\n');
    expect(() => loadChecklistsCached([file], options)).toThrow(/checklist\.yaml/);
    expect(() => readdirSync(folder)).toThrow();
  });
});
