/**
 * Runs bandit over the Python files vouch listed, in parallel shards, and turns its JSON into
 * RawFindings. bandit only parses the files; nothing of the audited project is executed.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { explainStderr, pythonToolEnv, runTool, type ToolOutcome } from './exec/run-tool.js';
import { chunkArguments, mapPool, planShards, type SizedFile } from './exec/shards.js';
import { findExecutable, toolVersion } from './tools.js';
import { readRegularFile } from '../util/read-file.js';
import { redactSecretsInLine } from '../util/redact.js';
import type { ProcessLoad, RawFinding, ToolRun } from './types.js';

export interface BanditOptions {
  /** `--bandit PATH`: a path, or a name looked up on PATH. */
  executable?: string | undefined;
  disabled?: boolean | undefined;
  /** For the whole run, all shards together. Default 10 minutes. */
  timeoutMs?: number | undefined;
  /** Passed to every bandit process before the file list. */
  extraArgs?: string[] | undefined;
  /** Concurrent bandit processes. Default: the number of CPUs. */
  shards?: number | undefined;
  /** Relative path of the repository's bandit configuration: pyproject.toml, .bandit or YAML. */
  configFile?: string | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Added to the inherited environment (PATH lookups included). */
  env?: NodeJS.ProcessEnv | undefined;
}

type ToolError = ToolRun['errors'][number];

/** One bandit report, reduced to what vouch keeps. */
export interface BanditReport {
  findings: RawFinding[];
  errors: ToolError[];
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const SNIPPET_MAX = 200;

/**
 * Key for a cache of bandit results: the same bandit version, arguments and file contents give
 * the same findings. Files are sorted so listing order does not matter; argument order does.
 */
export function banditCacheKey(
  version: string,
  args: string[],
  files: { path: string; sha: string }[],
): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify({ version, args, files: sorted.map((f) => [f.path, f.sha]) }))
    .digest('hex');
}

/** Runs bandit on `pythonFiles` (paths relative to `root`) and reports what it found. */
export async function runBandit(
  root: string,
  pythonFiles: string[],
  options: BanditOptions = {},
): Promise<ToolRun> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const empty = { findings: [], errors: [] };
  if (options.disabled) {
    return { status: 'disabled', reason: 'bandit is disabled', durationMs: 0, ...empty };
  }
  const env = { ...process.env, ...options.env };
  const executable = findExecutable(options.executable ?? 'bandit', env);
  if (executable === undefined) {
    const reason =
      options.executable === undefined || !/[\\/]/.test(options.executable)
        ? `${options.executable ?? 'bandit'} not found on PATH`
        : `bandit not found at ${options.executable}`;
    return { status: 'missing', reason, durationMs: elapsed(), ...empty };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const versionPromise = toolVersion(executable, { timeoutMs, env: options.env, root });

  let config: ConfigArgs = { args: [], errors: [], cleanup: noCleanup };
  try {
    config = await banditConfigArgs(root, options.configFile);
    const outcome = await runShards(root, executable, pythonFiles, {
      ...options,
      timeoutMs,
      env: pythonToolEnv(env, root),
      args: ['-f', 'json', '-q', ...config.args, ...(options.extraArgs ?? [])],
    });
    const version = await versionPromise;
    const base = { version, path: executable, durationMs: elapsed() };
    if (outcome.status !== 'ok') return { ...base, status: outcome.status, reason: outcome.reason, ...empty };
    return {
      ...base,
      status: 'ok',
      processes: outcome.processes,
      findings: outcome.report.findings,
      errors: [...config.errors, ...outcome.report.errors],
    };
  } catch (error) {
    // Only our own I/O (a temporary directory, a stat) gets here: still an answer, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'error',
      reason: `bandit could not be run: ${message}`,
      path: executable,
      durationMs: elapsed(),
      ...empty,
    };
  } finally {
    await config.cleanup();
  }
}

type ShardsOutcome =
  | { status: 'ok'; report: BanditReport; processes: ProcessLoad[] }
  | { status: 'error' | 'timeout'; reason: string };

type ChunkResult =
  { ok: true; report: BanditReport } | { ok: false; status: 'error' | 'timeout'; reason: string };

