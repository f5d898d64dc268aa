/**
 * A second interactive run on one repository is told, in one line, that another is open, and
 * opens on Enter or quits on q (answers are saved item by item under a lock, so both can run).
 * Markers of runs that are gone are not mentioned, and removed. Real terminals (tmux), built CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, gitRepoFrom, REPO } from './helpers.js';
import { Terminal } from './tmux.js';

const VULNERABLE = join(REPO, 'examples', 'vulnerable-flask-app');
const NOTICE = /vouch: another interactive vouch is open on this repository \(pid (\d+), since [^)]+\)/;
let terms: Terminal[] = [];
afterEach(() => {
  for (const t of terms) t.stop();
  terms = [];
});

function run(root: string): Terminal {
  const t = Terminal.start(`env -u CI ${process.execPath} ${BIN} ${root} --no-bandit`, {
    cwd: root,
    height: 40,
    env: { NO_COLOR: '1' },
  });
  terms.push(t);
  return t;
}

const markers = (root: string) =>
  readdirSync(join(root, '.vouch', 'cache')).filter((n) => /^ui-\d+\.lock$/.test(n));

describe('two interactive runs on one repository (tmux, built CLI)', () => {
  it('the second is told the first is open, and opens on Enter or quits on q; a run that is gone is not mentioned', async () => {
    const root = gitRepoFrom(VULNERABLE);
    // A marker left by a run that was killed: its pid is gone.
    const dead = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
    mkdirSync(join(root, '.vouch', 'cache'), { recursive: true });
    writeFileSync(
      join(root, '.vouch', 'cache', `ui-${dead}.lock`),
      JSON.stringify({ pid: dead, host: hostname(), since: '2026-01-01T00:00:00.000Z' }),
    );

    const first = run(root);
    const firstScreen = await first.waitFor(/answered/);
    expect(firstScreen).not.toMatch(NOTICE);
    expect(existsSync(join(root, '.vouch', 'cache', `ui-${dead}.lock`))).toBe(false);
    expect(markers(root)).toHaveLength(1);

    // The second: the notice, then a key. q quits without opening the UI.
    const quitter = run(root);
    expect(await quitter.waitFor(/Press Enter to open this one anyway, or q to quit/)).toMatch(NOTICE);
    quitter.key('q');
    const quit = await quitter.waitFor(/EXIT=\d+/);
    expect(quit).toContain('EXIT=0');
    expect(quit).not.toMatch(/answered/);
    expect(markers(root)).toHaveLength(1);

    // Enter opens it anyway, while the first is still open.
    const second = run(root);
    const prompt = await second.waitFor(/Press Enter to open this one anyway, or q to quit/);
    const notice = NOTICE.exec(prompt);
    expect(notice).not.toBeNull();
    expect(markers(root)).toHaveLength(2);
    expect(markers(root)).toContain(`ui-${notice?.[1]}.lock`);
    second.key('Enter');
    await second.waitFor(/answered/);

    for (const t of [first, second]) {
      t.key('q');
      expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    }
    expect(markers(root)).toEqual([]);

    const third = run(root);
    expect(await third.waitFor(/answered/)).not.toMatch(NOTICE);
    third.key('q');
    expect(await third.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });
});
