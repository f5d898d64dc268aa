import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularFile } from '../util/read-file.js';
import { assertNoSymlink, ensureCacheDir, symlinkOnPath } from '../util/vouch-dir.js';
import type { SecretFound } from '../probes/secrets.js';
import type { BlobMeta } from './files.js';
import type { RawFinding } from './types.js';

/** Per-file results of a costly analyser, keyed by the file's blob id. */
export interface FileResults {
  sha: string;
  findings: RawFinding[];
  errors: { file: string; message: string }[];
}

/** One kind of per-file work, by path; an entry holds while the file's blob id (`sha`) is the same. */
export interface PerFileCache<R> {
  /** Changes when the code, its version or its options change: then nothing is reused. */
  key: string;
  files: Record<string, R & { sha: string }>;
}

export type AnalyserCache = PerFileCache<FileResults>;

/** The secrets found in one file, already redacted (offsets and a masked line, never a value). */
export interface FileSecrets {
  sha: string;
  found: SecretFound[];
}

export interface CacheData {
  version: 2;
  /** What a read taught about each content (size, binary): an unchanged file is listed unread. */
  blobs?: Record<string, BlobMeta> | undefined;
  python?: AnalyserCache | undefined;
  bandit?: AnalyserCache | undefined;
  secrets?: PerFileCache<FileSecrets> | undefined;
  /** Versions of the tools asked, by executable stamp (`executableStamp`). */
  tools?: Record<string, string> | undefined;
}

export const CACHE_PATH = join('.vouch', 'cache', 'analysis-v2.json');

/** An empty cache. */
export function emptyCache(): CacheData {
  return { version: 2 };
}

const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * The cache says which files have no findings, so whoever can write it decides what vouch
 * reports. It lives in the audited repository, which may ship one (a committed `.vouch/cache`, a
 * tarball): a cache is used only when it carries an HMAC made with a key that only this user
 * holds, outside the repository. Without such a key (no writable cache folder) nothing is cached.
 */
export function cacheKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(base, 'vouch', 'cache.key');
}

/** This user's cache key, created on first use; null when it cannot be kept privately. */
export function cacheKey(file: string = cacheKeyFile()): Buffer | null {
  const read = (): Buffer | null => {
    try {
      const info = lstatSync(file);
      // Readable by others, or not ours: anyone could forge caches with it.
      if (!info.isFile() || (info.mode & 0o077) !== 0) return null;
      if (typeof process.getuid === 'function' && info.uid !== process.getuid()) return null;
      const result = readRegularFile(file, 1024);
      const hex = result.ok ? result.text.trim() : '';
      return /^[0-9a-f]{64}$/u.test(hex) ? Buffer.from(hex, 'hex') : null;
    } catch {
      return null;
    }
  };
  if (existsSync(file) || isLink(file)) return read();
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  return read();
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * The body of a signed file (the HMAC on its first line, then the body), or undefined when it is
 * missing, unreadable, too large or not signed with `key`.
 */
export function readSigned(file: string, key: Buffer, maxBytes: number): string | undefined {
  if (!existsSync(file)) return undefined;
  const read = readRegularFile(file, maxBytes);
  if (!read.ok) return undefined;
  const newline = read.text.indexOf('\n');
  if (newline < 0) return undefined;
  const tag = Buffer.from(read.text.slice(0, newline), 'utf8');
  const body = read.text.slice(newline + 1);
  const expected = Buffer.from(mac(key, body), 'utf8');
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) return undefined;
  return body;
}

/** Writes `body` signed with `key`, atomically. */
export function writeSigned(file: string, body: string, key: Buffer): void {
  writeFileAtomic(file, `${mac(key, body)}\n${body}`);
}

/**
 * Reads the cache; a missing, unreadable or unauthenticated cache is simply empty (it is only an
 * optimisation). The file is the HMAC on its first line, then the JSON.
 */
export function readCache(root: string, key: Buffer | null = cacheKey()): CacheData {
  if (key === null || symlinkOnPath(root, '.vouch/cache/analysis-v2.json') !== undefined) {
    return emptyCache();
  }
  const body = readSigned(join(root, CACHE_PATH), key, MAX_CACHE_BYTES);
  if (body === undefined) return emptyCache();
  try {
    const data = JSON.parse(body) as CacheData;
    if (data.version !== 2) return emptyCache();
    bodiesRead.set(data, body);
    return data;
  } catch {
    return emptyCache();
  }
}

/** What each cache read from disk said, so that an unchanged cache is not written again. */
const bodiesRead = new WeakMap<CacheData, string>();

/**
 * Writes the cache with its HMAC; does nothing without a key, when `.vouch/cache` is a link, or
 * when the cache holds just what `readCache` read.
 */
export function writeCache(root: string, data: CacheData, key: Buffer | null = cacheKey()): void {
  if (key === null) return;
  const body = JSON.stringify(data);
  if (bodiesRead.get(data) === body) return; // a run over an unchanged tree: nothing new to keep
  assertNoSymlink(root, '.vouch/cache/analysis-v2.json');
  ensureCacheDir(root);
  writeSigned(join(root, CACHE_PATH), body, key);
}

export function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Splits files into those whose cached results still hold and those to analyse again.
 */
export function partition<R extends { sha: string }>(
  cache: PerFileCache<R> | undefined,
  key: string,
  files: { path: string; sha: string }[],
): { reuse: (R & { path: string })[]; todo: string[] } {
  const reuse: (R & { path: string })[] = [];
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
