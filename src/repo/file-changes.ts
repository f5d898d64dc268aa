/**
 * What git says happened to files since a commit: their blob ids now, and whether each was
 * modified (with the `-U0` hunks), deleted or renamed. Every call is git with an args array
 * through runGit (no shell, the repository's command-running settings off); paths are relative
 * to `root`, which may be a folder inside the work tree.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Hunk, PathChange } from '../answers/staleness.js';
import { runGit } from './exec/git-command.js';

const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--no-color', '--relative'];

/** True when `path` names a regular file inside root (no symlink followed on the way). */
export function isRepoFile(root: string, path: string): boolean {
  let at = root;
  for (const part of path.split('/')) {
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined || stat.isSymbolicLink()) return false;
  }
  return lstatSync(at, { throwIfNoEntry: false })?.isFile() === true;
}

/** The git blob id each existing file would have if added now (`git hash-object`, filters as git applies them). */
export async function worktreeBlobs(root: string, paths: readonly string[]): Promise<Map<string, string>> {
  const present = [...new Set(paths)].filter((p) => isRepoFile(root, p)).sort();
  const out = new Map<string, string>();
  if (present.length === 0) return out;
  // --stdin-paths: one line per path (cites never hold a newline: they are checked when read).
  const r = await runGit(root, ['hash-object', '--stdin-paths'], `${present.join('\n')}\n`);
  if (!r.ok) return out;
  const ids = r.stdout.split('\n').filter((l) => l !== '');
  present.forEach((p, i) => {
    const id = ids[i];
    if (id !== undefined) out.set(p, id);
  });
  return out;
}

/** The blob id of `path` at `commit`, or undefined when it is not there. */
export async function blobAt(root: string, commit: string, path: string): Promise<string | undefined> {
  const r = await runGit(root, ['rev-parse', '--verify', '-q', `${commit}:./${path}`]);
  return r.ok ? r.stdout.trim() || undefined : undefined;
}

/** The blob ids of paths at `commit` (a path not there is left out). */
export async function blobsAtCommit(
  root: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of [...new Set(paths)].sort()) {
    const blob = await blobAt(root, commit, path);
    if (blob !== undefined) out.set(path, blob);
  }
  return out;
}

async function isWorkTree(root: string): Promise<boolean> {
  const r = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
  return r.ok && r.stdout.trim() === 'true';
}

async function commitExists(root: string, commit: string): Promise<boolean> {
  return (await runGit(root, ['cat-file', '-e', `${commit}^{commit}`])).ok;
}

async function objectExists(root: string, id: string): Promise<boolean> {
  return (await runGit(root, ['cat-file', '-e', id])).ok;
}

/** Parses `git diff --name-status -z`: old path → deleted, modified, or renamed to a new path. */
export function parseNameStatus(z: string): Map<string, { status: 'D' | 'M' | 'R'; to?: string }> {
  const fields = z.split('\0');
  const out = new Map<string, { status: 'D' | 'M' | 'R'; to?: string }>();
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i] ?? '';
    if (status === '') continue;
    const path = fields[++i] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const to = fields[++i] ?? '';
      if (status.startsWith('R')) out.set(path, { status: 'R', to });
    } else if (status === 'D') out.set(path, { status: 'D' });
    else if (status === 'M' || status === 'T') out.set(path, { status: 'M' });
  }
  return out;
}

/** The hunks of a `git diff -U0` (old side), in order. */
export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gmu)) {
    hunks.push({
      oldStart: Number(m[1]),
      oldCount: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === undefined ? 1 : Number(m[4]),
    });
  }
  return hunks;
}

/**
 * Compares files against the blob ids recorded for them at `commit`, the way `git diff -M
 * <commit>` sees the work tree (so a `git mv` is a rename, committed or not). Files whose blob
 * is unchanged are left out; `recorded` maps each path to the blob the answer saw.
 */
export class FileChanges {
  private readonly statusByCommit = new Map<
    string,
    Promise<ReturnType<typeof parseNameStatus> | undefined>
  >();
  private current: Map<string, string> | undefined;
  private readonly changeMemo = new Map<string, Promise<PathChange>>();

  constructor(private readonly root: string) {}

  /** False when git could not hash the files (not installed, or not a repository vouch may read). */
  usable = true;

