import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepoFrom, readReport, REPO, vouch } from './helpers.js';

const HARDENED = join(REPO, 'examples', 'hardened-flask-app');

/** A hardened repo whose open items are all answered, committed. */
async function answeredRepo(): Promise<string> {
  const root = gitRepoFrom(HARDENED);
  const out = join(root, '..', 'r.json');
  await vouch([root, '--non-interactive', '--format', 'json', '--output', out]);
  const open = readReport(out).items.filter((i) => i.verdict === 'review' || i.verdict === 'unanswered');
  expect(open.length).toBeGreaterThan(0);
  mkdirSync(join(root, '.vouch'), { recursive: true });
  const lines = ['version: 1', 'answers:'];
  for (const item of open)
    lines.push(
      `  ${item.id}:`,
      '    verdict: pass',
      '    note: checked by hand',
      '    by: Ann <ann@example.org>',
      `    at: "${new Date().toISOString()}"`,
    );
  writeFileSync(join(root, '.vouch', 'answers.yaml'), `${lines.join('\n')}\n`);
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['commit', '-qm', 'answers'], { cwd: root });
  return root;
}

function keypair(dir: string, name: string, email: string): { key: string; allowed: string } {
  const key = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key, '-C', email]);
  const pub = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const allowed = join(dir, `${name}.allowed`);
  writeFileSync(allowed, `${email} namespaces="vouch" ${pub}\n`);
  return { key, allowed };
}

describe('vouch signoff and vouch verify (built CLI, real git, real ssh-keygen)', () => {
  it('refuses while items are open, listing them, and writes nothing', async () => {
    const root = gitRepoFrom(HARDENED);
    const r = await vouch(['signoff', root, '--release', '1.0.0']);
    expect(r.exitCode).toBe(1);
    expect(String(r.stdout)).toMatch(/refusing to sign off 1\.0\.0:\n {2}- unanswered: /);
    const v = await vouch(['verify', root]);
    expect(v.exitCode).toBe(1);
    expect(String(v.stdout)).toContain('no sign-off found');
  });

  it('signs off an answered commit; verify passes after committing the record, fails after a code change', async () => {
    const root = await answeredRepo();
    const r = await vouch(['signoff', root, '--release', '1.0.0']);
    expect(String(r.stderr)).toBe('');
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(root, '.vouch', 'signoffs', '1.0.0.json'), 'utf8'));
    expect(record._type).toBe('https://in-toto.io/Statement/v1');
    expect(record.subject[0].digest.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(record.predicate.signer).toBe('Ann Example <ann@example.org>');
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['commit', '-qm', 'sign-off'], { cwd: root });
    // Committing the record moves HEAD, but adds nothing else: it still verifies.
    const recorded = await vouch(['verify', root, '--release', '1.0.0']);
    expect(String(recorded.stdout)).toMatch(/adds only sign-off records/);
    expect(recorded.exitCode).toBe(0);
    // A commit that changes code does not.
    appendFileSync(join(root, 'app', 'views.py'), '\n# later change\n');
    execFileSync('git', ['commit', '-qam', 'change code'], { cwd: root });
    const moved = await vouch(['verify', root, '--release', '1.0.0']);
    expect(moved.exitCode).toBe(1);
    expect(String(moved.stdout)).toMatch(/sign-off is for commit [0-9a-f]{7}, HEAD is [0-9a-f]{7}/);
  });

  it('verify passes on the signed-off commit, and the reports show the sign-off', async () => {
    const root = await answeredRepo();
    expect((await vouch(['signoff', root, '--release', '2.0.0'])).exitCode).toBe(0);
    const v = await vouch(['verify', root]);
    expect(String(v.stdout)).toMatch(/^vouch: ok: /);
    expect(v.exitCode).toBe(0);
    const out = join(root, '..', 'report.md');
    await vouch([root, '--non-interactive', '--format', 'md', '--output', out]);
    expect(readFileSync(out, 'utf8')).toContain('2.0.0');
  });

  it('a signed sign-off verifies with the right key, fails with a wrong key or after an edit', async () => {
    const root = await answeredRepo();
    const keys = join(root, '..');
    const ann = keypair(keys, 'ann', 'ann@example.org');
    const eve = keypair(keys, 'eve', 'ann@example.org');
    const r = await vouch(['signoff', root, '--release', '3.0.0', '--sign-key', ann.key]);
    expect(r.exitCode).toBe(0);
    expect((await vouch(['verify', root, '--allowed-signers', ann.allowed])).exitCode).toBe(0);
    const wrong = await vouch(['verify', root, '--allowed-signers', eve.allowed]);
    expect(wrong.exitCode).toBe(1);
    expect(String(wrong.stdout)).toContain('bad signature');
    appendFileSync(join(root, '.vouch', 'signoffs', '3.0.0.json'), ' ');
    const edited = await vouch(['verify', root, '--allowed-signers', ann.allowed]);
    expect(edited.exitCode).toBe(1);
    expect(String(edited.stdout)).toContain('bad signature');
  });

  it('requires a signature when --allowed-signers is given', async () => {
    const root = await answeredRepo();
    const { allowed } = keypair(join(root, '..'), 'k', 'ann@example.org');
    expect((await vouch(['signoff', root, '--release', '4.0.0'])).exitCode).toBe(0);
    const v = await vouch(['verify', root, '--allowed-signers', allowed]);
    expect(v.exitCode).toBe(1);
    expect(String(v.stdout)).toContain('unsigned sign-off, but signatures are required');
  });

  it('rejects a release name that is a path', async () => {
    const root = await answeredRepo();
    const r = await vouch(['signoff', root, '--release', '../../etc/x']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/^vouch: .*release/);
  });
});
