/**
 * vouch's own folder in the audited repository. The repository may ship `.vouch` (or anything
 * below it) as a symbolic link to somewhere else: following it would read files outside the
 * repository and write reports, caches and sign-offs there.
 */
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** The first existing step of `rel` (a POSIX path below root, e.g. `.vouch/answers.yaml`) that is a symbolic link. */
export function symlinkOnPath(root: string, rel: string): string | undefined {
  const parts = rel.split('/').filter((p) => p !== '');
  for (let i = 1; i <= parts.length; i++) {
    const step = parts.slice(0, i).join('/');
    try {
      if (lstatSync(join(root, step)).isSymbolicLink()) return step;
    } catch {
      return undefined; // does not exist (yet): nothing further down exists either
    }
  }
  return undefined;
}

/** Throws a UsageError (exit 2) when a step of `rel` below root is a symbolic link. */
export function assertNoSymlink(root: string, rel: string): void {
  const link = symlinkOnPath(root, rel);
  if (link !== undefined) {
    throw new UsageError(
      `${link} is a symbolic link: vouch reads and writes its files only inside the repository, and does not follow links there (replace it with a folder or file)`,
    );
  }
}

const CACHE_IGNORE = "# vouch's cache (analysis, locks): not for version control\n*\n";

/**
 * Creates `.vouch/cache/` with a `.gitignore` that ignores everything in it, as pytest and ruff do
 * for theirs: a `git add -A` never commits the cache, and a committed sign-off is not followed by
 * a cache file that changed. Returns the folder.
 */
export function ensureCacheDir(root: string): string {
  assertNoSymlink(root, '.vouch/cache/.gitignore');
  const dir = join(root, '.vouch', 'cache');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, '.gitignore'), CACHE_IGNORE, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return dir;
}
