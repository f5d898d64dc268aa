import { basename, relative } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { whoAmI } from '../repo/identity.js';
import { buildStatement, refusalReasons } from '../signoff/record.js';
import { SIGNOFF_DIR, validateRelease, writeSignoff } from '../signoff/store.js';
import { assertNoSymlink } from '../util/vouch-dir.js';
import { verifySignoff } from '../signoff/verify.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';
import { VERSION } from '../version.js';
import { prepareAudit, runAudit, type AuditFlags } from './context.js';
import { gitAvailable, runGit } from '../repo/exec/git-command.js';
import { blobsAtCommit, worktreeBlobs } from '../repo/file-changes.js';
import { parseCites } from '../answers/cites.js';
import type { AuditItem } from '../audit/types.js';
import type { PathChange } from '../answers/staleness.js';

export interface SignoffArgs extends AuditFlags {
  release: string;
  signer?: string | undefined;
  signKey?: string | undefined;
  allowDirty?: boolean | undefined;
  maxAge?: number | undefined;
  acceptStale?: boolean | undefined;
}

/** `vouch signoff`: audits with the recorded answers, refuses with reasons, or records the sign-off. */
export async function signoffCommand(args: SignoffArgs): Promise<number> {
  const release = validateRelease(args.release);
  // yargs turns `--max-age abc` into NaN, which would switch the age check off without a word.
  if (args.maxAge !== undefined && !(Number.isInteger(args.maxAge) && args.maxAge >= 1)) {
    throw new UsageError(`--max-age must be a whole number of days, 1 or more (got ${String(args.maxAge)})`);
  }
  const ctx = prepareAudit(args);
  // Before the audit: refused now, not after minutes of analysis.
  assertNoSymlink(ctx.root, `${SIGNOFF_DIR}/${release}.json`);
  const { audit, facts, changes } = await runAudit(ctx);
  if (!gitAvailable())
    throw new UsageError('git not found on PATH: a sign-off names a commit, which needs git');
  if (!facts.git.isRepo || facts.git.head === undefined) {
    throw new UsageError(`${ctx.root} is not a git repository with a commit: a sign-off names a commit`);
  }
  const reasons = refusalReasons(audit, {
    dirty: facts.git.dirty === true,
    allowDirty: args.allowDirty === true,
    maxAgeDays: args.maxAge ?? ctx.config.maxAgeDays,
    now: new Date(),
    acceptStale: args.acceptStale === true,
  });
  if (reasons.length > 0) {
    process.stdout.write(
      `vouch: refusing to sign off ${release}:\n${reasons.map((r) => `  - ${terminalText(r)}`).join('\n')}\n`,
    );
    process.stdout.write(
      audit.items.some((i) => (i.stale?.length ?? 0) > 0) && args.acceptStale !== true
        ? 'Answer the open items with `vouch` (re-confirm stale answers there, or pass --accept-stale to record them as accepted), then run signoff again.\n'
        : 'Answer the open items with `vouch` (or record waivers), then run signoff again.\n',
    );
    return EXIT.policy;
  }
  const signer = args.signer ?? (await whoAmI(ctx.root));
  const statement = buildStatement(audit, {
    release,
    signer,
    time: new Date().toISOString(),
    toolVersion: VERSION,
    repoName: await repoName(ctx.root),
    commit: facts.git.head,
    branch: facts.git.branch,
    allowDirty: args.allowDirty === true,
    dirty: facts.git.dirty === true,
    acceptStale: args.acceptStale === true,
    citeBlobs: await citeBlobs(ctx.root, facts.git.head, audit.items, changes),
  });
  const written = await writeSignoff(
    ctx.root,
    statement,
    args.signKey === undefined ? {} : { sign: { keyPath: args.signKey } },
  );
  const show = (p: string): string => relative(process.cwd(), p) || p;
  process.stdout.write(
    `Signed off ${release} at ${facts.git.head.slice(0, 7)} as ${terminalText(signer)}${written.sig === undefined ? ' (unsigned)' : ' (SSH-signed)'}\n` +
      `  ${show(written.json)}\n  ${show(written.md)}\n${written.sig === undefined ? '' : `  ${show(written.sig)}\n`}` +
      'Commit these files; `vouch verify` checks them in the release pipeline.\n',
  );
  return EXIT.ok;
}

