import { isUtf8 } from 'node:buffer';
import type { Dirent, Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { gitBlobId, indexState, knownContent } from './blobs.js';
import { fileContext, promoteExamples } from './context.js';
import { runGit } from './exec/git-command.js';
import { readRegularFile } from '../util/read-file.js';
import type { RepoFile, SkippedFile } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/**
 * Directories that hold someone else's code or generated output. Skipped wherever they sit and
 * reported once each as 'vendored'. A directory holding `pyvenv.cfg` (a virtualenv, whatever its
 * name: `env`, `.env`, `py311`...) and `build/lib` (setuptools output) are vendored too, as is
 * any `*.egg-info` directory.
 */
export const VENDORED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  'site-packages',
  'dist-packages',
  '__pypackages__',
  '.tox',
  '.nox',
  '.eggs',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.hg',
  '.svn',
]);

/** Directories skipped without a trace: git's own store and vouch's output. */
const SILENT_DIRS: ReadonlySet<string> = new Set(['.git', '.vouch']);

const READ_CONCURRENCY = 64;
const BINARY_SNIFF_BYTES = 8192;

/** An exclusion list without patterns. */
const NOTHING_EXCLUDED: Pick<Ignore, 'ignores'> = { ignores: () => false };

export interface ListOptions {
  /** Larger files are skipped as 'too-large'. Default 2 MiB. */
  maxFileSize?: number;
  /** gitignore-style patterns, relative to the root, skipped as 'excluded'. */
  exclude?: string[];
  /** Contents an earlier run read, by blob id: a clean tracked file with one of them is not read. */
  knownBlobs?: ReadonlyMap<string, BlobMeta> | undefined;
}

export interface FileListing {
  files: RepoFile[];
  skipped: SkippedFile[];
  /** Decoded text of every file in `files`, by path (read on first use when known unchanged). */
  text: FileTexts;
  /** The blob id of every file in `files`: git's, or its content hashed as git would. */
  ids: Map<string, string>;
  /** What is known of every content listed or skipped, by blob id: for the next run. */
  blobs: Map<string, BlobMeta>;
  /** How many files were read while listing (the rest are known unchanged, read on demand). */
  read: number;
  /** The git work tree the listing came from; undefined outside git. */
  workTree: WorkTree | undefined;
}

/** Where root sits in a git work tree, or undefined when git does not manage it. */
export interface WorkTree {
  /** Absolute path of the work tree's top level. */
  top: string;
  /** Root relative to the top, POSIX, '' or ending in '/'. */
  prefix: string;
}

/** Runs git without a shell and without the repository's command-running settings; never throws. */
export { runGit };

/**
 * The git work tree root belongs to. A folder git ignores (a scratch copy inside an ignored
 * directory of some other repository) is treated as outside git: its files are not the
 * enclosing repository's business, and listing through it would find nothing.
 */
export async function findWorkTree(root: string): Promise<WorkTree | undefined> {
  const [where, ignored] = await Promise.all([
    runGit(root, ['rev-parse', '--show-toplevel', '--show-prefix']),
    runGit(root, ['check-ignore', '-q', '--', '.']),
  ]);
  if (!where.ok || ignored.ok) return undefined;
  const [top = '', prefix = ''] = where.stdout.split('\n');
  return top === '' ? undefined : { top, prefix };
}

