/**
 * Git's own names for file contents. A file git tracks and reports unchanged has the blob id
 * in the index, known without reading the file; any other file is read and hashed the way git
 * would (`git hash-object`), so one id names one content whether git holds it or not.
 */
import { createHash } from 'node:crypto';
import { runGit } from './exec/git-command.js';

/** The blob id git gives these bytes: sha1 of `blob <length>\0<bytes>`. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** One entry of the index: what git recorded for a path. */
export interface IndexEntry {
  mode: string;
  id: string;
  stage: number;
}

/** Parses `git ls-files -s -z`: `MODE ID STAGE\tPATH` records, NUL-terminated. */
export function parseStagedZ(stdout: string): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  for (const record of stdout.split('\0')) {
    const match = /^([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t(.+)$/su.exec(record);
    if (match === null) continue;
    const [, mode = '', id = '', stage = '0', path = ''] = match;
    const entry = { mode, id, stage: Number(stage) };
    // An unmerged path has several stages: it is not one known content.
    const seen = out.get(path);
    out.set(path, seen === undefined ? entry : { ...entry, stage: Math.max(seen.stage, entry.stage, 1) });
  }
  return out;
}

/** What git says about the files under root, in two calls and without reading a file. */
export interface IndexState {
  /** Index entries by path relative to root. */
  staged: Map<string, IndexEntry>;
  /** Tracked paths whose working file differs from the index (deleted ones included). */
  modified: Set<string>;
  /** Untracked paths git does not ignore. */
  untracked: string[];
}

/** Asks git for the index and the changed files; undefined when git fails. */
export async function indexState(root: string): Promise<IndexState | undefined> {
  const [staged, changed] = await Promise.all([
    runGit(root, ['ls-files', '-z', '-s', '--cached', '--', '.']),
    // Modified tracked files (deleted ones too) and untracked ones, told apart by the index.
    runGit(root, ['ls-files', '-z', '--modified', '--others', '--exclude-standard', '--', '.']),
  ]);
  if (!staged.ok || !changed.ok) return undefined;
  const entries = parseStagedZ(staged.stdout);
  const modified = new Set<string>();
  const untracked: string[] = [];
  for (const path of new Set(changed.stdout.split('\0'))) {
    if (path === '') continue;
    if (entries.has(path)) modified.add(path);
    else untracked.push(path);
  }
  return { staged: entries, modified, untracked };
}

/** Regular files (not links, not submodules) at stage 0: their blob is their content. */
export function knownContent(entry: IndexEntry | undefined, modified: boolean): string | undefined {
  if (entry === undefined || modified || entry.stage !== 0) return undefined;
  return entry.mode === '100644' || entry.mode === '100755' ? entry.id : undefined;
}
