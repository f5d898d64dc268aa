import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, gitRepoFrom, readReport, REPO, vouch } from './helpers.js';
import { Terminal } from './tmux.js';

const HARDENED = join(REPO, 'examples', 'hardened-flask-app');
/** The item answered in the UI (the first one needing a person); the others are answered in the file. */
const ITEM = 'input-validated';

let term: Terminal | undefined;
afterEach(() => term?.stop());

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function ui(root: string): Terminal {
  // CI is set in CI runs; the UI needs it unset, as on a developer's machine.
  return Terminal.start(`env -u CI ${process.execPath} ${BIN} ${root} --no-bandit`, {
    cwd: root,
    width: 120,
    height: 40,
    env: { NO_COLOR: '1' },
  });
}

/** The hardened example with every open item but ITEM answered by hand, committed. */
async function repoWithOneOpenItem(): Promise<string> {
  const root = gitRepoFrom(HARDENED);
  const out = join(root, '..', 'first.json');
  await vouch([root, '--non-interactive', '--no-bandit', '--format', 'json', '--output', out]);
  const open = readReport(out).items.filter(
    (i) => (i.verdict === 'review' || i.verdict === 'unanswered') && i.id !== ITEM,
  );
  const lines = ['version: 1', 'answers:'];
  for (const item of open)
    lines.push(
      `  ${item.id}:`,
      '    verdict: pass',
      '    note: checked by hand',
      `    at: "${new Date().toISOString()}"`,
    );
  mkdirSync(join(root, '.vouch'), { recursive: true });
  writeFileSync(join(root, '.vouch', 'answers.yaml'), `${lines.join('\n')}\n`);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'answers');
  return root;
}

interface StoredAnswer {
  verdict: string;
  note?: string;
  commit?: string;
  cites?: string[];
  basis?: { item?: string; auto?: string; blobs?: Record<string, string> };
}

function storedAnswer(root: string): StoredAnswer | undefined {
  const file = parse(readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8')) as {
    answers: Record<string, StoredAnswer>;
  };
  return file.answers[ITEM];
}

/**
 * Enter on the list opens the item under the cursor. Ink draws the list's first frame just before
 * it listens for keys, so a key sent in that instant is not seen: Enter is sent again (opening
 * is all it can do there) until the item shows.
 */
async function openFromList(t: Terminal, shown: RegExp): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    t.key('Enter');
    try {
      return await t.waitFor(shown, attempt < 4 ? 3_000 : 30_000);
    } catch (error) {
      // Still the list (its footer): the key was not seen. Anywhere else, Enter would record.
      if (attempt >= 4 || !/Enter open {2}Tab next/.test(t.screen())) throw error;
    }
  }
}

async function quit(t: Terminal): Promise<void> {
  t.key('q');
  expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  t.stop();
}

