/**
 * Open interactive runs of one repository: each writes `.vouch/cache/ui-<pid>.lock` (its pid,
 * host and start time) while its UI runs and removes it when it ends. One whose process is gone
 * (killed, or a power loss) is stale: the next run removes it. `.vouch/cache/` does not make the
 * tree dirty, so the marker does not change what another run reports.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { printable } from '../util/printable.js';
import { ensureCacheDir, symlinkOnPath } from '../util/vouch-dir.js';
import { lockIsStale, readLock, type LockOwner } from '../util/pid-lock.js';

const DIR = '.vouch/cache';
const MARKER = /^ui-(\d+)\.lock$/;

export interface OpenSession {
  /** The other interactive runs open on this repository now. */
  others: LockOwner[];
  /** Removes this run's marker (also done when the process exits). */
  close(): void;
}

/** The other interactive runs open on `root` (removing stale markers on the way). */
export function openSessions(root: string): LockOwner[] {
  const dir = join(root, DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const others: LockOwner[] = [];
  for (const name of names) {
    if (!MARKER.test(name) || name === `ui-${process.pid}.lock`) continue;
    const path = join(dir, name);
    try {
      const state = readLock(path);
      if (state === undefined) continue;
      if (lockIsStale(state)) rmSync(path, { force: true });
      else if (state.owner !== undefined) others.push(state.owner);
    } catch {
      // unreadable: not one of ours
    }
  }
  return others.sort((a, b) => a.since.localeCompare(b.since));
}

/**
 * Marks this process's interactive run on `root` and says which others are open. The marker is
 * best effort: a repository vouch cannot write to still gets its UI (saving answers will say why).
 */
export function openSession(root: string): OpenSession {
  // A linked .vouch is refused by the audit itself, with its own message.
  if (symlinkOnPath(root, `${DIR}/ui-${process.pid}.lock`) !== undefined)
    return { others: [], close: () => undefined };
  const others = openSessions(root);
  const path = join(root, DIR, `ui-${process.pid}.lock`);
  const close = (): void => {
    rmSync(path, { force: true });
    process.off('exit', close);
  };
  try {
    ensureCacheDir(root);
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    writeFileSync(path, `${JSON.stringify(owner)}\n`);
    process.on('exit', close);
  } catch {
    return { others, close: () => undefined };
  }
  return { others, close };
}

/** The one-line notice a second interactive run shows before its UI starts (the marker is the repository's text: made printable). */
export function sessionNotice(others: LockOwner[]): string | undefined {
  const first = others[0];
  if (first === undefined) return undefined;
  const host = first.host === hostname() ? '' : ` on ${first.host}`;
  const more = others.length > 1 ? ` and ${others.length - 1} more` : '';
  const line =
    `vouch: another interactive vouch is open on this repository (pid ${first.pid}${host}, since ${first.since})${more}; ` +
    `answers from both are kept (for the same item, the later one), but this one shows only answers saved before it started`;
  return printable(line.replace(/[\r\n\u2028\u2029]+/g, ' '));
}

/**
 * Shows the notice and waits for a key before the UI takes the screen (the UI fills the terminal,
 * so a line printed before it would scroll away unread): Enter opens this run anyway, q or Esc
 * quits, Ctrl-C interrupts. Without a terminal on stdin it only prints the notice and goes on.
 */
export async function confirmBesideOthers(
  notice: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<'open' | 'quit' | 'interrupt'> {
  output.write(`${notice}\n`);
  if (!input.isTTY) return 'open';
  output.write('Press Enter to open this one anyway, or q to quit. ');
  input.setRawMode(true);
  input.resume();
  try {
    for (;;) {
      const key = await new Promise<string>((r) => input.once('data', (d: Buffer) => r(d.toString('utf8'))));
      if (key === '\r' || key === '\n') return 'open';
      if (key === 'q' || key === 'Q' || key === '\u001b') return 'quit';
      if (key === '\u0003') return 'interrupt';
    }
  } finally {
    input.setRawMode(false);
    input.pause();
    output.write('\n');
  }
}
