import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, gitRepoFrom, REPO } from './helpers.js';
import { Terminal } from './tmux.js';

const VULNERABLE = join(REPO, 'examples', 'vulnerable-flask-app');
let term: Terminal | undefined;
afterEach(() => term?.stop());

function run(root: string, extra = ''): Terminal {
  // CI is set in CI runs; the UI needs it unset, as on a developer's machine.
  return Terminal.start(`env -u CI ${process.execPath} ${BIN} ${root} --no-bandit ${extra}`, {
    cwd: root,
    env: { NO_COLOR: '1' },
  });
}

describe('the interactive audit in a real terminal (tmux, built CLI)', () => {
  it('answers the first item needing a person, quits with q, and resumes with the answer shown', async () => {
    const root = gitRepoFrom(VULNERABLE);
    term = run(root);
    // The checklist screen: the cursor starts on the first item that needs a person.
    const list = await term.waitFor(/answered/);
    expect(list).toMatch(/❯ · unanswered +All user input is validated/);
    term.key('Enter');
    await term.waitFor(/Is all user input validated\?/);
    await term.waitFor(/❯ Pass/);
    term.key('Enter');
    // Recorded at once; the next item needing a person opens (safe-filenames fails on its own here:
    // request data reaches send_file).
    await term.waitFor(/Uploads are checked for size, extension and content/);
    term.key('q');
    const end = await term.waitFor(/EXIT=\d+/);
    expect(end).toContain('EXIT=0');
    expect(end).toMatch(/Reports?: \.vouch\/vouch-report\.md/);
    term.stop();

    const answers = parse(readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8')) as {
      version: number;
      answers: Record<string, { verdict: string; by: string; at: string; commit: string }>;
    };
    expect(answers.version).toBe(1);
    expect(Object.keys(answers.answers)).toEqual(['input-validated']);
    expect(answers.answers['input-validated']).toMatchObject({
      verdict: 'pass',
      by: 'Ann Example <ann@example.org>',
    });
    expect(answers.answers['input-validated']?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Date.parse(answers.answers['input-validated']?.at ?? '')).not.toBeNaN();

    // A second run shows the answer as given, and starts on the next item needing a person.
    term = run(root);
    const again = await term.waitFor(/answered/);
    expect(again).toMatch(/✔ pass +All user input is validated +you/);
    expect(again).toMatch(/❯ · unanswered +Uploads are checked for size, extension and content/);
    term.key('q');
    expect(await term.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('keys sent in one burst act in order (Down Down Enter opens the third row)', async () => {
    const root = gitRepoFrom(VULNERABLE);
    term = run(root);
    await term.waitFor(/❯ · unanswered +All user input is validated/);
    term.burst('Down', 'Down', 'Enter');
    // From "All user input is validated": down twice lands on the uploads item.
    await term.waitFor(/Are uploads checked for size, extension and real content type\?/);
    term.key('Escape');
    await term.waitFor(/answered/);
    term.key('q');
    expect(await term.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('a damaged answers file is one line and exit 2, even from the UI', async () => {
    const root = gitRepoFrom(VULNERABLE);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(root, '.vouch'));
    writeFileSync(join(root, '.vouch', 'answers.yaml'), 'version: 1\nanswers: [oops\n');
    term = run(root);
    const screen = await term.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=2');
    expect(screen).toMatch(/vouch: \.vouch\/answers\.yaml:\d+:\d+:/);
    expect(screen).not.toMatch(/\n\s+at /);
  });
});