async function runShards(
  root: string,
  executable: string,
  pythonFiles: string[],
  options: BanditOptions & { timeoutMs: number; env: NodeJS.ProcessEnv; args: string[] },
): Promise<ShardsOutcome> {
  const total = pythonFiles.length;
  const progress = options.onProgress ?? (() => undefined);
  progress(0, total);
  if (total === 0) return { status: 'ok', report: { findings: [], errors: [] }, processes: [] };

  const sized = await Promise.all(pythonFiles.map((file) => sizeOf(root, file)));
  const shardCount = Math.max(1, Math.floor(options.shards ?? os.availableParallelism()) || 1);
  // `./` as `bandit -r .` would write them: exclude patterns match the same way, and a file
  // named `-` is not taken for stdin.
  const chunks = planPieces(sized, shardCount).flatMap((piece) => chunkArguments(piece.map((f) => `./${f}`)));

  const started = Date.now();
  const abort = new AbortController();
  const doneByChunk = new Array<number>(chunks.length).fill(0);
  let reported = 0;
  const report = (): void => {
    const done = Math.min(
      total,
      doneByChunk.reduce((a, b) => a + b, 0),
    );
    if (done !== reported) {
      reported = done;
      progress(done, total);
    }
  };

  const lanes = Math.max(1, Math.min(shardCount, chunks.length));
  const processes: ProcessLoad[] = Array.from({ length: lanes }, () => ({ busyMs: 0, pieces: 0, files: 0 }));
  const results = await mapPool(chunks, lanes, async (files, index, slot) => {
    const pieceStarted = performance.now();
    const remaining = options.timeoutMs - (Date.now() - started);
    if (remaining <= 0) abort.abort();
    // A progress token can be split between two reads: keep the tail of the previous one.
    let carry = '';
    const outcome = await runTool(executable, [...options.args, '--', ...files], {
      cwd: root,
      timeoutMs: remaining,
      env: options.env,
      signal: abort.signal,
      onStderr: (text) => {
        const count = lastProgressCount(carry + text);
        carry = (carry + text).slice(-16);
        if (count !== undefined)
          doneByChunk[index] = Math.min(files.length, Math.max(count, doneByChunk[index] ?? 0));
        report();
      },
    });
    const result = chunkResult(outcome, root, options.timeoutMs);
    const load = processes[slot];
    if (load !== undefined) {
      load.busyMs += Math.round(performance.now() - pieceStarted);
      load.pieces++;
      load.files += files.length;
    }
    if (!result.ok) abort.abort();
    doneByChunk[index] = files.length;
    report();
    return result;
  });

  // A timeout outranks the errors it caused in sibling shards; an abort is never the first cause.
  const failures = results.filter((r): r is Extract<ChunkResult, { ok: false }> => !r.ok);
  const timedOut = failures.find((f) => f.status === 'timeout');
  const failure = timedOut ?? failures.find((f) => f.reason !== '');
  if (failure) return { status: failure.status, reason: failure.reason };
  if (failures.length > 0) return { status: 'timeout', reason: timeoutReason(options.timeoutMs) };
  const merged = results.flatMap((r) => (r.ok ? [r.report] : []));
  return { status: 'ok', report: mergeBanditReports(merged), processes };
}

// Bytes predict bandit's time only roughly, and on a shared machine one process can be slowed:
// equal pieces leave one process running alone at the end (3 pieces on 2 processes: a whole
// piece). Pieces shrink instead (guided self-scheduling): each is a share of what is left, the
// largest files first, so the last pieces are small and every process stays busy nearly to the
// end. Every piece pays for bandit's start (a quarter of a second of CPU, on a machine whose
// cores are shared with vouch's own analysis): a piece per process of what is left, at least
// 512 KB, keeps them few (6 MB on two processes: 5 pieces) while the tail stays short.
const TAIL_SHARE = 1;
const MIN_PIECE_BYTES = 512 * 1024;

/**
 * Files split into pieces for `shards` concurrent processes, pulled in order by whichever
 * process is free: each piece holds about 1/shards of the bytes not yet planned, largest
 * files first, so the pieces get smaller towards the end. Files keep their input order in a piece.
 */
export function planPieces(files: readonly SizedFile[], shards: number): string[][] {
  if (shards <= 1) return planShards(files, 1);
  const order = files.map((f, index) => ({ path: f.path, size: Math.max(0, f.size), index }));
  let remaining = order.reduce((sum, f) => sum + f.size, 0);
  // A small tree: one even piece per process.
  if (remaining <= shards * TAIL_SHARE * MIN_PIECE_BYTES) return planShards(files, shards);
  order.sort((a, b) => b.size - a.size || a.index - b.index);
  const pieces: { path: string; index: number }[][] = [];
  let at = 0;
  while (at < order.length) {
    const target = Math.max(MIN_PIECE_BYTES, remaining / (TAIL_SHARE * shards));
    const piece: { path: string; index: number }[] = [];
    let bytes = 0;
    while (at < order.length && (piece.length === 0 || bytes + (order[at]?.size ?? 0) <= target)) {
      const file = order[at++]!;
      piece.push(file);
      bytes += file.size;
    }
    remaining -= bytes;
    pieces.push(piece);
  }
  return pieces.map((piece) => piece.sort((a, b) => a.index - b.index).map((f) => f.path));
}

