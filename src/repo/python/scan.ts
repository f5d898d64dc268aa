import { availableParallelism } from 'node:os';
import type { PythonScan, RawFinding } from '../types.js';
import { analyseFile, type FileResult, type SourceFile } from './analyse-file.js';
import { importsFromText } from './imports.js';
import { pythonParser } from './parser.js';
import { analyseInWorkers } from './pool.js';
import { mayMatch } from './prefilter.js';

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
  let parser;
  try {
    parser = await pythonParser();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return files.map((file) => ({
      path: file.path,
      findings: [],
      error: `python parser unavailable: ${reason}`,
    }));
  }
  return files.map((file) => analyseFile(parser, file));
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
  const toParse: SourceFile[] = [];
  let chars = 0;
  for (const file of files) {
    if (mayMatch(file.text)) {
      toParse.push(file);
      chars += file.text.length;
    } else {
      findings.push(...importsFromText(file.text, file.path));
    }
  }
  const workers = options.workers ?? Math.min(availableParallelism(), Math.ceil(chars / CHARS_PER_WORKER));
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const results =
    workers > 1 && workerUrl && toParse.length > 1
      ? await analyseInWorkers(workerUrl, toParse, workers, analyseInProcess)
      : await analyseInProcess(toParse);
  const errors: PythonScan['errors'] = [];
  for (const result of results) {
    findings.push(...result.findings);
    if (result.error !== undefined) errors.push({ file: result.path, message: result.error });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    findings: findings.sort(byPosition),
    filesScanned: files.length,
    filesParsed: toParse.length,
    errors,
    durationMs: Math.round(performance.now() - started),
  };
}