/** Lists the text files under root (git's view when root is in a work tree) and reads them. */
export async function listFiles(root: string, options: ListOptions = {}): Promise<FileListing> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const rootReal = await realpath(root);
  const patterns = options.exclude ?? [];
  // No patterns (the usual case): nothing to ask of `ignore` for each of thousands of paths.
  const exclude = patterns.length > 0 ? ignore({ ignorecase: false }).add(patterns) : NOTHING_EXCLUDED;

  const tree = await findWorkTree(rootReal);
  const index = tree ? await indexState(rootReal) : undefined;
  const skippedDirs = new Map<string, SkipReason>();
  let paths: string[];
  let dirVerdict: DirVerdict;
  if (index) {
    // A trailing slash marks a nested repository git does not descend into.
    const candidates = [...new Set([...index.staged.keys(), ...index.untracked])].filter(
      (p) => !p.endsWith('/'),
    );
    const venvs = new Set(
      candidates.filter((p) => p.endsWith('/pyvenv.cfg')).map((p) => p.slice(0, -'/pyvenv.cfg'.length)),
    );
    dirVerdict = makeDirVerdict(exclude, (dir) => venvs.has(dir));
    paths = candidates;
  } else {
    dirVerdict = makeDirVerdict(exclude, () => false);
    paths = (await walkTree(rootReal, dirVerdict, skippedDirs)).files;
  }

  const skipped: SkippedFile[] = [];
  const wanted: string[] = [];
  for (const path of paths) {
    const verdict = dirVerdict.ofParentsOf(path);
    if (verdict) {
      skippedDirs.set(verdict.dir, verdict.reason);
    } else if (exclude.ignores(path)) skipped.push({ path, reason: 'excluded' });
    else wanted.push(path);
  }
  for (const [path, reason] of skippedDirs) if (reason !== 'silent') skipped.push({ path, reason });

  const files: RepoFile[] = [];
  const text = new FileTexts((path) => readTextSync(join(rootReal, path), maxFileSize));
  const ids = new Map<string, string>();
  const blobs = new Map<string, BlobMeta>();
  const toRead: string[] = [];
  for (const path of wanted) {
    const id = index ? knownContent(index.staged.get(path), index.modified.has(path)) : undefined;
    const meta = id === undefined ? undefined : options.knownBlobs?.get(id);
    // Git vouches for the content and an earlier run read it: nothing to read now.
    if (id === undefined || meta === undefined || (meta.binary === undefined && meta.size <= maxFileSize)) {
      toRead.push(path);
      continue;
    }
    blobs.set(id, meta);
    if (meta.size > maxFileSize) skipped.push({ path, reason: 'too-large' });
    else if (meta.binary === true) skipped.push({ path, reason: 'binary' });
    else {
      files.push({ path, size: meta.size, context: fileContext(path) });
      ids.set(path, id);
      text.later(path);
    }
  }
  await eachLimited(toRead, READ_CONCURRENCY, async (path) => {
    // A clean tracked file keeps git's id even when read: that is the id the next run sees.
    const known = index ? knownContent(index.staged.get(path), index.modified.has(path)) : undefined;
    const outcome = await readOne(rootReal, path, maxFileSize, known);
    if (outcome === undefined) return;
    if (outcome.id !== undefined && outcome.meta !== undefined) blobs.set(outcome.id, outcome.meta);
    if ('reason' in outcome) skipped.push({ path, reason: outcome.reason });
    else {
      files.push({ path, size: outcome.size, context: fileContext(path) });
      text.set(path, outcome.text);
      ids.set(path, outcome.id);
    }
  });
  files.sort((a, b) => compare(a.path, b.path));
  skipped.sort((a, b) => compare(a.path, b.path));
  return { files: promoteExamples(files), skipped, text, ids, blobs, read: toRead.length, workTree: tree };
}

type SkipReason = SkippedFile['reason'] | 'silent';

export interface DirVerdict {
  /** Why the directory `dir` (relative, no trailing slash) or an ancestor is skipped. */
  of(dir: string, hasVenvMarker?: boolean): { dir: string; reason: SkipReason } | undefined;
  ofParentsOf(path: string): { dir: string; reason: SkipReason } | undefined;
}

function makeDirVerdict(exclude: Pick<Ignore, 'ignores'>, isVenv: (dir: string) => boolean): DirVerdict {
  const memo = new Map<string, { dir: string; reason: SkipReason } | undefined>();
  const of = (dir: string, hasVenvMarker = false): { dir: string; reason: SkipReason } | undefined => {
    if (memo.has(dir)) return memo.get(dir);
    const slash = dir.lastIndexOf('/');
    const parent = slash < 0 ? undefined : of(dir.slice(0, slash));
    const name = dir.slice(slash + 1);
    let verdict = parent;
    if (!verdict) {
      const reason = ownReason(dir, name, exclude, hasVenvMarker || isVenv(dir));
      if (reason) verdict = { dir, reason };
    }
    memo.set(dir, verdict);
    return verdict;
  };
  return {
    of,
    ofParentsOf(path) {
      const slash = path.lastIndexOf('/');
      return slash < 0 ? undefined : of(path.slice(0, slash));
    },
  };
}

