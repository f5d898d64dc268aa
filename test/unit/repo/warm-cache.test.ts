import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFacts, type CollectOptions } from '../../../src/repo/collect.js';
import { gitBlobId, knownContent, parseStagedZ } from '../../../src/repo/blobs.js';
import { CACHE_PATH } from '../../../src/repo/cache.js';
import { secretsProbe } from '../../../src/probes/secrets.js';
import type { Facts } from '../../../src/repo/types.js';
import { git, gitRepo, ownCacheHome, tempDir, writeTree } from './fixture.js';

const made: string[] = [];
ownCacheHome(made);

const TREE: Record<string, string> = {
  'app/views.py': 'import os\n\ndef run(cmd):\n    os.system(cmd)\n',
  'app/util.py': 'def add(a, b):\n    return eval(a) + b\n',
  'app/settings.py': 'API_TOKEN = "ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"\n',
  'README.md': '# demo\n',
};

function options(cache: boolean, bandit = false): CollectOptions {
  return { bandit: { enabled: bandit, args: [] }, pipAudit: { enabled: false }, cache, toolVersion: 'test' };
}

/** What an audit concludes from the facts: files, the analyser's and bandit's findings, secrets. */
function outcome(facts: Facts) {
  return {
    files: facts.files.map((f) => `${f.path}:${f.size}`),
    python: facts.python.findings.map((f) => `${f.file}:${f.line}:${f.rule}`),
    bandit: facts.bandit.findings.map((f) => `${f.file}:${f.line}:${f.rule}`),
    secrets: secretsProbe
      .run(facts, {})
      .findings.map((f) => `${f.file}:${f.line}:${f.rule}:${f.snippet ?? ''}`),
  };
}

/** Collects twice with the cache (filling it, then using it) and once without. */
async function warmAndCold(root: string, bandit = false) {
  const progress: string[] = [];
  const onProgress = (e: { step: string; state: string; detail?: string | undefined }): void => {
    if (e.step === 'files' && e.state === 'done') progress.push(e.detail ?? '');
  };
  const warm = await collectFacts(root, { ...options(true, bandit), onProgress });
  const cold = await collectFacts(root, options(false, bandit));
  return { warm: outcome(warm), cold: outcome(cold), listed: progress.at(-1) ?? '' };
}

describe('git blob ids', () => {
  it('are the ids git gives the same bytes', () => {
    const root = gitRepo({ 'a.py': 'print(1)\n', 'b.bin': new Uint8Array([0, 1, 2, 255]) });
    made.push(root);
    const staged = parseStagedZ(git(root, 'ls-files', '-s', '-z'));
    expect(staged.get('a.py')?.id).toBe(gitBlobId(Buffer.from('print(1)\n')));
    expect(staged.get('b.bin')?.id).toBe(gitBlobId(new Uint8Array([0, 1, 2, 255])));
  });

  // name, mode, stage, changed in the work tree, content known without reading
  it.each([
    ['a regular file, unchanged', '100644', 0, false, true],
    ['an executable file', '100755', 0, false, true],
    ['a file changed in the work tree', '100644', 0, true, false],
    ['a symbolic link', '120000', 0, false, false],
    ['a submodule', '160000', 0, false, false],
    ['an unmerged file', '100644', 2, false, false],
  ] as const)('%s', (_name, mode, stage, modified, known) => {
    const entry = parseStagedZ(`${mode} ${'a'.repeat(40)} ${stage}\tx.py\0`).get('x.py');
    expect(knownContent(entry, modified) !== undefined).toBe(known);
  });
});