  /** Loads the blob ids of all paths that will be asked about (one git call). */
  async prepare(paths: readonly string[]): Promise<void> {
    this.current = await worktreeBlobs(this.root, paths);
    const present = paths.filter((p) => isRepoFile(this.root, p));
    this.usable = present.every((p) => this.current?.has(p) === true) && (await isWorkTree(this.root));
  }

  /** The current blob of a path (after prepare), undefined when the file is gone. */
  blobNow(path: string): string | undefined {
    return this.current?.get(path);
  }

  private nameStatus(commit: string): Promise<ReturnType<typeof parseNameStatus> | undefined> {
    let known = this.statusByCommit.get(commit);
    if (known === undefined) {
      known = (async () => {
        if (!(await commitExists(this.root, commit))) return undefined;
        const r = await runGit(this.root, [
          'diff',
          ...DIFF_FLAGS,
          '-M',
          '--name-status',
          '-z',
          commit,
          '--',
          '.',
        ]);
        return r.ok ? parseNameStatus(r.stdout) : undefined;
      })();
      this.statusByCommit.set(commit, known);
    }
    return known;
  }

  /**
   * What happened to `path` since the answer that recorded `blob` at `commit`. Answers given at
   * the same commit often cite the same files: each (commit, path, blob) is asked of git once.
   */
  change(path: string, blob: string, commit: string | undefined): Promise<PathChange> {
    const key = `${commit ?? ''}\0${path}\0${blob}`;
    let known = this.changeMemo.get(key);
    if (known === undefined) {
      known = this.compute(path, blob, commit);
      this.changeMemo.set(key, known);
    }
    return known;
  }

  private async compute(path: string, blob: string, commit: string | undefined): Promise<PathChange> {
    const now = this.blobNow(path);
    if (now === blob) return { kind: 'unchanged' };
    const status = commit === undefined ? undefined : await this.nameStatus(commit);
    const baseIsCommit =
      commit !== undefined && status !== undefined && (await blobAt(this.root, commit, path)) === blob;
    if (baseIsCommit) {
      const entry = status.get(path);
      if (entry?.status === 'R' && entry.to !== undefined) {
        const hunks = await this.hunks([commit, '--', path, entry.to]);
        return {
          kind: 'renamed',
          to: entry.to,
          hunks,
          commit: await this.changedIn(commit, [path, entry.to]),
        };
      }
      if (now === undefined) return { kind: 'deleted', commit: await this.changedIn(commit, [path]) };
      return {
        kind: 'modified',
        hunks: await this.hunks([commit, '--', path]),
        commit: await this.changedIn(commit, [path]),
      };
    }
    // The answer saw content that was never committed at its commit: compare the two blobs when
    // git has both, else say only that it changed.
    if (now === undefined)
      return {
        kind: 'deleted',
        commit: commit === undefined ? undefined : await this.changedIn(commit, [path]),
      };
    const both = (await objectExists(this.root, blob)) && (await objectExists(this.root, now));
    const hunks = both ? await this.hunks([blob, now]) : undefined;
    return {
      kind: 'modified',
      hunks,
      commit: commit === undefined ? undefined : await this.changedIn(commit, [path]),
    };
  }

  private async hunks(args: string[]): Promise<Hunk[] | undefined> {
    const r = await runGit(this.root, ['diff', ...DIFF_FLAGS, '-M', '-U0', ...args]);
    // Exit 1 is "differences found" only with --exit-code; a failure is "cannot tell".
    return r.ok ? parseHunks(r.stdout) : undefined;
  }

  /**
   * The short id of the newest commit after `since` that touched the paths, when the work tree
   * holds what HEAD holds for them (otherwise the change is not committed: undefined).
   */
  private async changedIn(since: string, paths: string[]): Promise<string | undefined> {
    const clean = await runGit(this.root, ['diff', ...DIFF_FLAGS, '--quiet', 'HEAD', '--', ...paths]);
    if (clean.exitCode !== 0) return undefined;
    const log = await runGit(this.root, ['log', '-1', '--format=%h', `${since}..HEAD`, '--', ...paths]);
    const id = log.ok ? log.stdout.trim() : '';
    return id === '' ? undefined : id;
  }
}
