import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressListener } from '../audit/progress.js';
import { banditConfigSections, runBandit } from './bandit.js';
import {
  digest,
  emptyCache,
  groupByFile,
  partition,
  readCache,
  writeCache,
  type CacheData,
  type FileResults,
} from './cache.js';
import { listFiles } from './files.js';
import { gitFacts } from './git.js';
import { readManifests } from './manifests/index.js';
import { runPipAudit } from './pip-audit.js';
import { scanPython } from '../analysis/python/scan.js';
import { PYTHON_RULES } from '../analysis/python/rules.js';
import { banditPrefilter } from '../analysis/bandit/triggers.js';
import { findExecutable, knownToolVersions, rememberToolVersions, toolInfo } from './tools.js';
import { codeDigest } from '../util/code-digest.js';
import { readRegularFile } from '../util/read-file.js';
import type { Facts, PipAuditRun, ProcessLoad, PythonScan, RawFinding, RepoFile, ToolRun } from './types.js';
import { isGenerated, scanText, type SecretFound } from '../probes/secrets.js';
import { collectVulnFacts } from '../vuln/collect.js';
import type { ImportedReport } from '../vuln/import/types.js';

export interface CollectOptions {
  exclude?: string[];
  maxFileSize?: number;
  bandit: {
    enabled: boolean;
    executable?: string | undefined;
    args: string[];
    timeoutMs?: number | undefined;
    /**
     * The bandit test ids whose findings anything consults (the checklist's bandit checks). Given,
     * a file in which none of them can fire is not sent to bandit; undefined sends every file.
     */
    tests?: readonly string[] | undefined;
  };
  pipAudit: { enabled: boolean; executable?: string | undefined };
  /** An offline OSV database (`--osv-db`) and reports of other tools already read (`--import`). */
  vulnerabilities?: { osvDb?: string | undefined; imports?: ImportedReport[] | undefined } | undefined;
  /** Reuse per-file analysis from `.vouch/cache/` when the files did not change. */
  cache: boolean;
  /** vouch's version: a new version never reuses an old cache. */
  toolVersion: string;
  onProgress?: ProgressListener;
}

const SECURITY_TOOLS = ['bandit', 'pip-audit', 'safety', 'semgrep'];

/**
 * Collects every fact the probes need, once: the only stage that reads the disk, asks git and
 * runs other programs. bandit and the built-in analyser run side by side.
 */