describe('an answer goes stale when what it cites changes (tmux UI, real git, built CLI)', () => {
  it('cite in the UI, change the file: stale, signoff refuses, re-confirm, signoff and verify pass, deleting the file fails verify', async () => {
    const root = await repoWithOneOpenItem();

    // 1. Answer in the UI with a note that cites a file and a line range.
    term = ui(root);
    await term.waitFor(/❯ · unanswered +All user input is validated/);
    await openFromList(term, /❯ Pass/);
    term.key('n');
    await term.waitFor(/note> /);
    term.type('marshmallow schemas on every form; cites: app/schemas.py, app/nope.py');
    term.key('Enter');
    await term.waitFor(/note kept/);
    term.key('Enter');
    // A cite naming no file is refused at the time of answering; the note is kept to fix.
    await term.waitFor(/not recorded: cited file does not exist in the repository: app\/nope\.py/);
    term.key('n');
    await term.waitFor(/note> .*app\/nope\.py/);
    for (let i = 0; i < 'app/nope.py'.length; i++) term.key('BSpace');
    term.type('app/views.py:1-3');
    term.key('Enter');
    await term.waitFor(/note kept/);
    term.key('Enter');
    await term.waitFor(/summary/);
    await quit(term);

    const first = storedAnswer(root);
    expect(first).toMatchObject({
      verdict: 'pass',
      note: 'marshmallow schemas on every form',
      cites: ['app/schemas.py', 'app/views.py:1-3'],
      commit: git(root, 'rev-parse', 'HEAD'),
    });
    expect(first?.basis?.blobs?.['app/schemas.py']).toBe(git(root, 'rev-parse', 'HEAD:app/schemas.py'));
    expect(first?.basis?.item).toMatch(/^[0-9a-f]{64}$/);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'answer input-validated');

    // 2. Change the cited file, and the uncited end of the other one; commit.
    appendFileSync(join(root, 'app', 'schemas.py'), '\n# a later change\nEXTRA = 1\n');
    appendFileSync(join(root, 'app', 'views.py'), '\n# below the cited range\n');
    git(root, 'commit', '-qam', 'change the schemas');
    const change = git(root, 'rev-parse', '--short', 'HEAD');

    // 3. The audit says the answer is stale, and why (the range in views.py was not touched).
    const out = join(root, '..', 'stale.json');
    const audit = await vouch([
      root,
      '--non-interactive',
      '--no-bandit',
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'stale',
    ]);
    expect(audit.exitCode).toBe(1);
    expect(String(audit.stdout)).toContain(
      `Stale answers (re-confirm them in vouch):\n  ⟳ ${ITEM} — All user input is validated\n      app/schemas.py changed in ${change}`,
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      items: { id: string; verdict: string; stale: { kind: string; text: string }[] | null }[];
    };
    const item = report.items.find((i) => i.id === ITEM);
    expect(item?.verdict).toBe('pass');
    expect(item?.stale).toEqual([
      { kind: 'cite-changed', path: 'app/schemas.py', text: `app/schemas.py changed in ${change}` },
    ]);

    // 4. Sign-off refuses, naming the item and the reason.
    const refused = await vouch(['signoff', root, '--release', '1.0.0', '--no-bandit']);
    expect(refused.exitCode).toBe(1);
    expect(String(refused.stdout)).toContain(`stale answer: ${ITEM} — app/schemas.py changed in ${change}`);

    // --accept-stale signs off anyway and records the accepted stale answer with its reason.
    const accepted = await vouch(['signoff', root, '--release', '0.9.0', '--no-bandit', '--accept-stale']);
    expect(accepted.exitCode).toBe(0);
    const acceptedRecord = JSON.parse(readFileSync(join(root, '.vouch', 'signoffs', '0.9.0.json'), 'utf8'));
    expect(acceptedRecord.predicate.acceptedStale).toEqual([
      { id: ITEM, reasons: [`app/schemas.py changed in ${change}`] },
    ]);

    // 5. Re-confirm in the UI: the item is marked and visited first; Enter on the answer confirms it.
    term = ui(root);
    const list = await term.waitFor(/answered/);
    expect(list).toMatch(/❯ ✔ pass +All user input is validated +you · stale/);
    expect(list).toContain('1 stale (Tab visits them)');
    const screen = await openFromList(term, /Enter re-confirms it\)/);
    expect(screen).toContain('Changed since your answer (it is stale):');
    expect(screen).toContain(`- app/schemas.py changed in ${change}`);
    expect(screen).toMatch(/❯ Pass +\(your answer: Enter re-confirms it\)/);
    term.key('Enter');
    await term.waitFor(/summary/);
    await quit(term);

    const again = storedAnswer(root);
    expect(again?.cites).toEqual(['app/schemas.py', 'app/views.py:1-3']);
    expect(again?.basis?.blobs?.['app/schemas.py']).toBe(git(root, 'rev-parse', 'HEAD:app/schemas.py'));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 're-confirm input-validated');

    // 6. Sign-off succeeds and records the cited blobs; verify passes.
    const signed = await vouch(['signoff', root, '--release', '1.0.0', '--no-bandit']);
    expect(String(signed.stdout)).toContain('Signed off 1.0.0');
    expect(signed.exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(root, '.vouch', 'signoffs', '1.0.0.json'), 'utf8'));
    const recorded = record.predicate.items.find((i: { id: string }) => i.id === ITEM);
    expect(recorded.cites).toEqual([
      { cite: 'app/schemas.py', path: 'app/schemas.py', blob: git(root, 'rev-parse', 'HEAD:app/schemas.py') },
      { cite: 'app/views.py:1-3', path: 'app/views.py', blob: git(root, 'rev-parse', 'HEAD:app/views.py') },
    ]);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'sign off 1.0.0');
    const verified = await vouch(['verify', root]);
    expect(String(verified.stdout)).toContain('vouch: ok');
    expect(verified.exitCode).toBe(0);

    // 7. Deleting the cited file after the sign-off: verify fails and names it.
    git(root, 'rm', '-q', 'app/schemas.py');
    git(root, 'commit', '-qm', 'drop the schemas');
    const broken = await vouch(['verify', root]);
    expect(broken.exitCode).toBe(1);
    expect(String(broken.stdout)).toMatch(
      /verify failed: cited file no longer as signed off: app\/schemas\.py \(cited by input-validated\) is deleted at HEAD [0-9a-f]{7}/,
    );
  }, 180_000);
});

describe('a cited file renamed without a change (real git, built CLI)', () => {
  it('is not stale; the sign-off records it under its new name and verify holds', async () => {
    const root = await repoWithOneOpenItem();
    const head = git(root, 'rev-parse', 'HEAD');
    const blob = git(root, 'rev-parse', 'HEAD:app/schemas.py');
    appendFileSync(
      join(root, '.vouch', 'answers.yaml'),
      [
        `  ${ITEM}:`,
        '    verdict: pass',
        '    note: marshmallow schemas',
        `    at: "${new Date().toISOString()}"`,
        `    commit: "${head}"`,
        '    cites: [app/schemas.py]',
        '    basis:',
        '      blobs:',
        `        app/schemas.py: ${blob}`,
        '',
      ].join('\n'),
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'answer by hand');
    git(root, 'mv', 'app/schemas.py', 'app/forms.py');
    git(root, 'commit', '-qm', 'rename');

    const out = join(root, '..', 'renamed.json');
    await vouch([root, '--non-interactive', '--no-bandit', '--format', 'json', '--output', out]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { items: { id: string; stale: unknown }[] };
    expect(report.items.find((i) => i.id === ITEM)?.stale).toBeNull();

    const signed = await vouch(['signoff', root, '--release', '2.0.0', '--no-bandit']);
    expect(String(signed.stdout)).toContain('Signed off 2.0.0');
    const record = JSON.parse(readFileSync(join(root, '.vouch', 'signoffs', '2.0.0.json'), 'utf8'));
    expect(record.predicate.items.find((i: { id: string }) => i.id === ITEM).cites).toEqual([
      { cite: 'app/schemas.py', path: 'app/forms.py', blob },
    ]);
    const verified = await vouch(['verify', root]);
    expect(String(verified.stdout)).toContain('vouch: ok');
  }, 120_000);
});