function timeoutReason(timeoutMs: number): string {
  return `bandit did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`;
}

function chunkResult(outcome: ToolOutcome, root: string, timeoutMs: number): ChunkResult {
  switch (outcome.kind) {
    case 'timeout':
      return { ok: false, status: 'timeout', reason: timeoutReason(timeoutMs) };
    case 'aborted':
      // Stopped because another shard failed or the deadline passed: that shard tells why.
      return { ok: false, status: 'error', reason: '' };
    case 'spawn-failed':
      return { ok: false, status: 'error', reason: `bandit could not be started: ${outcome.message}` };
    case 'signalled':
      return {
        ok: false,
        status: 'error',
        reason: withStderr(`bandit was killed by ${outcome.signal}`, outcome.stderr),
      };
    case 'exited': {
      // bandit 1.6.2: 1 = issues found, 0 = clean, and 0 too when files fail to parse.
      if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
        return {
          ok: false,
          status: 'error',
          reason: withStderr(`bandit exited with code ${outcome.exitCode}`, outcome.stderr),
        };
      }
      const parsed = parseBanditReport(outcome.stdout, root);
      if (typeof parsed === 'string') {
        return { ok: false, status: 'error', reason: withStderr(parsed, outcome.stderr) };
      }
      return { ok: true, report: parsed };
    }
  }
}

function withStderr(reason: string, stderr: string): string {
  const line = explainStderr(stderr);
  return line === '' ? reason : `${reason}: ${line}`;
}

/** bandit's progress on stderr reads `1790 [0.. 50.. 100.. ]`: files started so far. */
function lastProgressCount(stderr: string): number | undefined {
  let last: number | undefined;
  for (const match of stderr.matchAll(/(?<!\d)(\d+)\.\. /g)) last = Number(match[1]);
  return last;
}

async function sizeOf(root: string, file: string): Promise<SizedFile> {
  try {
    return { path: file, size: (await stat(path.join(root, file))).size };
  } catch {
    // bandit will report the file as unreadable; its weight does not matter.
    return { path: file, size: 0 };
  }
}

/** Merges shard reports into one, in a stable order whatever the sharding. */
export function mergeBanditReports(reports: readonly BanditReport[]): BanditReport {
  const findings = reports.flatMap((r) => r.findings);
  findings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
  const errors = reports.flatMap((r) => r.errors);
  errors.sort((a, b) => compare(a.file, b.file) || compare(a.message, b.message));
  return { findings, errors };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// bandit's JSON

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: Json): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function level(value: Json): RawFinding['severity'] {
  const lower = text(value)?.toLowerCase();
  return lower === 'high' || lower === 'medium' || lower === 'low' ? lower : undefined;
}

/** A path as bandit printed it (`./pkg/a.py`, or absolute), made relative to the root, POSIX. */
export function relativeToRoot(file: string, root: string): string {
  let rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  rel = rel.split(path.sep).join('/');
  while (rel.startsWith('./')) rel = rel.slice(2);
  return rel;
}

/**
 * The flagged line out of bandit's `code` (numbered context lines, `"12 text\n13 text\n"`), trimmed
 * and cut to 200 characters. Secrets are masked (vouch's detectors; every literal for the
 * hard-coded password tests, whose literal is the finding).
 */
export function snippetFromCode(code: string | undefined, line: number, rule: string): string | undefined {
  if (code === undefined) return undefined;
  for (const row of code.split('\n')) {
    const match = /^(\d+)[ \t](.*)$/.exec(row);
    if (match && Number(match[1]) === line) {
      const source = match[2] ?? '';
      const trimmed = redactSecretsInLine(SECRET_RULES.has(rule) ? maskLiterals(source) : source).trim();
      if (trimmed === '') return undefined;
      return trimmed.length > SNIPPET_MAX ? `${trimmed.slice(0, SNIPPET_MAX - 1)}…` : trimmed;
    }
  }
  return undefined;
}

// B105-B107 flag a literal because it looks like a password: showing it would print the secret.
const SECRET_RULES = new Set(['B105', 'B106', 'B107']);

