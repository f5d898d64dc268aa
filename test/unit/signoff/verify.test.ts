import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checklist } from '../../../src/checklist/types.js';
import { buildStatement } from '../../../src/signoff/record.js';
import { SIGNOFF_DIR, writeSignoff } from '../../../src/signoff/store.js';
import { verifySignoff } from '../../../src/signoff/verify.js';
import { blobsAtCommit, worktreeBlobs } from '../../../src/repo/file-changes.js';
import {
  SHA_A,
  SHA_B,
  cleanup,
  gitRepo,
  keypair,
  makeAudit,
  makeChecklist,
  makeItem,
  tempDir,
} from './helpers.js';

let keys: string;
let ann: { key: string; allowedLine: string };
let bob: { key: string; allowedLine: string };
let allowed: string;

beforeAll(() => {
  keys = tempDir();
  ann = keypair(keys, 'ann', 'ann@example.org');
  bob = keypair(keys, 'bob', 'bob@example.org');
  allowed = join(keys, 'allowed_signers');
  writeFileSync(allowed, ann.allowedLine);
});
afterAll(cleanup);

const IDS = ['deps-pinned', 'no-eval-exec'];

/** A real repository with a sign-off of its HEAD, signed with `key` when given. */
async function signedOff(key?: string) {
  const repo = gitRepo();
  const commit = repo.head();
  const audit = makeAudit(
    [
      makeItem('deps-pinned', 'pass'),
      makeItem('no-eval-exec', 'waived', { waiver: { reason: 'legacy', expires: '2099-01-01' } }),
    ],
    { commit, sha256: SHA_A },
  );
  const statement = buildStatement(audit, {
    release: '1.4.0',
    signer: 'Ann Example <ann@example.org>',
    time: '2026-11-28T12:00:00.000Z',
    toolVersion: '0.1.0',
    repoName: 'demo',
    commit,
    branch: 'main',
    allowDirty: false,
    dirty: false,
  });
  const written = await writeSignoff(
    repo.root,
    statement,
    key === undefined ? {} : { sign: { keyPath: key } },
  );
  return { ...repo, signedCommit: commit, written };
}

interface Row {
  name: string;
  key?: 'ann' | 'bob';
  /** Change the world after the sign-off. */
  after?: (ctx: Awaited<ReturnType<typeof signedOff>>) => void;
  checklist?: Checklist;
  release?: string;
  requireSigners?: boolean;
  ok: boolean;
  reason: RegExp;
}

const edit = (file: string, from: string, to: string) =>
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

const rows: Row[] = [
  {
    name: 'unsigned, HEAD and checklist unchanged',
    ok: true,
    reason: /^release 1.4.0 signed off by Ann Example <ann@example.org> .* \(unsigned\)$/,
  },
  {
    name: 'signed, checked against allowed signers',
    key: 'ann',
    requireSigners: true,
    ok: true,
    reason: /signed by ann@example.org, a signer allowed by/,
  },
  { name: 'signed, signature only', key: 'ann', ok: true, reason: /signer was not checked/ },
  { name: 'found by release', release: '1.4.0', ok: true, reason: /^release 1.4.0/ },
  {
    name: 'another release asked for',
    release: '1.5.0',
    ok: false,
    reason: /^no sign-off found for release 1.5.0 \(run vouch signoff --release 1.5.0\)$/,
  },
  {
    name: 'no sign-off at all',
    after: (r) => rmSync(join(r.root, SIGNOFF_DIR), { recursive: true }),
    ok: false,
    reason: /^no sign-off found in .vouch\/signoffs \(run vouch signoff --release VERSION\)$/,
  },
  {
    name: 'a new commit since',
    after: (r) => r.commit('later.py'),
    ok: false,
    reason: /^sign-off is for commit [0-9a-f]{7}, HEAD is [0-9a-f]{7}$/,
  },
  {
    name: 'signed record edited (a verdict changed)',
    key: 'ann',
    after: (r) => edit(r.written.json, '"verdict": "pass"', '"verdict": "na"'),
    ok: false,
    reason: /^bad signature: .*incorrect signature/,
  },
  {
    name: 'signed record edited, checked against allowed signers',
    key: 'ann',
    requireSigners: true,
    after: (r) => edit(r.written.json, '"reason": "legacy"', '"reason": "fine"'),
    ok: false,
    reason: /^bad signature: /,
  },
  {
    name: 'signed with a key not in the allowed signers',
    key: 'bob',
    requireSigners: true,
    ok: false,
    reason: /^bad signature: no key allowed for ann@example.org/,
  },
  {
    name: 'unsigned while signatures are required',
    requireSigners: true,
    ok: false,
    reason: /^unsigned sign-off, but signatures are required \(--allowed-signers\)$/,
  },
  {
    name: 'unsigned record edited into a refused state',
    after: (r) => edit(r.written.json, '"verdict": "pass"', '"verdict": "fail"'),
    ok: false,
    reason:
      /^tampered or not a vouch sign-off: .vouch\/signoffs\/1.4.0.json: item deps-pinned is recorded as fail/,
  },
  {
    name: 'not JSON any more',
    after: (r) => writeFileSync(r.written.json, 'garbage'),
    ok: false,
    reason: /^tampered or not a vouch sign-off: .*not valid JSON/,
  },
  {
    name: 'checklist changed',
    checklist: makeChecklist(IDS, SHA_B),
    ok: false,
    reason: /^checklist changed since sign-off$/,
  },
  {
    name: 'checklist changed by adding an item',
    checklist: makeChecklist([...IDS, 'new-item'], SHA_B),
    ok: false,
    reason: /^checklist changed since sign-off \(item added since sign-off: new-item\)$/,
  },
  {
    name: 'an item the record does not cover (same checklist digest)',
    checklist: makeChecklist([...IDS, 'new-item'], SHA_A),
    ok: false,
    reason: /^item added since sign-off: new-item$/,
  },
];

