/** Watching processes a test did not start itself: the fake tools write their pids to a file. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers.js';

/** A fake bandit that runs until killed, appending "shell-pid child-pid" to $FAKE_PID_FILE. */
export const SLOW_BANDIT = join(REPO, 'test', 'fixtures', 'fake-tools', 'bandit-slow');

/** Whether a process is still running: a zombie (killed, not yet reaped) counts as gone. */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) S ...`: the state follows the last ")".
    const end = stat.lastIndexOf(')');
    return stat.slice(end + 2, end + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pids in a file, any whitespace between them (none when it does not exist yet). */
export function pidsIn(file: string): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

/** Polls until `test` holds (no fixed sleep); fails after 30 s with what it waited for. */
export async function until(what: string, test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