function ownReason(
  dir: string,
  name: string,
  exclude: Pick<Ignore, 'ignores'>,
  isVenv: boolean,
): SkipReason | undefined {
  const byName = reasonByName(name, dir.slice(0, Math.max(0, dir.length - name.length - 1)));
  if (byName) return byName;
  if (isVenv) return 'vendored';
  if (exclude.ignores(`${dir}/`)) return 'excluded';
  return undefined;
}

function reasonByName(name: string, parent: string): 'silent' | 'vendored' | undefined {
  if (SILENT_DIRS.has(name)) return 'silent';
  const buildLib = name === 'lib' && (parent === 'build' || parent.endsWith('/build'));
  if (VENDORED_DIRS.has(name) || name.endsWith('.egg-info') || buildLib) return 'vendored';
  return undefined;
}

/** Whether a path lies in a vendored, git-internal or vouch-output directory, judged by names alone. */
export function isVendoredPath(path: string): boolean {
  const dirs = path.split('/');
  dirs.pop();
  return dirs.some((name, i) => reasonByName(name, dirs.slice(0, i).join('/')) !== undefined);
}

/** The directory verdict used outside git when only vendored directories matter (no excludes). */
export function vendoredDirVerdict(): Pick<DirVerdict, 'of'> {
  return makeDirVerdict(ignore(), () => false);
}

/** One level of .gitignore rules: patterns apply to paths below `base` ('' or ending in '/'). */
export interface IgnoreLevel {
  base: string;
  rules: Ignore;
}

