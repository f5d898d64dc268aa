import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { RawFinding } from './types.js';

/** Per-file results of a costly analyser, keyed by the file's content digest. */
export interface FileResults {
  sha: string;
  findings: RawFinding[];
  errors: { file: string; message: string }[];
}

export interface AnalyserCache {
  /** Changes when the analyser, its version or its options change: then nothing is reused. */
  key: string;
  files: Record<string, FileResults>;
}

export interface CacheData {
  version: 1;
  python?: AnalyserCache | undefined;
  bandit?: AnalyserCache | undefined;
}

export const CACHE_PATH = join('.vouch', 'cache', 'analysis-v1.json');

/** Reads the cache; a missing or unreadable cache is simply empty (it is only an optimisation). */
export function readCache(root: string): CacheData {
  const file = join(root, CACHE_PATH);
  if (!existsSync(file)) return { version: 1 };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheData;
    return data.version === 1 ? data : { version: 1 };
  } catch {
    return { version: 1 };
  }
}

export function writeCache(root: string, data: CacheData): void {
  writeFileAtomic(join(root, CACHE_PATH), JSON.stringify(data));
}

export function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Splits files into those whose cached results still hold and those to analyse again.
 */
export function partition(
  cache: AnalyserCache | undefined,
  key: string,
  files: { path: string; sha: string }[],
): { reuse: (FileResults & { path: string })[]; todo: string[] } {
  const reuse: (FileResults & { path: string })[] = [];
  const todo: string[] = [];
  for (const f of files) {
    const hit = cache?.key === key ? cache.files[f.path] : undefined;
    if (hit !== undefined && hit.sha === f.sha) reuse.push({ ...hit, path: f.path });
    else todo.push(f.path);
  }
  return { reuse, todo };
}

/** Groups fresh findings and errors by file, for storing. */
export function groupByFile(
  files: { path: string; sha: string }[],
  findings: RawFinding[],
  errors: { file: string; message: string }[],
): Record<string, FileResults> {
  const out: Record<string, FileResults> = {};
  for (const f of files) out[f.path] = { sha: f.sha, findings: [], errors: [] };
  for (const finding of findings) out[finding.file]?.findings.push(finding);
  for (const error of errors) out[error.file]?.errors.push(error);
  return out;
}