describe('verifySignoff', () => {
  it.each(rows)('$name', async ({ key, after, checklist, release, requireSigners, ok, reason }) => {
    const repo = await signedOff(key === undefined ? undefined : { ann, bob }[key].key);
    after?.(repo);
    const result = await verifySignoff({
      root: repo.root,
      release,
      allowedSignersFile: requireSigners ? allowed : undefined,
      currentChecklist: checklist ?? makeChecklist(IDS, SHA_A),
      head: repo.head(),
    });
    expect(result.reason).toMatch(reason);
    expect(result.ok).toBe(ok);
  });

  it('names both commits, abbreviated', async () => {
    const repo = await signedOff();
    const head = repo.commit('later.py');
    const result = await verifySignoff({ root: repo.root, currentChecklist: makeChecklist(IDS), head });
    expect(result).toEqual({
      ok: false,
      reason: `sign-off is for commit ${repo.signedCommit.slice(0, 7)}, HEAD is ${head.slice(0, 7)}`,
      release: '1.4.0',
    });
  });

  it('no HEAD to compare with', async () => {
    const repo = await signedOff();
    const result = await verifySignoff({
      root: repo.root,
      currentChecklist: makeChecklist(IDS),
      head: undefined,
    });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/there is no HEAD commit here/);
  });
});

describe('verifySignoff: every cited file still has the blob id the statement recorded', () => {
  async function citedSignoff(blobOf: (real: string) => string = (real) => real) {
    const repo = gitRepo();
    const commit = repo.head();
    const real = await blobsAtCommit(repo.root, commit, ['app.py']);
    const audit = makeAudit(
      [
        makeItem('deps-pinned', 'pass', { source: 'manual', cites: ['app.py:1'] }),
        makeItem('no-eval-exec', 'pass'),
      ],
      { commit, sha256: SHA_A },
    );
    const statement = buildStatement(audit, {
      release: '1.4.0',
      signer: 'Ann Example <ann@example.org>',
      time: '2026-11-28T12:00:00.000Z',
      toolVersion: '0.1.0',
      repoName: 'demo',
      commit,
      allowDirty: false,
      dirty: false,
      citeBlobs: { 'deps-pinned': { 'app.py': { path: 'app.py', blob: blobOf(real.get('app.py') ?? '') } } },
    });
    await writeSignoff(repo.root, statement);
    const verify = () =>
      verifySignoff({
        root: repo.root,
        currentChecklist: makeChecklist(IDS, SHA_A),
        head: repo.head(),
        blobsAt: (at, paths) =>
          at === undefined ? worktreeBlobs(repo.root, paths) : blobsAtCommit(repo.root, at, paths),
      });
    return { ...repo, verify };
  }

  const rows: {
    name: string;
    blobOf?: (real: string) => string;
    after?: (root: string, commit: (f?: string) => string) => void;
    reason: RegExp;
    ok: boolean;
  }[] = [
    { name: 'unchanged: holds', reason: /^release 1\.4\.0 signed off/, ok: true },
    {
      name: 'edited in the work tree after the sign-off',
      after: (root) => writeFileSync(join(root, 'app.py'), 'print("changed")\n'),
      reason:
        /^cited file no longer as signed off: app\.py \(cited by deps-pinned\) has changed in the work tree$/,
      ok: false,
    },
    {
      name: 'deleted in the work tree',
      after: (root) => rmSync(join(root, 'app.py')),
      reason:
        /^cited file no longer as signed off: app\.py \(cited by deps-pinned\) is deleted in the work tree$/,
      ok: false,
    },
    {
      name: 'changed in a later commit: named before the commit mismatch',
      after: (_root, commit) => commit('app.py'),
      reason:
        /^cited file no longer as signed off: app\.py \(cited by deps-pinned\) has changed at HEAD [0-9a-f]{7}$/,
      ok: false,
    },
    {
      name: 'a record whose blob id is not the signed commit’s',
      blobOf: () => 'f'.repeat(40),
      reason:
        /^cited file no longer as signed off: app\.py \(cited by deps-pinned\) has changed at the signed commit [0-9a-f]{7}$/,
      ok: false,
    },
  ];
  it.each(rows)('$name', async ({ blobOf, after, reason, ok }) => {
    const repo = await citedSignoff(blobOf);
    after?.(repo.root, repo.commit);
    const result = await repo.verify();
    expect(result.reason).toMatch(reason);
    expect(result.ok).toBe(ok);
  });
});