function maskLiterals(source: string): string {
  return source.replace(
    /([rbuRBUfF]{0,2})(['"])(?:\\.|(?!\2).)*\2/g,
    (_m, prefix: string, quote: string) => `${prefix}${quote}***${quote}`,
  );
}

/** Reads one bandit JSON report; a string is the reason it could not be read. */
export function parseBanditReport(stdout: string, root: string): BanditReport | string {
  let data: Json;
  try {
    data = JSON.parse(stdout);
  } catch {
    const start = stdout.trim().slice(0, 60).replace(/\s+/g, ' ');
    return start === ''
      ? 'bandit printed no report'
      : `bandit printed something that is not JSON ("${start}")`;
  }
  if (!isRecord(data) || !Array.isArray(data.results)) return 'bandit printed JSON without a results list';
  const findings: RawFinding[] = [];
  for (const item of data.results) {
    if (!isRecord(item)) continue;
    const rule = text(item.test_id) ?? text(item.test_name) ?? 'bandit';
    const line = typeof item.line_number === 'number' ? item.line_number : 0;
    const column = typeof item.col_offset === 'number' ? item.col_offset + 1 : undefined;
    findings.push({
      rule,
      message: text(item.issue_text) ?? rule,
      file: relativeToRoot(text(item.filename) ?? '', root),
      line,
      column,
      snippet: snippetFromCode(text(item.code), line, rule),
      severity: level(item.issue_severity),
      confidence: level(item.issue_confidence),
    });
  }
  const errors: ToolError[] = [];
  for (const item of Array.isArray(data.errors) ? data.errors : []) {
    if (!isRecord(item)) continue;
    errors.push({
      file: relativeToRoot(text(item.filename) ?? '', root),
      message: text(item.reason) ?? 'bandit could not read this file',
    });
  }
  return mergeBanditReports([{ findings, errors }]);
}

// ---------------------------------------------------------------------------------------------
// The repository's own bandit configuration

interface ConfigArgs {
  args: string[];
  errors: ToolError[];
  cleanup: () => Promise<void>;
}

const noCleanup = async (): Promise<void> => undefined;

/**
 * The top-level settings a repository's bandit configuration sets (`shell_injection`,
 * `hardcoded_tmp_directory`, `tests`...): plugin settings can widen what a test reports. An INI
 * file (`.bandit`) holds none. Undefined when the file cannot be read as bandit would.
 */
export function banditConfigSections(root: string, configFile: string | undefined): string[] | undefined {
  if (configFile === undefined || configFile === '') return [];
  const base = path.basename(configFile).toLowerCase();
  const isToml = base.endsWith('.toml');
  if (!isToml && !base.endsWith('.yaml') && !base.endsWith('.yml')) return [];
  const read = readRegularFile(path.resolve(root, configFile), 16 * 1024 * 1024);
  if (!read.ok) return undefined;
  try {
    const parsed: unknown = isToml ? parseToml(read.text).tool : parseYaml(read.text);
    const section = isToml ? (isRecord(parsed) ? parsed.bandit : undefined) : parsed;
    if (section === undefined || section === null) return [];
    return isRecord(section) ? Object.keys(section) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Arguments that make bandit honour the repository's configuration with an explicit file list:
 * - YAML (`bandit.yaml`, `.bandit.yml`...) → `-c FILE`.
 * - `.bandit` (INI) → `--ini FILE`: bandit 1.6.2 only finds it by itself while walking a `-r`
 *   directory, but reads it with explicit targets when named (exclude, skips, tests).
 * - `pyproject.toml` → bandit 1.6.2 reads `-c` as YAML only (TOML came in 1.7 with an extra), so
 *   `[tool.bandit]` is rewritten as the equivalent YAML in a temporary file and passed with `-c`:
 *   skips, tests, exclude_dirs and plugin settings all keep bandit's own meaning, on every version.
 */
export async function banditConfigArgs(root: string, configFile: string | undefined): Promise<ConfigArgs> {
  if (configFile === undefined || configFile === '') return { args: [], errors: [], cleanup: noCleanup };
  const absolute = path.resolve(root, configFile);
  const base = path.basename(configFile).toLowerCase();
  if (base.endsWith('.toml')) return tomlConfigArgs(absolute, configFile);
  if (base.endsWith('.yaml') || base.endsWith('.yml'))
    return { args: ['-c', absolute], errors: [], cleanup: noCleanup };
  return { args: ['--ini', absolute], errors: [], cleanup: noCleanup };
}

async function tomlConfigArgs(absolute: string, configFile: string): Promise<ConfigArgs> {
  let section: Json;
  try {
    const read = readRegularFile(absolute, 16 * 1024 * 1024);
    if (!read.ok) throw new Error(read.reason);
    const parsed = parseToml(read.text);
    const tool = parsed.tool;
    section = isRecord(tool) ? tool.bandit : undefined;
  } catch (error) {
    // Without its configuration bandit reports more, never less: run it and say why.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      args: [],
      errors: [
        { file: configFile, message: `[tool.bandit] ignored, the file could not be read: ${message}` },
      ],
      cleanup: noCleanup,
    };
  }
  if (!isRecord(section)) return { args: [], errors: [], cleanup: noCleanup };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vouch-bandit-'));
  const yamlFile = path.join(dir, 'bandit.yaml');
  await writeFile(yamlFile, stringifyYaml(section), 'utf8');
  return {
    args: ['-c', yamlFile],
    errors: [],
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
