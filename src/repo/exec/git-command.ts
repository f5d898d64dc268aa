/**
 * Runs git in a repository vouch does not trust. The repository's own configuration
 * (`.git/config`, files it includes, a submodule's config) can name commands that git runs by
 * itself during read-only commands: `core.fsmonitor` on every index refresh (`git status`,
 * `git ls-files`), clean/process filters when a file's stat no longer matches the index, and, in
 * a partial clone, `core.sshCommand` and friends when a missing object is fetched. Every git
 * call goes through here, with configuration that turns all of them off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findExecutable } from '../tools.js';
import { safeSearchPath } from './search-path.js';

export interface GitResult {
  ok: boolean;
  /** git itself could not be found or started. */
  missing: boolean;
  exitCode: number | undefined;
  stdout: string;
}

/**
 * Settings that beat the repository's own (they arrive as command-line configuration, which git
 * reads last). Passed in the environment, so that git commands git starts itself (submodules)
 * inherit them.
 */
export const GIT_SAFETY_CONFIG: readonly (readonly [string, string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.untrackedCache', 'false'],
  // No transport at all: a partial clone would otherwise fetch, running core.sshCommand.
  ['protocol.allow', 'never'],
  ['diff.external', ''],
  ['core.pager', 'cat'],
  ['core.askPass', ''],
  ['credential.helper', ''],
];

/** Filter drivers configured in the repository (its local and worktree config, includes followed). */
export function parseFilterDrivers(configZ: string): string[] {
  const names = new Set<string>();
  // `git config --show-scope -z --get-regexp`: SCOPE \0 KEY [\n VALUE] \0 ...
  const fields = configZ.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const scope = fields[i] ?? '';
    const entry = fields[i + 1] ?? '';
    if (scope !== 'local' && scope !== 'worktree') continue;
    const key = entry.split('\n')[0] ?? '';
    const match = /^filter\.(.*)\.(clean|smudge|process|required)$/su.exec(key);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * The environment for one git run: a search path without relative entries, no prompts, no
 * optional locks, and the safety configuration plus empty filter commands for `filters`,
 * appended after any configuration the person passed in the environment themselves.
 */
export function gitEnv(filters: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const entries: [string, string][] = [
    ...GIT_SAFETY_CONFIG.map(([k, v]) => [k, v] as [string, string]),
    // An empty command disables a driver; a name holding "=" or spaces is fine here, unlike in -c.
    ...filters.flatMap((name) =>
      (['clean', 'smudge', 'process'] as const).map(
        (key) => [`filter.${name}.${key}`, ''] as [string, string],
      ),
    ),
    ...filters.map((name) => [`filter.${name}.required`, 'false'] as [string, string]),
  ];
  const start = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  const base = Number.isInteger(start) && start > 0 ? start : 0;
  const out: NodeJS.ProcessEnv = {
    ...env,
    PATH: safeSearchPath(env),
    // Reading must not take index.lock or rewrite the index of the audited repository.
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_CONFIG_COUNT: String(base + entries.length),
  };
  entries.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${base + i}`] = key;
    out[`GIT_CONFIG_VALUE_${base + i}`] = value;
  });
  return out;
}

/**
 * One git process: its exit code and standard output. Plain `spawn` rather than execa: an audit
 * makes a dozen of these small calls, and each paid for execa's stream plumbing.
 */
function exec(
  gitPath: string,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<GitResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: GitResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const failed = (error: NodeJS.ErrnoException): void =>
      done({ ok: false, missing: error.code === 'ENOENT', exitCode: undefined, stdout: '' });
    let child: ChildProcess;
    try {
      child = spawn(gitPath, args, {
        cwd,
        env,
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
        windowsHide: true,
      });
    } catch (error) {
      failed(error as NodeJS.ErrnoException);
      return;
    }
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', failed);
    child.on('close', (code) =>
      done({
        ok: code === 0,
        missing: false,
        exitCode: code ?? undefined,
        stdout: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    if (input !== undefined && child.stdin !== null) {
      child.stdin.on('error', () => undefined); // git may exit before reading it all
      child.stdin.end(input);
    }
  });
}

/**
 * How long one reading of a repository's filter drivers serves the git calls that follow it. An
 * audit makes a dozen calls within a second; each of them asking again cost a process apiece.
 * Short enough that a configuration changed between two runs of the interactive UI is read anew.
 */
const FILTER_READING_MS = 3_000;
const filterReadings = new Map<string, { at: number; drivers: Promise<string[]> }>();

/** The filter drivers configured for the repository at cwd, as read within the last few seconds. */
function filterDrivers(gitPath: string, cwd: string): Promise<string[]> {
  const key = `${gitPath}\0${cwd}`;
  const now = performance.now();
  const known = filterReadings.get(key);
  if (known !== undefined && now - known.at < FILTER_READING_MS) return known.drivers;
  const drivers = readFilterDrivers(gitPath, cwd);
  filterReadings.set(key, { at: now, drivers });
  if (filterReadings.size > 64) filterReadings.delete(filterReadings.keys().next().value ?? key);
  return drivers;
}

/** Forgets every reading of filter drivers (for tests that change a repository's configuration). */
export function forgetFilterReadings(): void {
  filterReadings.clear();
}

async function readFilterDrivers(gitPath: string, cwd: string): Promise<string[]> {
  // Reading configuration runs nothing: safe with the plain safety settings.
  const scoped = await exec(
    gitPath,
    cwd,
    ['config', '--show-scope', '-z', '--get-regexp', '^filter\\.'],
    gitEnv([]),
  );
  if (scoped.ok) return parseFilterDrivers(scoped.stdout);
  if (scoped.exitCode === 1) return []; // no filter configured anywhere
  // git before 2.26 has no --show-scope: then every configured driver is turned off.
  const all = await exec(gitPath, cwd, ['config', '-z', '--get-regexp', '^filter\\.'], gitEnv([]));
  return all.ok
    ? parseFilterDrivers(
        all.stdout
          .split('\0')
          .flatMap((entry) => ['local', entry])
          .join('\0'),
      )
    : [];
}

/**
 * Runs `git args...` in cwd with the repository's command-running settings turned off; never
 * throws (a missing git comes back as `missing: true`). git is looked up on PATH ignoring relative
 * entries, which would find a `git` planted in the audited repository.
 */
export async function runGit(cwd: string, args: string[], input?: string): Promise<GitResult> {
  const gitPath = findExecutable('git');
  if (gitPath === undefined) return { ok: false, missing: true, exitCode: undefined, stdout: '' };
  const filters = await filterDrivers(gitPath, cwd);
  return exec(gitPath, cwd, args, gitEnv(filters), input);
}

/** Whether git can be found on PATH at all. */
export function gitAvailable(): boolean {
  return findExecutable('git') !== undefined;
}