export async function collectFacts(root: string, options: CollectOptions): Promise<Facts> {
  const emit = options.onProgress ?? (() => undefined);

  emit({ step: 'files', state: 'running' });
  const cache: CacheData = options.cache ? readCache(root) : emptyCache();
  if (cache.tools !== undefined) rememberToolVersions(cache.tools);
  const listing = await listFiles(root, {
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
    knownBlobs: new Map(Object.entries(cache.blobs ?? {})),
  });
  cache.blobs = Object.fromEntries(listing.blobs);
  const skippedNote = listing.skipped.length > 0 ? `, ${listing.skipped.length} skipped` : '';
  emit({
    step: 'files',
    state: 'done',
    detail: `${listing.files.length} files${skippedNote}${listing.read < listing.files.length ? `, ${listing.read} read (the rest unchanged)` : ''}`,
  });

  const pythonFiles = listing.files.filter((f) => f.path.endsWith('.py') || f.path.endsWith('.pyw'));
  const blobId = (path: string): string => listing.ids.get(path) ?? '';
  const hashed = pythonFiles.map((f) => ({ path: f.path, sha: blobId(f.path) }));
  // Under the sources (tests) the rule table stands for the analyser's code.
  const codeKey = `${options.toolVersion}:${codeDigest() ?? digest(JSON.stringify(PYTHON_RULES))}`;

  emit({ step: 'git', state: 'running' });
  const gitPromise = gitFacts(root, listing.files, listing.workTree ?? null).then((g) => {
    emit({
      step: 'git',
      state: 'done',
      detail: g.isRepo
        ? `HEAD ${g.head?.slice(0, 7) ?? 'none'}${g.dirty ? ', uncommitted changes' : ''}`
        : 'not a git repository',
    });
    return g;
  });

  emit({ step: 'manifests', state: 'running' });
  const { manifests, lockFiles } = readManifests(listing.files, listing.text);
  const depCount = manifests.reduce((n, m) => n + m.dependencies.length, 0);
  emit({
    step: 'manifests',
    state: 'done',
    detail: `${manifests.length} manifests, ${depCount} dependencies, ${lockFiles.length} lock files`,
  });

  emit({ step: 'tools', state: 'running' });
  const toolsPromise = toolInfo(SECURITY_TOOLS, { root }).then((t) => {
    const found = Object.values(t)
      .filter((i) => i.path !== undefined)
      .map((i) => i.name);
    emit({ step: 'tools', state: 'done', detail: found.length > 0 ? found.join(', ') : 'none found' });
    return t;
  });

  const pythonPromise = runPythonCached(listing.text, hashed, cache, codeKey, emit);
  const banditPromise = runBanditCached(root, hashed, listing.text, cache, options, emit);
  const requirementFiles = manifests.filter((m) => m.kind === 'requirements').map((m) => m.path);
  const pipAuditPromise = runPipAuditStep(root, requirementFiles, options, emit);

  const vulnPromise = collectVulnFacts(manifests, lockFiles, options.vulnerabilities ?? {}, emit);

  // On this thread while the workers parse and bandit runs; it yields so they are kept fed. Awaited
  // with the others: a step that fails while another is awaited must not go unhandled.
  const secretsPromise = secretsCached(listing.files, listing.text, blobId, cache, codeKey);
  const [secrets, git, tools, python, bandit, pipAudit, vulnerabilities] = await Promise.all([
    secretsPromise,
    gitPromise,
    toolsPromise,
    pythonPromise,
    banditPromise,
    pipAuditPromise,
    vulnPromise,
  ]);
  if (options.cache) {
    cache.tools = await knownToolVersions();
    try {
      writeCache(root, cache);
    } catch {
      // A read-only checkout still gets its audit; the next run is just slower.
    }
  }
  return {
    root,
    files: listing.files,
    skipped: listing.skipped,
    text: listing.text,
    secrets,
    git,
    manifests,
    lockFiles,
    python,
    bandit,
    pipAudit,
    vulnerabilities,
    tools,
  };
}

async function runPythonCached(
  text: ReadonlyMap<string, string>,
  hashed: { path: string; sha: string }[],
  cache: CacheData,
  key: string,
  emit: ProgressListener,
): Promise<PythonScan> {
  const started = performance.now();
  const { reuse, todo } = partition(cache.python, key, hashed);
  emit({
    step: 'python',
    state: 'running',
    detail: reuse.length > 0 ? `${reuse.length} unchanged` : undefined,
    done: 0,
    total: todo.length,
  });
  const fresh = await scanPython(todo.map((path) => ({ path, text: text.get(path) ?? '' })));
  const todoSet = new Set(todo);
  cache.python = {
    key,
    files: {
      ...Object.fromEntries(reuse.map(({ path, ...r }) => [path, r])),
      ...groupByFile(
        hashed.filter((h) => todoSet.has(h.path)),
        fresh.findings,
        fresh.errors,
      ),
    },
  };
  const merged = mergeResults(reuse, fresh.findings, fresh.errors);
  emit({
    step: 'python',
    state: 'done',
    detail: `${hashed.length} files (${fresh.filesParsed} parsed${reuse.length > 0 ? `, ${reuse.length} from cache` : ''})`,
  });
  return {
    findings: merged.findings,
    errors: merged.errors,
    filesScanned: hashed.length,
    filesParsed: fresh.filesParsed,
    durationMs: Math.round(performance.now() - started),
  };
}

