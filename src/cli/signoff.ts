import { basename, relative } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { whoAmI } from '../repo/identity.js';
import { buildStatement, refusalReasons } from '../signoff/record.js';
import { validateRelease, writeSignoff } from '../signoff/store.js';
import { verifySignoff } from '../signoff/verify.js';
import { VERSION } from '../version.js';
import { prepareAudit, runAudit, type AuditFlags } from './context.js';
import { execa } from 'execa';

export interface SignoffArgs extends AuditFlags {
  release: string;
  signer?: string | undefined;
  signKey?: string | undefined;
  allowDirty?: boolean | undefined;
  maxAge?: number | undefined;
}

/** `vouch signoff`: audits with the recorded answers, refuses with reasons, or records the sign-off. */
export async function signoffCommand(args: SignoffArgs): Promise<number> {
  const release = validateRelease(args.release);
  const ctx = prepareAudit(args);
  const { audit, facts } = await runAudit(ctx);
  if (!facts.git.isRepo || facts.git.head === undefined) {
    throw new UsageError(`${ctx.root} is not a git repository with a commit: a sign-off names a commit`);
  }
  const reasons = refusalReasons(audit, {
    dirty: facts.git.dirty === true,
    allowDirty: args.allowDirty === true,
    maxAgeDays: args.maxAge ?? ctx.config.maxAgeDays,
    now: new Date(),
  });
  if (reasons.length > 0) {
    process.stdout.write(`vouch: refusing to sign off ${release}:\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
    process.stdout.write('Answer the open items with `vouch` (or record waivers), then run signoff again.\n');
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
  });
  const written = await writeSignoff(ctx.root, statement, args.signKey === undefined ? {} : { sign: { keyPath: args.signKey } });
  const show = (p: string): string => relative(process.cwd(), p) || p;
  process.stdout.write(
    `Signed off ${release} at ${facts.git.head.slice(0, 7)} as ${signer}${written.sig === undefined ? ' (unsigned)' : ' (SSH-signed)'}\n` +
      `  ${show(written.json)}\n  ${show(written.md)}\n${written.sig === undefined ? '' : `  ${show(written.sig)}\n`}` +
      'Commit these files; `vouch verify` checks them in the release pipeline.\n',
  );
  return EXIT.ok;
}

/** The repository's name for the statement's subject: its origin URL, else its folder name. */
async function repoName(root: string): Promise<string> {
  const r = await execa('git', ['config', '--get', 'remote.origin.url'], { cwd: root, reject: false });
  const url = String(r.stdout).trim();
  // Never record credentials embedded in a remote URL.
  return r.exitCode === 0 && url !== '' ? url.replace(/\/\/[^/@]*@/, '//') : basename(root);
}

export interface VerifyArgs extends AuditFlags {
  release?: string | undefined;
  allowedSigners?: string | undefined;
}

/** `vouch verify`: exit 0 only when a sign-off covers HEAD and the current checklist. */
export async function verifyCommand(args: VerifyArgs): Promise<number> {
  const ctx = prepareAudit(args);
  if (args.release !== undefined) validateRelease(args.release);
  const head = await execa('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: ctx.root, reject: false });
  const result = await verifySignoff({
    root: ctx.root,
    release: args.release,
    allowedSignersFile: args.allowedSigners,
    currentChecklist: ctx.checklist,
    head: head.exitCode === 0 ? String(head.stdout).trim() : undefined,
    changedSince: async (commit) => {
      const ancestor = await execa('git', ['merge-base', '--is-ancestor', commit, 'HEAD'], { cwd: ctx.root, reject: false });
      if (ancestor.exitCode !== 0) return undefined;
      const diff = await execa('git', ['diff', '--name-only', '--relative', '-z', commit, 'HEAD', '--', '.'], { cwd: ctx.root, reject: false });
      if (diff.exitCode !== 0) return undefined;
      return String(diff.stdout).split('\0').filter((p) => p !== '');
    },
  });
  if (result.ok) {
    process.stdout.write(`vouch: ok: ${result.reason}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`vouch: verify failed: ${result.reason}\n`);
  return EXIT.policy;
}
