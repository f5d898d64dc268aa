import { availableParallelism } from 'node:os';
import type { PythonScan, RawFinding } from '../../repo/types.js';
import { scanFile, type FileResult, type SourceFile } from './analyse-file.js';
import { pythonParser } from './parser.js';
import { analyseInWorkers } from './pool.js';

export interface ScanOptions {
  /** Worker threads; default min(cores, one per 2 MB to parse). 0 or 1 runs in this thread. */
  workers?: number;
  /** The worker script; default dist/python-worker.js beside the running bundle. */
  workerUrl?: URL;
}

/** Below this much text per worker, starting a worker (loading wasm) costs more than it saves. */
const CHARS_PER_WORKER = 2 * 1024 * 1024;

/**
 * Where the worker script is. The bundle (dist/cli.js and its chunks) has dist/python-worker.js
 * beside it. Running from the TypeScript sources (vitest), there is no worker Node can start
 * (it cannot load .ts in a worker), so the scan runs in this thread unless a caller passes
 * `workerUrl` (the tests pass a freshly bundled worker).
 */
function defaultWorkerUrl(): URL | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined;
  return new URL('./python-worker.js', import.meta.url);
}

async function analyseInProcess(files: SourceFile[]): Promise<FileResult[]> {
  let failure: string | undefined;
  const parser = async () => {
    try {
      return await pythonParser();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      results.push(await scanFile(parser, file));
    } catch {
      results.push({
        path: file.path,
        findings: [],
        error: `python parser unavailable: ${failure ?? 'unknown'}`,
        parsed: false,
      });
    }
  }
  return results;
}

function byPosition(a: RawFinding, b: RawFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

/**
 * Runs the built-in rules on Python files. Files the prefilter rules out are not parsed; their
 * imports are read from the text. The rest is parsed in this thread or on worker threads.
 * `filesScanned` counts every file given, `filesParsed` those parsed.
 */
export async function scanPython(
  files: readonly SourceFile[],
  options: ScanOptions = {},
): Promise<PythonScan> {
  const started = performance.now();
  const findings: RawFinding[] = [];
  // The prefilter runs where the parsing does (on the workers), so the main thread hands the
  // files over at once and the workers start loading the parser while they filter.
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const workers = options.workers ?? Math.min(availableParallelism(), Math.ceil(chars / CHARS_PER_WORKER));
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const all = [...files];
  const results =
    workers > 1 && workerUrl && all.length > 1
      ? await analyseInWorkers(workerUrl, all, workers, analyseInProcess)
      : await analyseInProcess(all);
  const errors: PythonScan['errors'] = [];
  for (const result of results) {
    findings.push(...result.findings);
    if (result.error !== undefined) errors.push({ file: result.path, message: result.error });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    findings: findings.sort(byPosition),
    filesScanned: files.length,
    filesParsed: results.filter((r) => r.parsed !== false).length,
    errors,
    durationMs: Math.round(performance.now() - started),
  };
}