async function runBanditCached(
  root: string,
  hashed: { path: string; sha: string }[],
  text: ReadonlyMap<string, string>,
  cache: CacheData,
  options: CollectOptions,
  emit: ProgressListener,
): Promise<ToolRun> {
  if (!options.bandit.enabled) {
    emit({ step: 'bandit', state: 'skipped', detail: 'disabled (--no-bandit)' });
    return {
      status: 'disabled',
      reason: 'bandit disabled (--no-bandit)',
      durationMs: 0,
      findings: [],
      errors: [],
    };
  }
  const configFile = banditConfigFile(root);
  const configRead =
    configFile === undefined ? undefined : readRegularFile(join(root, configFile), MAX_CONFIG_BYTES);
  const configDigest = configRead?.ok === true ? digest(configRead.text) : '';
  // An upgraded bandit is a different executable file: its size and time change the key.
  const executable = options.bandit.executable ?? findExecutable('bandit');
  const stamp =
    executable !== undefined && existsSync(executable)
      ? `${statSync(executable).size}:${statSync(executable).mtimeMs}`
      : '';
  // Only files in which a consulted test can fire go to bandit; the others have nothing to give.
  const tests = options.bandit.tests === undefined ? undefined : [...new Set(options.bandit.tests)].sort();
  // Plugin settings in the repository's configuration, or a configuration or profile passed in
  // the arguments, can widen what a test reports: then every file goes.
  const sections = banditConfigSections(root, configFile);
  const ownConfig = options.bandit.args.some((a) => /^(?:-c|--configfile|-p|--profile|--ini)(?:=|$)/.test(a));
  const mayFire =
    tests === undefined || sections === undefined || ownConfig ? undefined : banditPrefilter(tests, sections);
  const scope = mayFire === undefined ? 'all' : tests?.join(',');
  const key = `${executable ?? 'bandit'}:${stamp}:${options.bandit.args.join(' ')}:${configFile ?? ''}:${configDigest}:${scope}`;
  const { reuse, todo: changed } = partition(cache.bandit, key, hashed);
  const todo = mayFire === undefined ? changed : changed.filter((path) => mayFire(text.get(path) ?? ''));
  const spared = changed.length - todo.length;
  emit({
    step: 'bandit',
    state: 'running',
    detail: changed.length === 0 ? 'all files unchanged' : undefined,
    done: 0,
    total: todo.length,
  });
  const run = await runBandit(root, todo, {
    ...(options.bandit.executable === undefined ? {} : { executable: options.bandit.executable }),
    extraArgs: options.bandit.args,
    ...(options.bandit.timeoutMs === undefined ? {} : { timeoutMs: options.bandit.timeoutMs }),
    ...(configFile === undefined ? {} : { configFile }),
    onProgress: (done, total) => emit({ step: 'bandit', state: 'running', done, total }),
  });
  if (run.status !== 'ok') {
    emit({ step: 'bandit', state: run.status === 'missing' ? 'skipped' : 'failed', detail: run.reason });
    return run;
  }
  // Cache only complete runs.
  const versionedKey = key;
  const changedSet = new Set(changed);
  cache.bandit = {
    key: versionedKey,
    files: {
      ...Object.fromEntries(reuse.map(({ path, ...r }) => [path, r])),
      // The files spared are stored as what they are: files with nothing for these tests.
      ...groupByFile(
        hashed.filter((h) => changedSet.has(h.path)),
        run.findings,
        run.errors,
      ),
    },
  };
  const merged = mergeResults(reuse, run.findings, run.errors);
  const sparedNote =
    spared > 0 ? `, ${spared} file${spared === 1 ? '' : 's'} without a word any consulted test fires on` : '';
  emit({
    step: 'bandit',
    state: 'done',
    detail: `${run.version === undefined ? '' : `bandit ${run.version}: `}${merged.findings.length} findings${reuse.length > 0 ? `, ${reuse.length} files from cache` : ''}${sparedNote}${processLoads(run.processes)}`,
  });
  return { ...run, findings: merged.findings, errors: merged.errors };
}

