import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temp folder; remove it with `cleanup()`. */
export function tempDir(prefix = 'vouch-repo-'): string {
  return mkdtempSync(join(os.tmpdir(), prefix));
}

/** Writes files (string or bytes) under root, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Runs real git in cwd (no shell), with a throwaway identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** A new repository on branch main holding `files`, with `commit` of them added and committed. */
export function gitRepo(
  files: Record<string, string | Uint8Array>,
  commit: string[] | 'all' = 'all',
): string {
  const root = tempDir();
  git(root, 'init', '-q', '-b', 'main');
  writeTree(root, files);
  const toAdd = commit === 'all' ? Object.keys(files) : commit;
  if (toAdd.length > 0) {
    git(root, 'add', '-f', '--', ...toAdd);
    git(root, 'commit', '-q', '-m', 'init');
  }
  return root;
}

export function cleanup(...roots: string[]): void {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
}

/**
 * For the tests of one file: the analysis cache is signed with this user's key, so each test
 * file gets a cache folder (XDG_CACHE_HOME) of its own rather than the person's. Removes what
 * `made` lists afterwards.
 */
export function ownCacheHome(made: string[]): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.XDG_CACHE_HOME;
    const home = tempDir('vouch-xdg-');
    made.push(home);
    process.env.XDG_CACHE_HOME = home;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    cleanup(...made);
  });
}
