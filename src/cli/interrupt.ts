/**
 * SIGINT, SIGTERM and SIGHUP end a run at once and cleanly: every tool process group still
 * running (bandit's shards and their children, pip-audit) is killed, nothing more is written, and
 * vouch exits 128 + the signal number (130, 143, 129), as a shell reports a program killed by it.
 *
 * Reports, answers and the cache are written synchronously, each by an atomic rename, and a
 * signal handler only runs between two turns of the event loop: an interrupted run leaves every
 * file whole, the earlier report in place when the new one was not finished. `process.exit` runs
 * the `exit` hooks (the tool groups are killed, a UI session marker is removed); the terminal gets
 * its cursor back and leaves raw mode here, since Ink's own clean-up does not run on this path.
 */
import { constants } from 'node:os';
import { killRunningTools } from '../repo/exec/live-groups.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];

/** The exit code for a run ended by `signal`: 128 + its number. */
export function interruptExitCode(signal: HandledSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * The terminal as the shell left it: raw mode off, the cursor shown. The UI hides the cursor and
 * Ink shows it again only when it unmounts, which an exit from a signal handler skips.
 */
function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    if (process.stdout.isTTY) process.stdout.write('\u001B[?25h');
  } catch {
    // The terminal is gone (SIGHUP): nothing to restore.
  }
}

let installed = false;

/** Installs the handlers (once per process). */
export function exitOnInterrupt(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      killRunningTools();
      restoreTerminal();
      try {
        // The UI's last frame may end mid-line: the message starts a line of its own.
        process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}vouch: interrupted by ${signal}\n`);
      } catch {
        // stderr gone (a closed terminal): the exit code still says it.
      }
      process.exit(interruptExitCode(signal));
    });
  }
}