describe('the cache keyed by blob id', () => {
  it('gives the same findings cold, warm and after one file changed, with bandit', async () => {
    const root = gitRepo(TREE);
    made.push(root);
    await collectFacts(root, options(true, true)); // fills the cache
    const first = await warmAndCold(root, true);
    expect(first.warm).toEqual(first.cold);
    expect(first.warm.python.length).toBeGreaterThan(0);
    expect(first.warm.bandit.length).toBeGreaterThan(0);
    expect(first.warm.secrets.length).toBe(1);
    // Nothing changed: only what the probes ask for is read, not the listing.
    expect(first.listed).toMatch(/, 0 read \(the rest unchanged\)$/);
    // ...and the cache, holding nothing new, is not written again.
    const kept = statSync(join(root, CACHE_PATH));
    await collectFacts(root, options(true, true));
    expect(statSync(join(root, CACHE_PATH)).ino).toBe(kept.ino);

    writeFileSync(join(root, 'app/util.py'), 'import pickle\n\ndef load(b):\n    return pickle.loads(b)\n');
    const second = await warmAndCold(root, true);
    expect(second.warm).toEqual(second.cold);
    expect(second.warm.python).not.toEqual(first.warm.python);
  });

  const edits: {
    name: string;
    edit: (root: string) => void;
    expect: (o: ReturnType<typeof outcome>) => void;
  }[] = [
    {
      name: 'a changed file',
      edit: (root) => writeFileSync(join(root, 'app/views.py'), 'def run(cmd):\n    return cmd\n'),
      expect: (o) => expect(o.python.some((f) => f.startsWith('app/views.py'))).toBe(false),
    },
    {
      name: 'a changed file, staged',
      edit: (root) => {
        writeFileSync(join(root, 'app/views.py'), 'def run(cmd):\n    return cmd\n');
        git(root, 'add', 'app/views.py');
      },
      expect: (o) => expect(o.python.some((f) => f.startsWith('app/views.py'))).toBe(false),
    },
    {
      name: 'an added file, committed',
      edit: (root) => {
        writeTree(root, { 'app/new.py': 'exec(input())\n' });
        git(root, 'add', 'app/new.py');
        git(root, 'commit', '-qm', 'new');
      },
      expect: (o) => expect(o.python.some((f) => f.startsWith('app/new.py:1'))).toBe(true),
    },
    {
      name: 'a deleted file',
      edit: (root) => rmSync(join(root, 'app/util.py')),
      expect: (o) => expect(o.files.some((f) => f.startsWith('app/util.py'))).toBe(false),
    },
    {
      name: 'a renamed file',
      edit: (root) => git(root, 'mv', 'app/util.py', 'app/helpers.py'),
      expect: (o) => expect(o.python.some((f) => f.startsWith('app/helpers.py:2'))).toBe(true),
    },
    {
      name: 'a renamed file, not told to git',
      edit: (root) => renameSync(join(root, 'app/settings.py'), join(root, 'app/config.py')),
      expect: (o) => expect(o.secrets.some((f) => f.startsWith('app/config.py:1'))).toBe(true),
    },
    {
      name: 'an untracked file',
      edit: (root) => writeTree(root, { 'app/scratch.py': 'SECRET_KEY = "x8Kq2vLm9Pz4Rt7Wn3Yb6Hc1"\n' }),
      expect: (o) => expect(o.secrets.some((f) => f.startsWith('app/scratch.py:1'))).toBe(true),
    },
  ];

  it.each(edits)('notices $name', async ({ edit, expect: check }) => {
    const root = gitRepo(TREE);
    made.push(root);
    await collectFacts(root, options(true)); // fills the cache
    edit(root);
    const { warm, cold } = await warmAndCold(root);
    expect(warm).toEqual(cold);
    check(warm);
  });

  it('works outside git, hashing the content of every file', async () => {
    const root = tempDir();
    made.push(root);
    writeTree(root, TREE);
    await collectFacts(root, options(true));
    const same = await warmAndCold(root);
    expect(same.warm).toEqual(same.cold);
    expect(same.warm.python.length).toBeGreaterThan(0);
    // Outside git every file is read each time: the content says whether it changed.
    expect(same.listed).not.toMatch(/read \(the rest unchanged\)/);
    writeFileSync(join(root, 'app/util.py'), 'def add(a, b):\n    return a + b\n');
    const changed = await warmAndCold(root);
    expect(changed.warm).toEqual(changed.cold);
    expect(changed.warm.python.some((f) => f.startsWith('app/util.py'))).toBe(false);
  });
});
