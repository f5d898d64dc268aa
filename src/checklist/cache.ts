/**
 * Loading the default checklist costs about half a second (YAML parsing, JSON Schema compilation)
 * on every run, for a file that never changes between runs. A checklist that loaded without a
 * problem is kept in this user's cache folder, signed like the analysis cache, and reused while
 * the files, vouch's code and the probes' parameter schemas are the same.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { cacheKey, cacheKeyFile, readSigned, writeSigned } from '../repo/cache.js';
import { readRegularFile } from '../util/read-file.js';
import { loadChecklists, type LoadOptions } from './load.js';
import type { Checklist } from './types.js';

/** How many loaded checklists are kept (each is one combination of files and vouch's code). */
const KEPT = 8;
const MAX_BYTES = 16 * 1024 * 1024;

export interface CachedLoadOptions extends LoadOptions {
  /** Names vouch's code: a new build never reuses a checklist loaded by an old one. */
  codeDigest: string;
  /** Where loaded checklists are kept; default beside the user's cache key. */
  folder?: string;
  /** The signing key; default this user's. Null keeps nothing. */
  key?: Buffer | null;
}

/** The name a loaded checklist is kept under, or undefined when a file cannot be read. */
export function checklistCacheName(files: readonly string[], options: CachedLoadOptions): string | undefined {
  const hash = createHash('sha256').update(options.codeDigest).update('\0');
  const cwd = options.cwd ?? process.cwd();
  for (const file of files) {
    const read = readRegularFile(file, MAX_BYTES);
    if (!read.ok) return undefined;
    hash.update(relative(cwd, file)).update('\0').update(read.text).update('\0');
  }
  for (const probe of options.probes ?? []) hash.update(probe.id).update(JSON.stringify(probe.paramsSchema));
  return `${hash.digest('hex')}.json`;
}

/** `loadChecklists`, reusing an earlier load of the very same files; problems are never cached. */
export function loadChecklistsCached(files: readonly string[], options: CachedLoadOptions): Checklist {
  const key = options.key === undefined ? cacheKey() : options.key;
  const folder = options.folder ?? join(dirname(cacheKeyFile()), 'checklists');
  const name = key === null ? undefined : checklistCacheName(files, options);
  if (key === null || name === undefined) return loadChecklists(files, options);
  const kept = readSigned(join(folder, name), key, MAX_BYTES);
  if (kept !== undefined) {
    try {
      // The name is inside the signed body: a signed file renamed to another name does not count.
      const entry = JSON.parse(kept) as { name?: unknown; checklist?: Checklist };
      if (entry.name === name && entry.checklist !== undefined) return entry.checklist;
    } catch {
      // Signed but unreadable: load it again below and replace it.
    }
  }
  const checklist = loadChecklists(files, options); // throws on problems: nothing is kept
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeSigned(join(folder, name), JSON.stringify({ name, checklist }), key);
    prune(folder);
  } catch {
    // A read-only cache folder: the next run loads the checklist again, that is all.
  }
  return checklist;
}

/** Keeps the most recently written checklists only. */
function prune(folder: string): void {
  const entries = readdirSync(folder)
    .filter((n) => /^[0-9a-f]{64}\.json$/u.test(n))
    .map((n) => ({ n, at: statSync(join(folder, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { n } of entries.slice(KEPT)) rmSync(join(folder, n), { force: true });
}
