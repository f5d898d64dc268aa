/**
 * Interrupted runs, with real signals on the built CLI: a fake bandit that runs until killed
 * (test/fixtures/fake-tools/bandit-slow) writes the pids of each shard and its child; the test
 * waits until bandit is running, signals vouch, and checks the exit code, that no bandit process
 * outlives vouch, and that the report of an earlier run is byte for byte what it was.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, gitRepoFrom, REPO, vouch } from './helpers.js';
import { pidsIn, running, SLOW_BANDIT, until } from './processes.js';

const VULNERABLE = join(REPO, 'examples', 'vulnerable-flask-app');

describe('an interrupted non-interactive run', () => {
  it.each([
    { signal: 'SIGINT' as const, code: 130 },
    { signal: 'SIGTERM' as const, code: 143 },
    { signal: 'SIGHUP' as const, code: 129 },
  ])(
    '$signal: bandit and its children are killed, no report is written, exit $code',
    async ({ signal, code }) => {
      const root = gitRepoFrom(VULNERABLE);
      const out = join(root, '..', 'reports');
      // An earlier run's reports, which the interrupted run must leave as they are.
      const earlier = await vouch([
        root,
        '--non-interactive',
        '--no-bandit',
        '--output',
        out,
        '--fail-on',
        'none',
      ]);
      expect(earlier.exitCode, String(earlier.stderr)).toBe(0);
      const before = new Map(
        readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')] as const),
      );
      expect([...before.keys()].sort()).toEqual(['vouch-report.json', 'vouch-report.md']);
      const mtimes = [...before.keys()].map((name) => statSync(join(out, name)).mtimeMs);

      const pidFile = join(root, '..', 'bandit.pids');
      const child = execa(
        process.execPath,
        [BIN, root, '--non-interactive', '--bandit', SLOW_BANDIT, '--output', out, '--no-cache'],
        { reject: false, stdin: 'ignore', env: { NO_COLOR: '1', FAKE_PID_FILE: pidFile } },
      );
      // bandit is running: at least one shard has written its pid and its child's.
      await until('bandit runs', () => pidsIn(pidFile).length >= 2);
      child.kill(signal);
      const result = await child;

      expect(result.signal, String(result.stderr)).toBeUndefined();
      expect(result.exitCode, String(result.stderr)).toBe(code);
      expect(String(result.stderr)).toContain(`vouch: interrupted by ${signal}`);
      expect(String(result.stdout)).not.toMatch(/Reports?:/);
      const pids = pidsIn(pidFile);
      await until('every bandit process is gone', () => pids.every((pid) => !running(pid)));
      // No report written, not even in part: the folder holds the earlier files, unchanged.
      expect(readdirSync(out).sort()).toEqual([...before.keys()].sort());
      for (const [name, text] of before) expect(readFileSync(join(out, name), 'utf8')).toBe(text);
      expect([...before.keys()].map((name) => statSync(join(out, name)).mtimeMs)).toEqual(mtimes);
    },
  );

  it('the default .vouch/ reports stay as they were too, and a later run still works', async () => {
    const root = gitRepoFrom(VULNERABLE);
    const first = await vouch([root, '--non-interactive', '--no-bandit', '--fail-on', 'none']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const report = join(root, '.vouch', 'vouch-report.json');
    const text = readFileSync(report, 'utf8');

    const pidFile = join(root, '..', 'bandit.pids');
    const child = execa(process.execPath, [BIN, root, '--non-interactive', '--bandit', SLOW_BANDIT], {
      reject: false,
      stdin: 'ignore',
      env: { NO_COLOR: '1', FAKE_PID_FILE: pidFile },
    });
    await until('bandit runs', () => pidsIn(pidFile).length >= 2);
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
    const pids = pidsIn(pidFile);
    await until('every bandit process is gone', () => pids.every((pid) => !running(pid)));
    expect(readFileSync(report, 'utf8')).toBe(text);
    expect(readdirSync(join(root, '.vouch')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // Nothing left behind stops the next run.
    const next = await vouch([root, '--non-interactive', '--no-bandit', '--fail-on', 'none']);
    expect(next.exitCode, String(next.stderr)).toBe(0);
  });
});