/** Whether the stacked .gitignore levels ignore `path`; deeper levels may re-include (`!x`). */
export function ignoredBy(levels: readonly IgnoreLevel[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of levels) {
    if (!path.startsWith(base)) continue;
    const result = rules.test(path.slice(base.length) + (isDir ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** Reads `dir/.gitignore` (if any) as one level. */
export async function readIgnoreLevel(rootReal: string, dir: string): Promise<IgnoreLevel | undefined> {
  // A FIFO named .gitignore would block a plain read forever.
  const read = readRegularFile(join(rootReal, dir, '.gitignore'), DEFAULT_MAX_FILE_SIZE);
  if (!read.ok) return undefined;
  return { base: dir === '' ? '' : `${dir}/`, rules: ignore({ ignorecase: false }).add(read.text) };
}

export interface WalkResult {
  /** Files (and symlinks) not ignored, relative POSIX paths. */
  files: string[];
  /** Files a .gitignore ignores, in directories that are not themselves ignored. */
  ignoredFiles: string[];
}

/**
 * Walks root outside git: honours .gitignore at every level, never enters `.git`, never
 * follows a symlinked directory, and does not descend where `verdict` says to skip (recording
 * the directory in `skippedDirs`).
 */
export async function walkTree(
  rootReal: string,
  verdict: Pick<DirVerdict, 'of'>,
  skippedDirs: Map<string, SkipReason>,
): Promise<WalkResult> {
  const files: string[] = [];
  const ignoredFiles: string[] = [];
  const visit = async (dir: string, levels: IgnoreLevel[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir === '' ? rootReal : join(rootReal, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const level = entries.some((e) => e.name === '.gitignore' && !e.isDirectory())
      ? await readIgnoreLevel(rootReal, dir)
      : undefined;
    const here = level ? [...levels, level] : levels;
    const subdirs: Promise<void>[] = [];
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ignoredBy(here, path, true)) continue;
        const isVenv = await exists(join(rootReal, path, 'pyvenv.cfg'));
        const skip = verdict.of(path, isVenv);
        if (skip) skippedDirs.set(skip.dir, skip.reason);
        else subdirs.push(visit(path, here));
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (entry.name === '.git') continue; // a worktree's gitdir pointer
        (ignoredBy(here, path, false) ? ignoredFiles : files).push(path);
      }
    }
    await Promise.all(subdirs);
  };
  await visit('', []);
  return { files, ignoredFiles };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** What an earlier read learnt about one content, by blob id: enough to list it unread. */
export interface BlobMeta {
  size: number;
  /** Unknown when the file was too large to read. */
  binary?: boolean | undefined;
}

type ReadOutcome =
  | { size: number; text: string; id: string; meta: BlobMeta }
  | { reason: SkippedFile['reason']; id?: string | undefined; meta?: BlobMeta | undefined }
  | undefined;

/**
 * Reads one listed path; undefined drops it (deleted since listing, a directory, a fifo...).
 * `knownId` is git's id for a file it reports unchanged; any other file is hashed as git would.
 */
async function readOne(
  rootReal: string,
  path: string,
  maxFileSize: number,
  knownId?: string,
): Promise<ReadOutcome> {
  const abs = join(rootReal, path);
  let info: Stats;
  try {
    info = await lstat(abs);
    if (info.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(abs);
      } catch {
        return { reason: 'unreadable' }; // dangling
      }
      if (target !== rootReal && !target.startsWith(rootReal + sep)) return { reason: 'symlink-outside' };
      info = await stat(abs);
      knownId = undefined; // the link's blob is its target's name, not this content
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { reason: 'unreadable' };
  }
  if (!info.isFile()) return undefined;
  if (info.size > maxFileSize) {
    return {
      reason: 'too-large',
      id: knownId,
      meta: knownId === undefined ? undefined : { size: info.size },
    };
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(abs);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { reason: 'unreadable' };
  }
  if (buffer.length > maxFileSize) return { reason: 'too-large' }; // grew since stat
  const id = knownId ?? gitBlobId(buffer);
  const text = decodeText(buffer);
  if (text === undefined) return { reason: 'binary', id, meta: { size: buffer.length, binary: true } };
  return { size: info.size, text, id, meta: { size: buffer.length, binary: false } };
}

/**
 * Reads a file an earlier run listed, when a probe first asks for its text; undefined when it is
 * no longer a regular text file within the limit. Never blocks on a FIFO.
 */
function readTextSync(abs: string, maxFileSize: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > maxFileSize) return undefined;
    const buffer = Buffer.alloc(info.size);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decodeText(buffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of every listed file, by path. Files read while listing are held; a file whose
 * content an earlier run already knows (same blob id) is read only when something asks for it,
 * so a run over an unchanged tree reads only what its probes look at.
 */
export class FileTexts implements ReadonlyMap<string, string> {
  readonly #held = new Map<string, string>();
  readonly #unread = new Set<string>();
  readonly #read: (path: string) => string | undefined;

  constructor(read: (path: string) => string | undefined = () => undefined) {
    this.#read = read;
  }

  /** Holds text read already. */
  set(path: string, text: string): void {
    this.#unread.delete(path);
    this.#held.set(path, text);
  }

  /** Lists a path whose text is read on first use. */
  later(path: string): void {
    if (!this.#held.has(path)) this.#unread.add(path);
  }

  get(path: string): string | undefined {
    const held = this.#held.get(path);
    if (held !== undefined || !this.#unread.has(path)) return held;
    this.#unread.delete(path);
    const text = this.#read(path);
    if (text !== undefined) this.#held.set(path, text);
    return text;
  }

  has(path: string): boolean {
    return this.#held.has(path) || this.#unread.has(path);
  }

  get size(): number {
    return this.#held.size + this.#unread.size;
  }

  *keys(): MapIterator<string> {
    yield* [...this.#held.keys(), ...this.#unread];
  }

  *entries(): MapIterator<[string, string]> {
    for (const path of [...this.keys()]) {
      const text = this.get(path);
      if (text !== undefined) yield [path, text];
    }
  }

  *values(): MapIterator<string> {
    for (const [, text] of this.entries()) yield text;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [path, text] of this.entries()) callback(text, path, this);
  }
}

const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/**
 * Text of a file, or undefined when it looks binary (a NUL byte in the first 8 KiB).
 * UTF-8 (BOM stripped), UTF-16 with a BOM, else latin1 so that a legacy-encoded file is still
 * scanned rather than dropped.
 */
export function decodeText(buffer: Buffer): string | undefined {
  if (buffer.length >= 2) {
    // UTF-16 is full of NUL bytes, so its BOM is checked before the binary sniff.
    if (buffer[0] === 0xff && buffer[1] === 0xfe) return UTF16LE.decode(buffer);
    if (buffer[0] === 0xfe && buffer[1] === 0xff) return UTF16BE.decode(buffer);
  }
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return buffer.toString('latin1');
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
