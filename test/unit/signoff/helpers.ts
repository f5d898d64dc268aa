/** Builders for sign-off tests: audits, checklists, real git repositories and real SSH keys. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../../../src/audit/answers-merge.js';
import type { Audit, AuditItem, Source, Verdict } from '../../../src/audit/types.js';
import type { Checklist, Item } from '../../../src/checklist/types.js';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

function checklistItem(id: string): Item {
  return {
    id,
    category: 'c',
    title: id,
    question: `${id}?`,
    severity: 'high',
    guidance: '',
    remediation: '',
    references: {},
    checks: [],
  };
}

export function makeChecklist(ids: string[], sha256 = SHA_A): Checklist {
  return {
    id: 'python-security',
    title: 'Python security',
    version: '1.0.0',
    categories: [{ id: 'c', title: 'C' }],
    items: ids.map(checklistItem),
    sources: [{ file: 'python-security.yaml', sha256 }],
    sha256,
  };
}

const DEFAULT_SOURCE: Record<Verdict, Source> = {
  pass: 'auto',
  fail: 'auto',
  review: 'auto',
  na: 'auto',
  unanswered: 'none',
  waived: 'manual',
};

/** An audit item in a given state; `extra` sets answers, waivers, notes. */
export function makeItem(id: string, verdict: Verdict, extra: Partial<AuditItem> = {}): AuditItem {
  return {
    id,
    title: id,
    category: 'c',
    severity: 'high',
    verdict,
    source: DEFAULT_SOURCE[verdict],
    autoVerdict: verdict === 'waived' ? 'fail' : verdict,
    reasons: [],
    evidence: [],
    item: checklistItem(id),
    ...extra,
  };
}

export function makeAudit(
  items: AuditItem[],
  opts: { commit?: string | undefined; sha256?: string } = {},
): Audit {
  return {
    tool: { name: 'vouch', version: '0.1.0' },
    startedAt: '2026-11-28T12:00:00.000Z',
    durationMs: 5,
    repo: {
      path: '/tmp/x',
      commit: 'commit' in opts ? opts.commit : 'c'.repeat(40),
      dirty: false,
      branch: 'main',
    },
    checklist: makeChecklist(
      items.map((i) => i.id),
      opts.sha256,
    ),
    items,
    probes: [],
    notices: [],
    tools: { bandit: { status: 'ok' } },
    summary: summarize(items),
  };
}

const made: string[] = [];

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix = 'vouch-signoff-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

/** A real git repository with one commit; `commit()` adds another and returns HEAD. */
export function gitRepo(): { root: string; head: () => string; commit: (file?: string) => string } {
  const root = tempDir('vouch-signoff-repo-');
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['config', 'user.name', 'Ann Example']);
  git(root, ['config', 'user.email', 'ann@example.org']);
  git(root, ['config', 'commit.gpgsign', 'false']);
  let n = 0;
  const commit = (file = 'app.py') => {
    writeFileSync(join(root, file), `print(${n++})\n`);
    git(root, ['add', '--', file]);
    git(root, ['commit', '-q', '-m', `change ${n}`]);
    return git(root, ['rev-parse', 'HEAD']);
  };
  commit();
  return { root, head: () => git(root, ['rev-parse', 'HEAD']), commit };
}

/** A real ed25519 key pair made by ssh-keygen, and its allowed-signers line for the vouch namespace. */
export function keypair(
  dir: string,
  name: string,
  email: string,
  passphrase = '',
): { key: string; allowedLine: string } {
  const key = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', key, '-C', email], {
    stdio: 'ignore',
  });
  const [type, body] = readFileSync(`${key}.pub`, 'utf8').trim().split(' ');
  return { key, allowedLine: `${email} namespaces="vouch" ${type} ${body}\n` };
}
