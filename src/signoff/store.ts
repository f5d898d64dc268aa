/** Sign-off records on disk: `.vouch/signoffs/RELEASE.json` (+ `.md` for people, `.json.sig` when signed). */
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { SignoffInfo } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularFile } from '../util/read-file.js';
import { assertNoSymlink } from '../util/vouch-dir.js';
import type { Statement } from './record.js';
import { canonicalJson, parseStatement, renderSignoffMarkdown } from './record.js';
import { signFile } from './ssh.js';

/** Where sign-offs live, relative to the repository root (POSIX). */
export const SIGNOFF_DIR = '.vouch/signoffs';

/**
 * A release name becomes a file name, so it may hold only letters, digits and `. _ + -`, must
 * start with a letter or digit (no hidden files, no `..`), and stays short: 1.4.0, v2.0.0-rc.1, 2026.11.
 */
const RELEASE_NAME = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,99}$/u;

/** True when the name can be a release (and so a file name inside SIGNOFF_DIR). */
export function isValidRelease(release: string): boolean {
  return RELEASE_NAME.test(release) && !release.includes('..');
}

/** Throws a UsageError unless the release name is usable; returns it. */
export function validateRelease(release: string): string {
  if (!isValidRelease(release)) {
    throw new UsageError(
      `invalid release name ${JSON.stringify(release)}: use letters, digits and . _ + - (starting with a letter or digit), like 1.4.0 or v2.0.0-rc.1`,
    );
  }
  return release;
}

/** The files of one release's sign-off (absolute when root is). */
export function signoffPaths(root: string, release: string): { json: string; md: string; sig: string } {
  const json = join(root, SIGNOFF_DIR, `${validateRelease(release)}.json`);
  return { json, md: join(root, SIGNOFF_DIR, `${release}.md`), sig: `${json}.sig` };
}

export interface WrittenSignoff {
  json: string;
  md: string;
  sig?: string | undefined;
}

/**
 * Writes the record (canonical JSON), its Markdown page and, with a key, its SSH signature.
 * Signing happens first, on a private copy, so a key that cannot sign leaves nothing behind; a
 * new unsigned record removes the old signature, which would no longer match.
 */
export async function writeSignoff(
  root: string,
  statement: Statement,
  opts: { sign?: { keyPath: string } | undefined } = {},
): Promise<WrittenSignoff> {
  const paths = signoffPaths(root, statement.predicate.release);
  assertNoSymlink(root, `${SIGNOFF_DIR}/${statement.predicate.release}.json`);
  assertNoSymlink(root, `${SIGNOFF_DIR}/${statement.predicate.release}.md`);
  const json = canonicalJson(statement);
  let signature: string | undefined;
  if (opts.sign) {
    const scratch = mkdtempSync(join(tmpdir(), 'vouch-sign-'));
    try {
      const copy = join(scratch, 'statement.json');
      writeFileSync(copy, json);
      signature = readFileSync(await signFile(copy, opts.sign.keyPath), 'utf8');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  writeFileAtomic(paths.json, json);
  writeFileAtomic(paths.md, renderSignoffMarkdown(statement));
  if (signature === undefined) {
    rmSync(paths.sig, { force: true });
    return { json: paths.json, md: paths.md };
  }
  writeFileAtomic(paths.sig, signature);
  return { json: paths.json, md: paths.md, sig: paths.sig };
}

/** A record read back: found, missing, or present but unusable (with why). */
export type SignoffRead =
  | { state: 'found'; release: string; statement: Statement; file: string; sigFile?: string | undefined }
  | { state: 'missing'; release?: string | undefined }
  | { state: 'invalid'; release: string; file: string; reason: string };

/**
 * Reads one release's sign-off, or without a release the newest one (by its recorded time).
 * Bad content is an `invalid` state, never a throw; only an invalid release name throws (UsageError).
 */
export function readSignoff(root: string, release?: string): SignoffRead {
  if (release !== undefined) {
    const paths = signoffPaths(root, release);
    if (!existsSync(paths.json)) return { state: 'missing', release };
    return readOne(paths.json, paths.sig, release);
  }
  const all = listReleases(root).map((name) => {
    const paths = signoffPaths(root, name);
    return readOne(paths.json, paths.sig, name);
  });
  const found = all.filter((r) => r.state === 'found');
  if (found.length > 0) return newest(found);
  // Nothing readable: report the damage rather than claim there is no sign-off.
  return all.find((r) => r.state === 'invalid') ?? { state: 'missing' };
}

/** For the report: the newest sign-off of this commit, if one was recorded (`signed` means a signature file exists, not that it verifies). */
export function signoffInfoFor(root: string, commit: string): SignoffInfo | undefined {
  const forCommit = listReleases(root)
    .map((name) => {
      const paths = signoffPaths(root, name);
      return readOne(paths.json, paths.sig, name);
    })
    .filter((r): r is Found => r.state === 'found' && r.statement.subject[0]?.digest.gitCommit === commit);
  if (forCommit.length === 0) return undefined;
  const latest = newest(forCommit);
  const p = latest.statement.predicate;
  return {
    release: p.release,
    signer: p.signer,
    time: p.signedAt,
    commit,
    signed: latest.sigFile !== undefined,
    file: `${SIGNOFF_DIR}/${latest.release}.json`,
  };
}

type Found = Extract<SignoffRead, { state: 'found' }>;

function readOne(file: string, sigFile: string, release: string): SignoffRead {
  // The record may be anything the repository ships: a link elsewhere, a FIFO, a huge file.
  if (isSymlink(file)) return { state: 'invalid', release, file, reason: 'it is a symbolic link' };
  const read = readRegularFile(file, MAX_RECORD_BYTES);
  if (!read.ok) return { state: 'invalid', release, file, reason: read.reason };
  const parsed = parseStatement(read.text, release);
  if (!parsed.ok) return { state: 'invalid', release, file, reason: parsed.reason };
  return {
    state: 'found',
    release,
    statement: parsed.statement,
    file,
    sigFile: existsSync(sigFile) ? sigFile : undefined,
  };
}

const MAX_RECORD_BYTES = 16 * 1024 * 1024;

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Release names with a record, sorted; other files (temporary ones, the .md pages) are not records. */
function listReleases(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, SIGNOFF_DIR));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter(isValidRelease)
    .sort();
}

function newest(found: Found[]): Found {
  const time = (r: Found) => {
    const t = Date.parse(r.statement.predicate.signedAt);
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  };
  // Ties (same second) go to the later release name, so the choice never depends on directory order.
  return found.reduce((best, r) =>
    time(r) > time(best) || (time(r) === time(best) && r.release > best.release) ? r : best,
  );
}
