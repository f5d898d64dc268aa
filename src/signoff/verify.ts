/**
 * `vouch verify`: is there a sign-off for exactly this commit and this checklist?
 *
 * What it can prove depends on the record. An unsigned record gets consistency checks only: it
 * names HEAD, the current checklist digest and every current item, and it is well-formed — but
 * anyone with write access could have edited it. A signed record also detects edits: the
 * signature covers the exact bytes of the JSON file, so changing any verdict, note or the commit
 * makes `ssh-keygen -Y verify` (or check-novalidate) reject it. Only with an allowed signers file
 * does it also prove *who* signed.
 */
import type { Checklist } from '../checklist/types.js';
import { signerIdentity, type SignoffItem } from './record.js';
import { SIGNATURE_NAMESPACE, verifySignature } from './ssh.js';
import { SIGNOFF_DIR, readSignoff } from './store.js';

export interface VerifyOptions {
  root: string;
  release?: string | undefined;
  /** Require a signature by a signer listed here (git's allowed signers format). */
  allowedSignersFile?: string | undefined;
  currentChecklist: Checklist;
  /** The repository's HEAD commit; undefined outside git or before the first commit. */
  head: string | undefined;
  /**
   * Paths (relative to root) changed between a commit and HEAD, or undefined when the commit is
   * not an ancestor of HEAD. Lets the commit that adds the sign-off record itself still verify.
   */
  changedSince?: ((commit: string) => Promise<string[] | undefined>) | undefined;
  /**
   * Blob ids of paths at a commit, or in the work tree when `commit` is undefined (a path that is
   * not there is left out). Lets verify check every cited file of every answer.
   */
  blobsAt?: ((commit: string | undefined, paths: string[]) => Promise<Map<string, string>>) | undefined;
}

export interface VerifyResult {
  ok: boolean;
  /** One line: why it failed, or what was verified. */
  reason: string;
  release?: string | undefined;
}

/** Checks the sign-off (by release, else the newest) against HEAD and the current checklist. */
export async function verifySignoff(opts: VerifyOptions): Promise<VerifyResult> {
  const read = readSignoff(opts.root, opts.release);
  if (read.state === 'missing') {
    const release = opts.release ?? 'VERSION';
    const what = opts.release === undefined ? `in ${SIGNOFF_DIR}` : `for release ${opts.release}`;
    return {
      ok: false,
      reason: `no sign-off found ${what} (run vouch signoff --release ${release})`,
      release: opts.release,
    };
  }
  if (read.state === 'invalid') {
    return {
      ok: false,
      reason: `tampered or not a vouch sign-off: ${SIGNOFF_DIR}/${read.release}.json: ${read.reason}`,
      release: read.release,
    };
  }
  const { statement, release } = read;
  const p = statement.predicate;
  const fail = (reason: string): VerifyResult => ({ ok: false, reason, release });

  let signatureNote = 'unsigned';
  if (opts.allowedSignersFile !== undefined || read.sigFile !== undefined) {
    if (read.sigFile === undefined)
      return fail('unsigned sign-off, but signatures are required (--allowed-signers)');
    const check = await verifySignature({
      file: read.file,
      sigFile: read.sigFile,
      allowedSignersFile: opts.allowedSignersFile,
      identity: signerIdentity(p.signer),
      namespace: SIGNATURE_NAMESPACE,
    });
    if (!check.ok) return fail(`bad signature: ${check.reason}`);
    signatureNote = check.reason;
  }

  const commit = statement.subject[0]?.digest.gitCommit ?? '';
  const cited = await citeProblems(statement.predicate.items, commit, opts);
  if (cited.length > 0) {
    return fail(`cited file${cited.length > 1 ? 's' : ''} no longer as signed off: ${cited.join('; ')}`);
  }
  if (opts.head === undefined)
    return fail(`sign-off is for commit ${short(commit)}, but there is no HEAD commit here`);
  let headNote = '';
  if (commit !== opts.head) {
    // Committing the record moves HEAD: commits that only add sign-off records still count.
    const changed = await opts.changedSince?.(commit);
    const onlyRecords = changed !== undefined && changed.every((path) => path.startsWith(`${SIGNOFF_DIR}/`));
    if (!onlyRecords) return fail(`sign-off is for commit ${short(commit)}, HEAD is ${short(opts.head)}`);
    headNote = `; HEAD ${short(opts.head)} adds only sign-off records`;
  }

  const recorded = new Set(p.items.map((item) => item.id));
  const added = opts.currentChecklist.items.map((item) => item.id).filter((id) => !recorded.has(id));
  if (p.checklist.sha256 !== opts.currentChecklist.sha256) {
    const detail = added.length > 0 ? ` (item added since sign-off: ${added.join(', ')})` : '';
    return fail(`checklist changed since sign-off${detail}`);
  }
  if (added.length > 0) return fail(`item added since sign-off: ${added.join(', ')}`);

  return {
    ok: true,
    reason: `release ${p.release} signed off by ${p.signer} at ${p.signedAt} for ${short(commit)}${headNote} (${signatureNote})`,
    release,
  };
}

/**
 * Every cited file of every answer, checked at the signed commit, at HEAD and in the work tree
 * against the blob id the statement recorded: one line per file that differs, naming the item.
 */
async function citeProblems(
  items: readonly SignoffItem[],
  commit: string,
  opts: VerifyOptions,
): Promise<string[]> {
  const blobsAt = opts.blobsAt;
  const cites = items.flatMap((item) => (item.cites ?? []).map((c) => ({ id: item.id, ...c })));
  if (blobsAt === undefined || cites.length === 0) return [];
  const paths = [...new Set(cites.map((c) => c.path))].sort();
  const places: { name: string; blobs: Map<string, string> }[] = [
    { name: `at the signed commit ${short(commit)}`, blobs: await blobsAt(commit, paths) },
  ];
  if (opts.head !== undefined && opts.head !== commit)
    places.push({ name: `at HEAD ${short(opts.head)}`, blobs: await blobsAt(opts.head, paths) });
  places.push({ name: 'in the work tree', blobs: await blobsAt(undefined, paths) });
  const problems: string[] = [];
  for (const c of cites) {
    for (const place of places) {
      const now = place.blobs.get(c.path);
      if (now === c.blob) continue;
      const what =
        c.blob === undefined
          ? 'was recorded as missing but exists'
          : now === undefined
            ? 'is deleted'
            : 'has changed';
      problems.push(`${c.path} (cited by ${c.id}) ${what} ${place.name}`);
      break;
    }
  }
  return problems;
}

function short(commit: string): string {
  return commit.slice(0, 7);
}
