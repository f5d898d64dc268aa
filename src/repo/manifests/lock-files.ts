import { posix } from 'node:path';
import type { LockFile } from '../types.js';
import { lockedPackages } from './locked-packages.js';

/** The lock-file kind a path names, by its file name (pip-compile output is found by content instead). */
export function lockKind(path: string): Exclude<LockFile['kind'], 'pip-compile'> | undefined {
  const base = posix.basename(path);
  if (base === 'poetry.lock' || base === 'uv.lock' || base === 'Pipfile.lock' || base === 'pdm.lock')
    return base;
  if (/^pylock(?:\.[^./]+)?\.toml$/u.test(base)) return 'pylock';
  return undefined;
}

/**
 * Counts the packages a lock file pins, best effort and without a full parse (lock files can be
 * large): `[[package]]` blocks (poetry, pdm, uv — less uv's entries for the project itself,
 * which are editable or virtual), `[[packages]]` (PEP 751), default + develop (Pipfile.lock).
 */
export function readLockFile(path: string, content: string): LockFile | undefined {
  const lock = countLockFile(path, content);
  return lock === undefined ? undefined : { ...lock, entries: lockedPackages(lock.kind, content) };
}

function countLockFile(path: string, content: string): LockFile | undefined {
  const kind = lockKind(path);
  switch (kind) {
    case undefined:
      return undefined;
    case 'Pipfile.lock':
      return { path, kind, packages: pipfileLockPackages(content) };
    case 'pylock':
      return { path, kind, packages: blocks(content, 'packages').length };
    case 'uv.lock':
      return {
        path,
        kind,
        packages: blocks(content, 'package').filter(
          (b) => !/^source\s*=\s*\{\s*(?:editable|virtual)\s*=/mu.test(b),
        ).length,
      };
    default:
      return { path, kind, packages: blocks(content, 'package').length };
  }
}

/**
 * The text of each `[[name]]` array-of-tables entry, up to the next entry of that array. The
 * spaces around the header stay on its line: `^\s*` spanning lines retried every line start of a
 * long run of blank lines (quadratic).
 */
function blocks(content: string, name: string): string[] {
  const space = '[^\\S\\n\\r\\u2028\\u2029]*';
  return content.split(new RegExp(`^${space}\\[\\[${name}\\]\\]${space}$`, 'mu')).slice(1);
}

function pipfileLockPackages(content: string): number {
  try {
    const doc = JSON.parse(content) as { default?: unknown; develop?: unknown };
    const count = (section: unknown): number =>
      typeof section === 'object' && section !== null ? Object.keys(section).length : 0;
    return count(doc.default) + count(doc.develop);
  } catch {
    return 0;
  }
}
