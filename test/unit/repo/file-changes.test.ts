import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleReasons, type PathChange } from '../../../src/answers/staleness.js';
import { FileChanges, parseHunks, parseNameStatus, worktreeBlobs } from '../../../src/repo/file-changes.js';

const LINES = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function repo(): { root: string; git: (...args: string[]) => string; base: string } {
  const root = mkdtempSync(join(tmpdir(), 'vouch-changes-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@x', ...args], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'a.py'), LINES);
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { root, git, base: git('rev-parse', 'HEAD') };
}

function replaceLine(file: string, n: number, text: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[n - 1] = text;
  writeFileSync(file, lines.join('\n'));
}

interface Row {
  name: string;
  /** Changes the repository after the answer; commits unless `commit` is false. */
  act: (root: string, git: (...args: string[]) => string) => void;
  commit?: boolean;
  cite: string;
  kind: PathChange['kind'];
  /** The stale reason; '' when the answer still holds. `<c>` stands for the changing commit. */
  reason: string;
}

const rows: Row[] = [
  { name: 'nothing changed', act: () => undefined, cite: 'app/a.py:10-20', kind: 'unchanged', reason: '' },
  {
    name: 'edited inside the cited range',
    act: (root) => replaceLine(join(root, 'app', 'a.py'), 15, 'changed'),
    cite: 'app/a.py:10-20',
    kind: 'modified',
    reason: 'app/a.py:10-20 changed in <c> (line 15)',
  },
  {
    name: 'edited outside the cited range, lines above shifted',
    act: (root) => {
      const file = join(root, 'app', 'a.py');
      writeFileSync(file, `import os\nimport sys\n${readFileSync(file, 'utf8')}`);
      replaceLine(file, 30, 'changed');
    },
    cite: 'app/a.py:10-20',
    kind: 'modified',
    reason: '',
  },
  {
    name: 'deleted',
    act: (_root, git) => git('rm', '-q', 'app/a.py'),
    cite: 'app/a.py',
    kind: 'deleted',
    reason: 'app/a.py was deleted in <c>',
  },
  {
    name: 'renamed unchanged',
    act: (_root, git) => git('mv', 'app/a.py', 'app/b.py'),
    cite: 'app/a.py:10-20',
    kind: 'renamed',
    reason: '',
  },
  {
    name: 'renamed and edited',
    act: (root, git) => {
      git('mv', 'app/a.py', 'app/b.py');
      replaceLine(join(root, 'app', 'b.py'), 3, 'changed');
    },
    cite: 'app/a.py',
    kind: 'renamed',
    reason: 'app/a.py was renamed to app/b.py and changed in <c>',
  },
  {
    name: 'edited and not committed',
    act: (root) => appendFileSync(join(root, 'app', 'a.py'), 'more\n'),
    commit: false,
    cite: 'app/a.py',
    kind: 'modified',
    reason: 'app/a.py changed (not committed)',
  },
];

describe('FileChanges: what real git says happened to a cited file, fed to staleReasons', () => {
  it.each(rows)('$name', async ({ act, commit, cite, kind, reason }) => {
    const { root, git, base } = repo();
    const blob = git('rev-parse', 'HEAD:app/a.py');
    act(root, git);
    if (commit !== false && git('status', '--porcelain') !== '') {
      git('add', '-A');
      git('commit', '-qm', 'change');
    }
    const changes = new FileChanges(root);
    await changes.prepare(['app/a.py']);
    const change = await changes.change('app/a.py', blob, base);
    expect(change.kind).toBe(kind);
    const reasons = staleReasons({
      answer: { verdict: 'pass', commit: base, cites: [cite], basis: { blobs: { 'app/a.py': blob } } },
      now: { itemDigest: '', autoVerdict: 'review', evidence: [] },
      changes: { 'app/a.py': change },
    });
    const short = git('log', '-1', '--format=%h');
    expect(reasons.map((r) => r.text).join('\n')).toBe(reason.replace('<c>', short));
    rmSync(root, { recursive: true, force: true });
  });
});

describe('git output parsers', () => {
  it('name-status -z: modified, deleted, renamed (copies ignored)', () => {
    const z = ['M', 'a.py', 'D', 'b.py', 'R087', 'c.py', 'd.py', 'C100', 'e.py', 'f.py', ''].join('\0');
    expect([...parseNameStatus(z)]).toEqual([
      ['a.py', { status: 'M' }],
      ['b.py', { status: 'D' }],
      ['c.py', { status: 'R', to: 'd.py' }],
    ]);
  });

  it('-U0 hunks, with counts omitted meaning 1', () => {
    const diff = '@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,3 +22,0 @@ def f():\n';
    expect(parseHunks(diff)).toEqual([
      { oldStart: 3, oldCount: 1, newStart: 3, newCount: 1 },
      { oldStart: 10, oldCount: 0, newStart: 11, newCount: 2 },
      { oldStart: 20, oldCount: 3, newStart: 22, newCount: 0 },
    ]);
  });

  it('worktreeBlobs gives the ids git would store, and leaves missing files and symlinks out', async () => {
    const { root, git } = repo();
    execFileSync('ln', ['-s', 'a.py', join(root, 'app', 'link.py')]);
    const blobs = await worktreeBlobs(root, ['app/a.py', 'app/gone.py', 'app/link.py']);
    expect([...blobs]).toEqual([['app/a.py', git('rev-parse', 'HEAD:app/a.py')]]);
  });
});