async function runPipAuditStep(
  root: string,
  requirementFiles: string[],
  options: CollectOptions,
  emit: ProgressListener,
): Promise<PipAuditRun> {
  if (!options.pipAudit.enabled) {
    emit({ step: 'pip-audit', state: 'skipped', detail: 'disabled' });
    return {
      status: 'disabled',
      reason: 'pip-audit disabled',
      durationMs: 0,
      errors: [],
      vulnerabilities: [],
      dependenciesChecked: 0,
    };
  }
  emit({ step: 'pip-audit', state: 'running' });
  const run = await runPipAudit(root, requirementFiles, {
    ...(options.pipAudit.executable === undefined ? {} : { executable: options.pipAudit.executable }),
  });
  emit({
    step: 'pip-audit',
    state: run.status === 'ok' ? 'done' : run.status === 'missing' ? 'skipped' : 'failed',
    detail: run.status === 'ok' ? `${run.vulnerabilities.length} known vulnerabilities` : run.reason,
  });
  return run;
}

/**
 * The secrets in every file that may hold one, each file scanned once per content: a file whose
 * blob id has not changed since the last run keeps its (redacted) results.
 */
async function secretsCached(
  files: readonly RepoFile[],
  text: ReadonlyMap<string, string>,
  blobId: (path: string) => string,
  cache: CacheData,
  key: string,
): Promise<Map<string, SecretFound[]>> {
  const scanned = files
    .filter((f) => !isGenerated(f.path))
    .map((f) => ({ path: f.path, sha: blobId(f.path) }));
  const { reuse, todo } = partition(cache.secrets, key, scanned);
  const out = new Map<string, SecretFound[]>(reuse.map((r) => [r.path, r.found]));
  let slice = performance.now();
  for (const path of todo) {
    const content = text.get(path);
    if (content !== undefined) out.set(path, scanText(path, content));
    if (performance.now() - slice > YIELD_MS) {
      await new Promise((resume) => setImmediate(resume));
      slice = performance.now();
    }
  }
  cache.secrets = {
    key,
    files: Object.fromEntries(
      scanned.flatMap((f) => {
        const found = out.get(f.path);
        return found === undefined ? [] : [[f.path, { sha: f.sha, found }]];
      }),
    ),
  };
  return out;
}

/** The longest the secret scan holds the thread before letting worker and process events in. */
const YIELD_MS = 10;

const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * The bandit configuration a repository carries, if any. Only a regular file counts: bandit
 * would wait forever on a FIFO named `.bandit`.
 */
function banditConfigFile(root: string): string | undefined {
  for (const name of ['.bandit', 'bandit.yaml', 'bandit.yml', '.bandit.yaml', '.bandit.yml']) {
    if (isRegularFile(join(root, name))) return name;
  }
  const pyproject = readRegularFile(join(root, 'pyproject.toml'), MAX_CONFIG_BYTES);
  if (pyproject.ok && /^\s*\[tool\.bandit/m.test(pyproject.text)) return 'pyproject.toml';
  return undefined;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `; processes busy 9.8 s (4 pieces), 9.6 s (5 pieces)`: how evenly the shards were loaded. */
export function processLoads(processes: readonly ProcessLoad[] | undefined): string {
  if (processes === undefined || processes.length === 0) return '';
  const each = processes.map(
    (p) =>
      `${(p.busyMs / 1000).toFixed(1)} s (${p.pieces} piece${p.pieces === 1 ? '' : 's'}, ${p.files} file${p.files === 1 ? '' : 's'})`,
  );
  return `; processes busy ${each.join(', ')}`;
}

function mergeResults(
  reuse: FileResults[],
  findings: RawFinding[],
  errors: { file: string; message: string }[],
): { findings: RawFinding[]; errors: { file: string; message: string }[] } {
  const all = [...reuse.flatMap((r) => r.findings), ...findings];
  all.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { findings: all, errors: [...reuse.flatMap((r) => r.errors), ...errors] };
}
