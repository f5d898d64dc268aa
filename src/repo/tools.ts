/** Which external tools are installed, where, and at which version. */
import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pythonToolEnv, runTool } from './exec/run-tool.js';
import { safeSearchPath } from './exec/search-path.js';
import type { ToolInfo } from './types.js';

const VERSION_TIMEOUT_MS = 10_000;

function isExecutableFile(candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of an executable: `name` itself when it holds a path separator (a
 * `--bandit PATH` override, resolved against the working directory), else the first match on PATH.
 * Relative and empty PATH entries are skipped: they mean "the current directory", which during an
 * audit may be the audited repository, and vouch must not run a program planted there.
 */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (name === '') return undefined;
  if (name.includes('/') || name.includes(path.sep)) {
    const candidate = path.resolve(name);
    return isExecutableFile(candidate) ? candidate : undefined;
  }
  for (const dir of safeSearchPath(env).split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The first version-looking token in a tool's `--version` output: `bandit 1.6.2` (then more
 * lines), `pip-audit 2.7.3`, `safety, version 3.2.4`, `v1.2.3`, `3.12.0rc1`. A token glued to a
 * word (`python3.11`) is not one; neither is a bare number.
 */
export function parseVersion(text: string): string | undefined {
  const match =
    /(?<![\w.])v?(\d+(?:\.\d+)+(?:[-.]?(?:a|b|rc|alpha|beta|dev|post)\.?\d*)?(?:\+[\w.]+)?)(?![\w.]*\w)/i.exec(
      text,
    );
  return match?.[1];
}

/**
 * What identifies one installed program file: its path, size, times and inode. An upgrade
 * replaces the file (pip rewrites a console script, dpkg a binary), so the stamp changes with it.
 * Undefined when the file cannot be examined.
 */
export function executableStamp(executable: string): string | undefined {
  try {
    const info = statSync(executable);
    return `${executable}:${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Versions already asked, by executable stamp: starting a Python tool only to hear its version
 * costs a quarter of a second, and a run over an unchanged tree has nothing else to wait for.
 * Filled from the analysis cache (`rememberToolVersions`) and by every answer.
 */
const versions = new Map<string, Promise<string | undefined>>();

/** Adds versions an earlier run learnt (stamp → version). */
export function rememberToolVersions(known: Readonly<Record<string, string>>): void {
  for (const [stamp, version] of Object.entries(known)) {
    if (!versions.has(stamp)) versions.set(stamp, Promise.resolve(version));
  }
}

/** The versions known now, for the next run (only answers, not failures). */
export async function knownToolVersions(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [stamp, version] of versions) {
    const value = await version;
    if (value !== undefined) out[stamp] = value;
  }
  return out;
}

/**
 * Runs `executable --version` (10 s at most) and parses the answer; undefined when it fails. The
 * tools are mostly Python programs: they run with the same guarded environment as a real run, since
 * PYTHONPATH naming the repository would run its `sitecustomize.py` even from another folder. An
 * executable asked before (same stamp) is not run again.
 */
export function toolVersion(
  executable: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv | undefined; root?: string | undefined } = {},
): Promise<string | undefined> {
  const stamp = executableStamp(executable);
  const known = stamp === undefined ? undefined : versions.get(stamp);
  if (known !== undefined) return known;
  const asked = askVersion(executable, options);
  if (stamp !== undefined) versions.set(stamp, asked);
  return asked;
}

async function askVersion(
  executable: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv | undefined; root?: string | undefined },
): Promise<string | undefined> {
  const outcome = await runTool(executable, ['--version'], {
    // A neutral directory: `--version` reads no files, least of all the audited repository's.
    cwd: os.tmpdir(),
    timeoutMs: Math.min(options.timeoutMs ?? VERSION_TIMEOUT_MS, VERSION_TIMEOUT_MS),
    env: pythonToolEnv({ ...process.env, ...options.env }, options.root),
  });
  if (outcome.kind !== 'exited') return undefined;
  // Old tools (and Python 2) print their version on stderr.
  return parseVersion(outcome.stdout) ?? parseVersion(outcome.stderr);
}

/** Looks every name up on PATH and asks each one found for its version, concurrently. */
export async function toolInfo(
  names: string[],
  options: { env?: NodeJS.ProcessEnv; root?: string } = {},
): Promise<Record<string, ToolInfo>> {
  const env = options.env ?? process.env;
  const infos = await Promise.all(
    names.map(async (name): Promise<ToolInfo> => {
      const found = findExecutable(name, env);
      if (found === undefined) return { name };
      return {
        name,
        path: found,
        version: await toolVersion(found, { env: options.env, root: options.root }),
      };
    }),
  );
  return Object.fromEntries(infos.map((info) => [info.name, info]));
}
