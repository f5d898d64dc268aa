import { realpath } from 'node:fs/promises';
import {
  findWorkTree,
  isVendoredPath,
  readIgnoreLevel,
  runGit,
  vendoredDirVerdict,
  walkTree,
  type WorkTree,
} from './files.js';
import type { GitFacts, RepoFile } from './types.js';

/** Suffixes that make a `.env`-like file a template meant to be committed. */
const ENV_TEMPLATE_PARTS: ReadonlySet<string> = new Set(['example', 'sample', 'template', 'dist']);

/** `.env`, `.env.local`, `prod.env` — but not `.env.example`, `.env.sample`, `example.env`... */
export function isEnvFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  let parts: string[];
  if (base === '.env') return true;
  if (base.startsWith('.env.')) parts = base.slice('.env.'.length).split('.');
  else if (base.endsWith('.env') && base.length > '.env'.length)
    parts = base.slice(0, -'.env'.length).split('.');
  else return false;
  return !parts.some((part) => ENV_TEMPLATE_PARTS.has(part.toLowerCase()));
}

/**
 * What vouch writes itself and must not make the tree dirty: its cache and its reports.
 * Answers and sign-offs are the audit's record, so they do count.
 */
export function isVouchOutput(path: string): boolean {
  return /(?:^|\/)\.vouch\/(?:cache\/|vouch-report\.)/u.test(path);
}

/** Parses `git status --porcelain -z` into the paths it names (both sides of a rename). */
export function statusPaths(porcelainZ: string): string[] {
  const fields = porcelainZ.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename or copy is followed by a field holding the original path.
    if (/[RC]/u.test(entry.slice(0, 2))) {
      const original = fields[++i];
      if (original) paths.push(original);
    }
  }
  return paths;
}

/**
 * Facts about git at root (which may be a subfolder of the work tree); never throws on git
 * failures. `workTree` is what the file listing found already (null: outside git), sparing a call.
 */
export async function gitFacts(
  root: string,
  files: RepoFile[],
  workTree?: WorkTree | null,
): Promise<GitFacts> {
  const rootReal = await realpath(root).catch(() => root);
  const tree = workTree === undefined ? await findWorkTree(rootReal) : workTree;
  if (!tree) return outsideGit(rootReal, files);

  const git = (args: string[]) => runGit(rootReal, args);
  const [head, branch, status, tracked, envListed, name, email, envIgnored] = await Promise.all([
    git(['rev-parse', '--verify', '-q', 'HEAD']),
    git(['symbolic-ref', '--short', '-q', 'HEAD']),
    // Submodules: only their recorded commit counts. Looking inside one would run `git status`
    // there, under that repository's own filter settings.
    git([
      'status',
      '--porcelain',
      '-z',
      '--untracked-files=all',
      '--ignore-submodules=dirty',
      '--no-renames',
      '--',
      '.',
    ]),
    git(['ls-files', '-z', '--cached', '--', '.']),
    // No --exclude-standard: ignored .env files are wanted too, to say that they are ignored.
    git([
      'ls-files',
      '-z',
      '--cached',
      '--others',
      '--',
      ':(glob)**/.env',
      ':(glob)**/.env.*',
      ':(glob)**/*.env',
    ]),
    git(['config', '--get', 'user.name']),
    git(['config', '--get', 'user.email']),
    git(['check-ignore', '-q', '--no-index', '--', '.env']),
  ]);

  const trackedPaths = [...new Set(splitZ(tracked.stdout))].sort();
  const trackedSet = new Set(trackedPaths);
  const envPaths = new Set([...splitZ(envListed.stdout), ...files.map((f) => f.path)]);
  const envFiles = await Promise.all(
    [...envPaths]
      .filter((path) => isEnvFile(path) && !isVendoredPath(path))
      .sort()
      .map(async (path) => ({
        path,
        tracked: trackedSet.has(path),
        ignored: (await git(['check-ignore', '-q', '--no-index', '--', path])).exitCode === 0,
      })),
  );

  return {
    isRepo: true,
    head: head.ok ? head.stdout.trim() || undefined : undefined,
    branch: branch.ok ? branch.stdout.trim() || undefined : undefined,
    dirty: status.ok ? statusPaths(status.stdout).some((path) => !isVouchOutput(path)) : undefined,
    tracked: trackedPaths,
    envFiles,
    envIgnored: envIgnored.exitCode === 0,
    user: user(name, email),
  };
}

async function outsideGit(rootReal: string, files: RepoFile[]): Promise<GitFacts> {
  const [walk, rootLevel, name, email] = await Promise.all([
    walkTree(rootReal, vendoredDirVerdict(), new Map()),
    readIgnoreLevel(rootReal, ''),
    // Outside a repository git still has the person's global identity, which a sign-off wants.
    runGit(rootReal, ['config', '--get', 'user.name']),
    runGit(rootReal, ['config', '--get', 'user.email']),
  ]);
  const ignored = new Set(walk.ignoredFiles);
  const envPaths = new Set([...walk.files, ...walk.ignoredFiles, ...files.map((f) => f.path)]);
  return {
    isRepo: false,
    tracked: [],
    envFiles: [...envPaths]
      .filter(isEnvFile)
      .sort()
      .map((path) => ({ path, tracked: false, ignored: ignored.has(path) })),
    envIgnored: rootLevel?.rules.ignores('.env') ?? false,
    user: user(name, email),
  };
}

function user(
  name: { ok: boolean; stdout: string },
  email: { ok: boolean; stdout: string },
): GitFacts['user'] {
  const out: { name?: string; email?: string } = {};
  if (name.ok && name.stdout.trim()) out.name = name.stdout.trim();
  if (email.ok && email.stdout.trim()) out.email = email.stdout.trim();
  return out.name === undefined && out.email === undefined ? undefined : out;
}

function splitZ(stdout: string): string[] {
  return stdout.split('\0').filter((p) => p !== '');
}