/**
 * item id → cited path → where the file is at the commit being signed off (a file renamed since
 * the answer under its new name: the answer still holds, and verify must check the file that is
 * there) and its blob id.
 */
async function citeBlobs(
  root: string,
  commit: string,
  items: readonly AuditItem[],
  changes: Record<string, Record<string, PathChange>>,
): Promise<Record<string, Record<string, { path: string; blob?: string | undefined }>>> {
  const out: Record<string, Record<string, { path: string; blob?: string | undefined }>> = {};
  for (const item of items) {
    const cited = parseCites(item.cites ?? []).cites.map((c) => c.path);
    if (cited.length === 0) continue;
    const where = (path: string): string => {
      const change = changes[item.id]?.[path];
      return change?.kind === 'renamed' ? change.to : path;
    };
    const blobs = await blobsAtCommit(root, commit, cited.map(where));
    out[item.id] = Object.fromEntries(cited.map((p) => [p, { path: where(p), blob: blobs.get(where(p)) }]));
  }
  return out;
}

/**
 * A line about a record the repository ships (its signer, ssh-keygen's complaint about it) as
 * shown on a terminal: redacted, and with no escape sequence of the record's own.
 */
function terminalText(text: string): string {
  return printable(redactSecretsInLine(text));
}

/**
 * A remote URL fit to record: no user information (`https://user:token@host/...` → `https://host/...`,
 * up to the last `@`, since a password may hold one) and any token-looking text masked.
 */
export function withoutCredentials(url: string): string {
  return redactSecretsInLine(url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/iu, '$1'));
}

/** The repository's name for the statement's subject: its origin URL, else its folder name. */
async function repoName(root: string): Promise<string> {
  const r = await runGit(root, ['config', '--get', 'remote.origin.url']);
  const url = r.stdout.trim();
  return r.ok && url !== '' ? withoutCredentials(url) : basename(root);
}

export interface VerifyArgs extends AuditFlags {
  release?: string | undefined;
  allowedSigners?: string | undefined;
}

/** `vouch verify`: exit 0 only when a sign-off covers HEAD and the current checklist. */
export async function verifyCommand(args: VerifyArgs): Promise<number> {
  const ctx = prepareAudit(args);
  if (args.release !== undefined) validateRelease(args.release);
  const head = await runGit(ctx.root, ['rev-parse', '--verify', '-q', 'HEAD']);
  const result = await verifySignoff({
    root: ctx.root,
    blobsAt: (commit, paths) =>
      commit === undefined ? worktreeBlobs(ctx.root, paths) : blobsAtCommit(ctx.root, commit, paths),
    release: args.release,
    allowedSignersFile: args.allowedSigners,
    currentChecklist: ctx.checklist,
    head: head.ok ? head.stdout.trim() : undefined,
    changedSince: async (commit) => {
      const ancestor = await runGit(ctx.root, ['merge-base', '--is-ancestor', commit, 'HEAD']);
      if (!ancestor.ok) return undefined;
      const diff = await runGit(ctx.root, [
        'diff',
        '--no-ext-diff',
        '--no-textconv',
        '--no-renames',
        '--name-only',
        '--relative',
        '-z',
        commit,
        'HEAD',
        '--',
        '.',
      ]);
      if (!diff.ok) return undefined;
      return diff.stdout.split('\0').filter((p) => p !== '');
    },
  });
  if (result.ok) {
    process.stdout.write(`vouch: ok: ${terminalText(result.reason)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`vouch: verify failed: ${terminalText(result.reason)}\n`);
  return EXIT.policy;
}
