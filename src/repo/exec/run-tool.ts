/** Runs an external analysis tool once: argument array, no shell, hard deadline, whole-group kill. */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { addLiveGroup, killGroup, killRunningTools, removeLiveGroup } from './live-groups.js';
import { safeSearchPath } from './search-path.js';

/** What happened to one tool process. */
export type ToolOutcome =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  | { kind: 'signalled'; signal: string; stderr: string }
  | { kind: 'timeout'; stderr: string }
  | { kind: 'aborted' }
  | { kind: 'spawn-failed'; message: string };

export interface RunToolOptions {
  cwd: string;
  timeoutMs: number;
  /** Added to the inherited environment. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Aborting kills the process group (used to stop sibling shards once one has failed). */
  signal?: AbortSignal | undefined;
  /** Raw stderr text as it arrives (bandit writes its progress there). */
  onStderr?: ((text: string) => void) | undefined;
}

// A report on a large tree is a few MB; the limits only guard against a runaway tool.
const MAX_STDOUT = 512 * 1024 * 1024;
const MAX_STDERR = 64 * 1024 * 1024;
// After a group kill, pipes held by a process that escaped the group would keep execa waiting.
const STREAM_GRACE_MS = 2000;

export { killRunningTools };

/**
 * Runs `file args...` in `cwd`. Never rejects: every failure is an outcome.
 * The child leads its own process group so a timeout kills grandchildren too (a shell script's
 * `sleep`, pip-audit's pip), which would otherwise hold the output pipes open.
 */
export async function runTool(
  file: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<ToolOutcome> {
  if (options.signal?.aborted) return { kind: 'aborted' };
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    // No relative PATH entries: `#!/usr/bin/env python3` must not find a python3 in the repository.
    env: { ...options.env, PATH: safeSearchPath({ ...process.env, ...options.env }) },
    reject: false,
    detached: process.platform !== 'win32',
    cleanup: true,
    stdin: 'ignore',
    encoding: 'utf8',
    maxBuffer: { stdout: MAX_STDOUT, stderr: MAX_STDERR },
    stripFinalNewline: false,
  });
  const pid = subprocess.pid;
  let stopped: 'timeout' | 'aborted' | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (why: 'timeout' | 'aborted'): void => {
    if (stopped || pid === undefined) return;
    stopped = why;
    killGroup(pid);
    graceTimer = setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, STREAM_GRACE_MS);
  };
  if (pid !== undefined) addLiveGroup(pid);
  const timer = setTimeout(() => stop('timeout'), Math.max(1, options.timeoutMs));
  const onAbort = (): void => stop('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.onStderr) {
    const listener = options.onStderr;
    subprocess.stderr?.on('data', (chunk: Buffer | string) => listener(String(chunk)));
  }

  const result = await subprocess;

  clearTimeout(timer);
  if (graceTimer) clearTimeout(graceTimer);
  options.signal?.removeEventListener('abort', onAbort);
  // Not killed again after a normal exit: the group id could by now belong to someone else.
  if (pid !== undefined) removeLiveGroup(pid);

  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (stopped === 'timeout') return { kind: 'timeout', stderr };
  if (stopped === 'aborted') return { kind: 'aborted' };
  if (result.isMaxBuffer) {
    return { kind: 'spawn-failed', message: 'the tool printed more output than vouch accepts' };
  }
  if (pid === undefined || ('code' in result && typeof result.code === 'string')) {
    const message = 'shortMessage' in result ? result.shortMessage : 'could not start';
    return { kind: 'spawn-failed', message: String(message) };
  }
  if (result.signal) return { kind: 'signalled', signal: result.signal, stderr };
  return {
    kind: 'exited',
    exitCode: result.exitCode ?? -1,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr,
  };
}

/** Whether `entry` is `root` or lies below it, symlinks resolved where they exist. */
function isInside(entry: string, root: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const dir = real(entry);
  const top = real(root);
  return dir === top || dir.startsWith(top.endsWith(path.sep) ? top : top + path.sep);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * The line of stderr most likely to explain a failure: the last one with words in it (a Python
 * traceback ends with the exception; bandit's progress line `1790 [0.. 50.. ]` is skipped).
 */
export function explainStderr(stderr: string, max = 200): string {
  const lines = stderr
    .replace(ANSI, '')
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !/^[\d\s.[\]]+$/.test(line));
  const last = lines.at(-1) ?? '';
  return last.length > max ? `${last.slice(0, max - 1)}…` : last;
}

/**
 * Environment for a Python tool whose working directory is the audited repository: relative
 * PYTHONPATH entries (`''`, `.`) would let the repository's own modules shadow the tool's imports,
 * i.e. run the project's code, and so would an absolute entry naming the repository (CI jobs often
 * set `PYTHONPATH=$PWD`): its `sitecustomize.py` runs at start-up. Absolute entries elsewhere (a
 * custom install) are kept.
 */
export function pythonToolEnv(env: NodeJS.ProcessEnv = process.env, root?: string): NodeJS.ProcessEnv {
  const entries = (env.PYTHONPATH ?? '')
    .split(path.delimiter)
    .filter((entry) => path.isAbsolute(entry) && (root === undefined || !isInside(entry, root)));
  return {
    ...env,
    PYTHONPATH: entries.length > 0 ? entries.join(path.delimiter) : undefined,
    PYTHONSAFEPATH: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
