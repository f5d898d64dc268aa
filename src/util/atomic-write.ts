import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pidAlive } from './pid-lock.js';

/** A temp file this old is left over even when its pid is alive (the pid was reused). */
const STALE_TEMP_MS = 10_000;

/**
 * Writes a file so that readers see the old content or the new one, never half of it, and so
 * that the new content survives a crash or a power loss once this returns: the content goes to a
 * temp file in the same folder (`.<name>.<pid>.<random>.tmp`), which is fsynced, renamed over
 * the target, and then the folder is fsynced so the rename itself is on disk. Temp files left by
 * a writer that was killed are removed first (see {@link removeStaleTemps}).
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = dirname(file);
  const created = mkdirSync(dir, { recursive: true });
  removeStaleTemps(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dir);
  // Folders made just now: their entries in the parent must reach the disk too.
  if (created !== undefined) {
    for (let d = dir; d !== dirname(created); d = dirname(d)) fsyncDir(dirname(d));
  }
}

/** fsyncs a folder (its entries: a rename or a new file). Not possible on Windows, nor on a few file systems. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error;
  } finally {
    closeSync(fd);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the temp files of `file` (`.<name>.<pid>.<random>.tmp` beside it) that a killed
 * writer left behind: those whose pid is no longer running on this machine, or that are older
 * than a few seconds. A temp file of a writer still at work is young and its pid alive, so it is
 * kept. Best effort: a file that cannot be removed stays. Returns the names removed.
 */
export function removeStaleTemps(file: string, now = Date.now()): string[] {
  const dir = dirname(file);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(file))}\\.(\\d+)\\.[0-9a-z]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    const path = join(dir, name);
    try {
      if (pidAlive(pid) && now - statSync(path).mtimeMs < STALE_TEMP_MS) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}
