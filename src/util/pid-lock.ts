/**
 * Lock files that say who holds them: `{"pid":…,"host":…,"since":…,"token":…}`, created with
 * O_EXCL. A lock is stale, and may be taken over, when its holder is gone: on this machine when
 * its pid no longer runs (so a vouch killed with SIGKILL, or by a power loss, blocks no one), on
 * any machine when it is older than the holder's longest hold (`maxAgeMs`, for a pid that was
 * reused or a holder on another machine of a shared file system).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

/** What is found at a lock's path. */
export interface LockState {
  /** undefined: the file is not (yet) a lock this code wrote, e.g. empty just after creation. */
  owner: LockOwner | undefined;
  ageMs: number;
  text: string;
}

/** A lock this process holds. */
export interface HeldLock {
  path: string;
  text: string;
}

/** A lock file with no readable owner is being written by its creator; this old, it never will be. */
const UNREADABLE_STALE_MS = 2_000;

/** Whether a process with this pid runs on this machine (EPERM: it runs, as someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockOwner> | null;
    if (
      typeof v === 'object' &&
      v !== null &&
      typeof v.pid === 'number' &&
      typeof v.host === 'string' &&
      typeof v.since === 'string'
    )
      return { pid: v.pid, host: v.host, since: v.since };
  } catch {
    // not a lock this code wrote (or not finished)
  }
  return undefined;
}

/** The lock at `path`, or undefined when there is none. */
export function readLock(path: string, now = Date.now()): LockState | undefined {
  try {
    const ageMs = now - statSync(path).mtimeMs;
    const text = readFileSync(path, 'utf8');
    return { owner: parseOwner(text), ageMs, text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether the holder of a lock is gone (see the module comment). */
export function lockIsStale(state: LockState, maxAgeMs?: number): boolean {
  if (state.owner === undefined) return state.ageMs > UNREADABLE_STALE_MS;
  if (maxAgeMs !== undefined && state.ageMs > maxAgeMs) return true;
  return state.owner.host === hostname() && !pidAlive(state.owner.pid);
}

/**
 * Removes a stale lock, unless it changed since it was judged: it is renamed away first (one
 * remover wins), and put back when what was renamed is another, fresh lock.
 */
function breakLock(path: string, judged: string): void {
  const moved = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    renameSync(path, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(moved, 'utf8') !== judged) linkSync(moved, path);
  } catch {
    // a new lock is already in place: it stays
  } finally {
    rmSync(moved, { force: true });
  }
}

/** Takes the lock if it is free or stale; otherwise says who holds it. Never waits. */
export function tryLock(path: string, maxAgeMs?: number): { held: HeldLock } | { busy: LockState } {
  const text = `${JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  })}\n`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return { held: { path, text } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const state = readLock(path);
    if (state === undefined) continue; // released meanwhile
    if (!lockIsStale(state, maxAgeMs)) return { busy: state };
    breakLock(path, state.text);
  }
}

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly path: string,
    readonly state: LockState,
  ) {
    super(`${path} is held by ${describeOwner(state.owner)}`);
  }
}

/** "pid 4242 on host h since …" for messages. */
export function describeOwner(owner: LockOwner | undefined): string {
  if (owner === undefined) return 'another process';
  const host = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `pid ${owner.pid}${host} since ${owner.since}`;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Takes the lock, waiting (synchronously: the holds this is for last milliseconds) while a live
 * holder has it. Throws LockBusyError after `timeoutMs`.
 */
export function lockSync(path: string, options: { maxAgeMs: number; timeoutMs: number }): HeldLock {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const got = tryLock(path, options.maxAgeMs);
    if ('held' in got) return got.held;
    if (Date.now() - started > options.timeoutMs) throw new LockBusyError(path, got.busy);
    Atomics.wait(sleeper, 0, 0, Math.min(50, 2 + attempt) * (0.5 + Math.random()));
  }
}

/** Releases a lock this process holds; a lock taken over by another (ours was judged stale) stays. */
export function unlock(lock: HeldLock): void {
  try {
    if (readFileSync(lock.path, 'utf8') === lock.text) rmSync(lock.path, { force: true });
  } catch {
    // already gone
  }
}
