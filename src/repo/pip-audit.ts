/**
 * Runs pip-audit on the repository's requirements files and reads its JSON report.
 *
 * Flags: `--disable-pip --no-deps`. Without them `pip-audit -r FILE` is, in its own words,
 * "functionally equivalent to `pip install -r FILE`": it installs into a temporary virtualenv,
 * which builds source distributions (running their setup.py) and builds `-e .` / local path
 * requirements, i.e. the audited project itself. With them pip-audit only reads the pins and asks
 * the vulnerability service. The cost: only pinned (`==`) requirements can be audited (pip-audit
 * stops with "requirement X is not pinned", reported here as an error with that line), and
 * transitive dependencies are covered only when the file lists them (pip-compile, `uv export`).
 * `--no-deps` exists since pip-audit 2.2, `--disable-pip` since 2.5 (before it there was no pip
 * step to disable); an older pip-audit is not run at all.
 */
import path from 'node:path';
import { explainStderr, pythonToolEnv, runTool } from './exec/run-tool.js';
import { findExecutable, toolVersion } from './tools.js';
import type { PipAuditRun, VulnerableDependency } from './types.js';

export interface PipAuditOptions {
  /** A path, or a name looked up on PATH. */
  executable?: string | undefined;
  /** Default 10 minutes (pip-audit queries a web service per dependency). */
  timeoutMs?: number | undefined;
  disabled?: boolean | undefined;
  /** Added to the inherited environment (PATH lookups included). */
  env?: NodeJS.ProcessEnv | undefined;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Arguments for one run over `requirementFiles` (relative to the repository root). */
export function pipAuditArgs(requirementFiles: readonly string[], version?: string): string[] {
  const disablePip = version === undefined || compareVersions(version, '2.5') >= 0;
  return [
    '-f',
    'json',
    '--progress-spinner',
    'off',
    ...(disablePip ? ['--disable-pip'] : []),
    '--no-deps',
    // `./` keeps a file named `-x.txt` from being read as an option by `-r`.
    ...requirementFiles.flatMap((file) => ['-r', path.isAbsolute(file) ? file : `./${file}`]),
  ];
}

/** Numeric comparison of dotted versions (`2.10` > `2.9`); suffixes such as `rc1` are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const MIN_VERSION = '2.2';

/** Checks the dependencies pinned in `requirementFiles` against known vulnerabilities. */
export async function runPipAudit(
  root: string,
  requirementFiles: string[],
  options: PipAuditOptions = {},
): Promise<PipAuditRun> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const empty = { errors: [], vulnerabilities: [], dependenciesChecked: 0 };
  if (options.disabled)
    return { status: 'disabled', reason: 'pip-audit is disabled', durationMs: 0, ...empty };
  const env = { ...process.env, ...options.env };
  const executable = findExecutable(options.executable ?? 'pip-audit', env);
  if (executable === undefined) {
    const reason =
      options.executable === undefined || !/[\\/]/.test(options.executable)
        ? `${options.executable ?? 'pip-audit'} not found on PATH`
        : `pip-audit not found at ${options.executable}`;
    return { status: 'missing', reason, durationMs: elapsed(), ...empty };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The flags that keep pip-audit from installing anything depend on its version.
  const version = await toolVersion(executable, { timeoutMs, env: options.env, root });
  const base = { version, path: executable };
  if (version !== undefined && compareVersions(version, MIN_VERSION) < 0) {
    const reason = `pip-audit ${version} cannot audit requirements without installing them; pip-audit ${MIN_VERSION} or newer is needed`;
    return { ...base, status: 'error', reason, durationMs: elapsed(), ...empty };
  }
  // With no file, pip-audit would audit the environment vouch runs in: nothing to do instead.
  if (requirementFiles.length === 0) return { ...base, status: 'ok', durationMs: elapsed(), ...empty };

  const outcome = await runTool(executable, pipAuditArgs(requirementFiles, version), {
    cwd: root,
    timeoutMs: Math.max(1, timeoutMs - elapsed()),
    env: pythonToolEnv(env, root),
  });
  const fail = (status: 'error' | 'timeout', reason: string): PipAuditRun => ({
    ...base,
    status,
    reason,
    durationMs: elapsed(),
    ...empty,
  });
  switch (outcome.kind) {
    case 'timeout':
      return fail(
        'timeout',
        `pip-audit did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`,
      );
    case 'aborted':
      return fail('error', 'pip-audit was stopped');
    case 'spawn-failed':
      return fail('error', `pip-audit could not be started: ${outcome.message}`);
    case 'signalled':
      return fail('error', withStderr(`pip-audit was killed by ${outcome.signal}`, outcome.stderr));
    case 'exited': {
      // 0 = nothing known, 1 = vulnerabilities found; but 1 is also a fatal error (unpinned
      // requirement, no network), told apart by the missing report.
      if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
        return fail('error', withStderr(`pip-audit exited with code ${outcome.exitCode}`, outcome.stderr));
      }
      const report = parsePipAuditReport(outcome.stdout);
      if (typeof report === 'string') return fail('error', withStderr(report, outcome.stderr));
      const source = requirementFiles.join(', ');
      return {
        ...base,
        status: 'ok',
        durationMs: elapsed(),
        vulnerabilities: report.vulnerabilities,
        dependenciesChecked: report.dependenciesChecked,
        errors: report.skipped.map((s) => ({ file: source, message: `${s.name} not audited: ${s.reason}` })),
      };
    }
  }
}

