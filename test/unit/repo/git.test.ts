import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../../src/repo/files.js';
import { gitFacts, isEnvFile, isVouchOutput, statusPaths } from '../../../src/repo/git.js';
import type { GitFacts } from '../../../src/repo/types.js';
import { cleanup, git, gitRepo, tempDir, writeTree } from './fixture.js';

const made: string[] = [];
afterAll(() => cleanup(...made));

async function factsOf(root: string): Promise<GitFacts> {
  return gitFacts(root, (await listFiles(root)).files);
}

describe('gitFacts in a repository', () => {
  it('reports head, branch, tracked files and a clean tree', async () => {
    const root = gitRepo({ 'app.py': 'a\n', 'pkg/m.py': 'm\n' });
    made.push(root);
    const facts = await factsOf(root);
    expect(facts).toMatchObject({
      isRepo: true,
      head: git(root, 'rev-parse', 'HEAD').trim(),
      branch: 'main',
      dirty: false,
      tracked: ['app.py', 'pkg/m.py'],
      envFiles: [],
      envIgnored: false,
    });
    expect(facts.head).toMatch(/^[0-9a-f]{40}$/u);
  });

  it('reads the committer identity from git config', async () => {
    const root = gitRepo({ 'a.py': '' });
    made.push(root);
    git(root, 'config', 'user.name', 'Ada Lovelace');
    git(root, 'config', 'user.email', 'ada@example.org');
    expect((await factsOf(root)).user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.org' });
  });

  it('has no user when none is configured anywhere', async () => {
    const root = gitRepo({ 'a.py': '' });
    const home = tempDir();
    made.push(root, home);
    const keys = ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'HOME', 'EMAIL'] as const;
    const saved = keys.map((key) => [key, process.env[key]] as const);
    Object.assign(process.env, {
      GIT_CONFIG_GLOBAL: join(home, 'none'),
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: home,
    });
    delete process.env.EMAIL;
    try {
      expect((await factsOf(root)).user).toBeUndefined();
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('handles a repository without commits', async () => {
    const root = tempDir();
    made.push(root);
    git(root, 'init', '-q', '-b', 'trunk');
    writeTree(root, { 'a.py': '' });
    const facts = await factsOf(root);
    expect(facts).toMatchObject({ isRepo: true, head: undefined, branch: 'trunk', dirty: true, tracked: [] });
  });

  it('has no branch on a detached HEAD', async () => {
    const root = gitRepo({ 'a.py': '' });
    made.push(root);
    git(root, 'checkout', '-q', '--detach');
    const facts = await factsOf(root);
    expect(facts.branch).toBeUndefined();
    expect(facts.head).toMatch(/^[0-9a-f]{40}$/u);
  });

  const dirtyRows: [what: string, change: (root: string) => void, dirty: boolean][] = [
    ['nothing changed', () => undefined, false],
    ['vouch cache written', (r) => writeTree(r, { '.vouch/cache/bandit.json': '{}' }), false],
    [
      'vouch reports written',
      (r) => writeTree(r, { '.vouch/vouch-report.md': '#', '.vouch/vouch-report.sarif': '{}' }),
      false,
    ],
    ['answers written', (r) => writeTree(r, { '.vouch/answers.yaml': 'a: 1' }), true],
    ['a sign-off written', (r) => writeTree(r, { '.vouch/signoffs/1.0.json': '{}' }), true],
    ['a tracked file modified', (r) => writeFileSync(join(r, 'app.py'), 'changed\n'), true],
    ['an untracked file added', (r) => writeTree(r, { 'new.py': '' }), true],
    ['an ignored file added', (r) => writeTree(r, { 'x.log': '' }), false],
    ['a tracked file renamed', (r) => git(r, 'mv', 'app.py', 'main.py'), true],
  ];
  it.each(dirtyRows)('dirty when %s → %s', async (_what, change, dirty) => {
    const root = gitRepo({ 'app.py': 'a\n', '.gitignore': '*.log\n' });
    made.push(root);
    change(root);
    expect((await factsOf(root)).dirty).toBe(dirty);
  });

  it('works from a subfolder: tracked paths relative to it, dirtiness scoped to it', async () => {
    const root = gitRepo({
      'examples/app/app.py': 'a\n',
      'examples/app/.vouch/answers.yaml': 'a: 1\n',
      'top.py': 't\n',
    });
    made.push(root);
    const sub = join(root, 'examples/app');
    writeTree(root, {
      'top.py': 'changed outside the audited folder\n',
      'examples/app/.vouch/cache/x.json': '{}',
    });
    const facts = await factsOf(sub);
    expect(facts.tracked).toEqual(['.vouch/answers.yaml', 'app.py']);
    expect(facts.dirty).toBe(false);
    writeTree(root, { 'examples/app/.vouch/answers.yaml': 'a: 2\n' });
    expect((await factsOf(sub)).dirty).toBe(true);
  });
});

describe('gitFacts .env files', () => {
  it('reports a tracked .env as tracked and not ignored', async () => {
    const root = gitRepo({ '.env': 'SECRET=1\n', 'app.py': '' });
    made.push(root);
    const facts = await factsOf(root);
    expect(facts.envFiles).toEqual([{ path: '.env', tracked: true, ignored: false }]);
    expect(facts.envIgnored).toBe(false);
  });

  it('reports an ignored .env as ignored, skips templates and vendored copies', async () => {
    const root = gitRepo({ '.gitignore': '.env\n', 'app.py': '' });
    made.push(root);
    writeTree(root, {
      '.env': 'SECRET=1\n',
      '.env.example': 'SECRET=\n',
      'config/.env.sample': '',
      'config/prod.env': 'DB=x\n',
      'config/.env.local': 'L=1\n',
      'node_modules/pkg/.env': 'not ours\n',
      '.venv/lib/.env': 'not ours\n',
    });
    const facts = await factsOf(root);
    expect(facts.envIgnored).toBe(true);
    expect(facts.envFiles).toEqual([
      { path: '.env', tracked: false, ignored: true },
      { path: 'config/.env.local', tracked: false, ignored: false }, // the pattern .env does not cover .env.local
      { path: 'config/prod.env', tracked: false, ignored: false },
    ]);
  });

  it('reports a tracked .env that .gitignore also names as tracked and ignored', async () => {
    const root = gitRepo({ '.gitignore': '.env\n', '.env': 'S=1\n' });
    made.push(root);
    expect((await factsOf(root)).envFiles).toEqual([{ path: '.env', tracked: true, ignored: true }]);
  });
});

describe('gitFacts outside git', () => {
  it('is not a repository; .env coverage comes from .gitignore files', async () => {
    const root = tempDir();
    made.push(root);
    writeTree(root, {
      '.gitignore': '.env\n',
      '.env': 'S=1\n',
      '.env.template': '',
      'svc/.gitignore': 'secrets.env\n',
      'svc/secrets.env': 'S=2\n',
      'svc/dev.env': 'S=3\n',
      'app.py': '',
    });
    const facts = await factsOf(root);
    expect(facts).toMatchObject({ isRepo: false, tracked: [], envIgnored: true });
    expect(facts.head).toBeUndefined();
    expect(facts.envFiles).toEqual([
      { path: '.env', tracked: false, ignored: true },
      { path: 'svc/dev.env', tracked: false, ignored: false },
      { path: 'svc/secrets.env', tracked: false, ignored: true },
    ]);
  });

  it('envIgnored is false without a .gitignore', async () => {
    const root = tempDir();
    made.push(root);
    mkdirSync(join(root, 'x'));
    expect((await factsOf(root)).envIgnored).toBe(false);
  });

  it('treats a missing git executable as no repository', async () => {
    const root = gitRepo({ '.env': 'S=1\n' });
    const emptyBin = tempDir();
    made.push(root, emptyBin);
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const facts = await gitFacts(root, []);
      expect(facts).toMatchObject({
        isRepo: false,
        tracked: [],
        envFiles: [{ path: '.env', tracked: false, ignored: false }],
      });
      expect(facts.user).toBeUndefined();
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('isEnvFile', () => {
  const rows: [string, boolean][] = [
    ['.env', true],
    ['sub/.env', true],
    ['.env.local', true],
    ['.env.production', true],
    ['prod.env', true],
    ['.env.example', false],
    ['.env.sample', false],
    ['.env.template', false],
    ['.env.dist', false],
    ['.env.local.example', false],
    ['example.env', false],
    ['.envrc', false],
    ['env.py', false],
    ['.env/bin/python', false],
  ];
  it.each(rows)('%s → %s', (path, expected) => expect(isEnvFile(path)).toBe(expected));
});

describe('isVouchOutput', () => {
  const rows: [string, boolean][] = [
    ['.vouch/cache/bandit.json', true],
    ['.vouch/vouch-report.md', true],
    ['sub/.vouch/vouch-report.sarif', true],
    ['.vouch/answers.yaml', false],
    ['.vouch/signoffs/1.0.json', false],
    ['vouch/cache/x', false],
  ];
  it.each(rows)('%s → %s', (path, expected) => expect(isVouchOutput(path)).toBe(expected));
});

describe('statusPaths', () => {
  const rows: [string, string[]][] = [
    ['', []],
    [' M app.py\0', ['app.py']],
    ['?? new file.py\0A  b.py\0', ['new file.py', 'b.py']],
    ['R  new.py\0old.py\0 M x.py\0', ['new.py', 'old.py', 'x.py']],
  ];
  it.each(rows)('%j', (input, expected) => expect(statusPaths(input)).toEqual(expected));
});
