/**
 * The process groups of the tools vouch has started and not yet seen finish. Kept apart from
 * run-tool.ts (and execa) so that the interrupt handler every command installs costs nothing
 * to load.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Kills the process group led by `pid` (the tool and anything it started). */
export function killGroup(pid: number): void {
  try {
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Kills every tool process group still running (an interrupted run: bandit's shards and their
 * children). Detached, they would not see the terminal's Ctrl-C nor die with vouch.
 */
export function killRunningTools(): void {
  for (const pid of liveGroups) killGroup(pid);
  liveGroups.clear();
}

/** Records a started tool's process group; detached children do not die with vouch otherwise. */
export function addLiveGroup(pid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killRunningTools);
  }
  liveGroups.add(pid);
}

/** Forgets a process group that finished. */
export function removeLiveGroup(pid: number): void {
  liveGroups.delete(pid);
}