function withStderr(reason: string, stderr: string): string {
  const line = explainStderr(stderr);
  return line === '' ? reason : `${reason}: ${line}`;
}

/** What one pip-audit report says. */
export interface PipAuditReport {
  vulnerabilities: VulnerableDependency[];
  dependenciesChecked: number;
  /** Dependencies pip-audit could not audit (URL requirements...), with its reason. */
  skipped: { name: string; reason: string }[];
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Json): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Reads pip-audit's JSON: `{"dependencies": [...], "fixes": [...]}` (2.x), or the bare list of
 * dependencies that 1.x printed. A dependency is `{name, version, vulns: [{id, fix_versions,
 * aliases, description}]}`, or `{name, skip_reason}` when it was not audited. A string is the
 * reason the output could not be read.
 */
export function parsePipAuditReport(stdout: string): PipAuditReport | string {
  let data: Json;
  try {
    data = JSON.parse(stdout);
  } catch {
    // Some versions print the summary on stdout before the report: try the last JSON-looking line.
    const last = stdout
      .split(/\r?\n/)
      .reverse()
      .find((line) => /^\s*[[{]/.test(line));
    try {
      data = last === undefined ? undefined : JSON.parse(last);
    } catch {
      data = undefined;
    }
    if (data === undefined) {
      const start = stdout.trim().slice(0, 60).replace(/\s+/g, ' ');
      return start === ''
        ? 'pip-audit printed no report'
        : `pip-audit printed something that is not JSON ("${start}")`;
    }
  }
  const dependencies = Array.isArray(data) ? data : isRecord(data) ? data.dependencies : undefined;
  if (!Array.isArray(dependencies)) return 'pip-audit printed JSON without a dependency list';
  const report: PipAuditReport = { vulnerabilities: [], dependenciesChecked: 0, skipped: [] };
  for (const dep of dependencies) {
    if (!isRecord(dep) || typeof dep.name !== 'string') continue;
    if (typeof dep.skip_reason === 'string') {
      report.skipped.push({ name: dep.name, reason: dep.skip_reason });
      continue;
    }
    report.dependenciesChecked++;
    const version = typeof dep.version === 'string' ? dep.version : '';
    for (const vuln of Array.isArray(dep.vulns) ? dep.vulns : []) {
      if (!isRecord(vuln) || typeof vuln.id !== 'string') continue;
      report.vulnerabilities.push({
        name: dep.name,
        version,
        id: vuln.id,
        aliases: strings(vuln.aliases),
        fixVersions: strings(vuln.fix_versions),
        description:
          typeof vuln.description === 'string' && vuln.description !== '' ? vuln.description : undefined,
      });
    }
  }
  report.vulnerabilities.sort((a, b) => cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.id, b.id));
  return report;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
