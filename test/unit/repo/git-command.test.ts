import { chmodSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  forgetFilterReadings,
  GIT_SAFETY_CONFIG,
  gitEnv,
  parseFilterDrivers,
  runGit,
} from '../../../src/repo/exec/git-command.js';
import { cleanup, git, gitRepo, tempDir } from './fixture.js';

const made: string[] = [];
afterAll(() => cleanup(...made));

describe('parseFilterDrivers', () => {
  const rows: { name: string; configZ: string; expected: string[] }[] = [
    { name: 'nothing configured', configZ: '', expected: [] },
    {
      name: 'a local clean filter',
      configZ: 'local\0filter.lfs.clean\ngit-lfs clean -- %f\0',
      expected: ['lfs'],
    },
    {
      name: 'global and system drivers are the person’s own, not the repository’s',
      configZ: 'global\0filter.lfs.process\ngit-lfs filter-process\0system\0filter.x.clean\ncat\0',
      expected: [],
    },
    { name: 'worktree config counts', configZ: 'worktree\0filter.w.smudge\ncat\0', expected: ['w'] },
    { name: 'a name holding "=" and dots', configZ: 'local\0filter.a=b.c.clean\nx\0', expected: ['a=b.c'] },
    { name: 'a key without a value', configZ: 'local\0filter.bare.process\0', expected: ['bare'] },
    {
      name: 'required alone still names the driver',
      configZ: 'local\0filter.r.required\ntrue\0',
      expected: ['r'],
    },
    { name: 'other filter keys are not drivers', configZ: 'local\0filter.x.description\nhi\0', expected: [] },
    {
      name: 'sorted and without repeats',
      configZ: 'local\0filter.b.clean\nx\0local\0filter.a.clean\nx\0local\0filter.b.smudge\nx\0',
      expected: ['a', 'b'],
    },
  ];
  it.each(rows)('$name', ({ configZ, expected }) => {
    expect(parseFilterDrivers(configZ)).toEqual(expected);
  });
});

describe('gitEnv', () => {
  const config = (env: NodeJS.ProcessEnv): [string, string][] =>
    Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [
      env[`GIT_CONFIG_KEY_${i}`] ?? '',
      env[`GIT_CONFIG_VALUE_${i}`] ?? '',
    ]);

  it('turns off every command-running setting, after the person’s own environment config', () => {
    const env = gitEnv([], {
      PATH: '/usr/bin',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: 'mine',
    });
    const entries = config(env);
    expect(entries[0]).toEqual(['core.fsmonitor', 'mine']);
    // Later entries win, so the safety settings come last.
    expect(entries.slice(1)).toEqual(GIT_SAFETY_CONFIG.map(([k, v]) => [k, v]));
    expect(env).toMatchObject({ GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1' });
  });

  it('empties every command of each filter driver and makes it optional', () => {
    const entries = config(gitEnv(['a=b'], { PATH: '/usr/bin' }));
    expect(entries).toEqual(
      expect.arrayContaining([
        ['filter.a=b.clean', ''],
        ['filter.a=b.smudge', ''],
        ['filter.a=b.process', ''],
        ['filter.a=b.required', 'false'],
      ]),
    );
  });

  const paths: { path: string; expected: string }[] = [
    { path: '/usr/bin:/bin', expected: '/usr/bin:/bin' },
    { path: ':/usr/bin', expected: '/usr/bin' },
    { path: '.:/usr/bin:bin:', expected: '/usr/bin' },
  ];
  it.each(paths)('PATH $path searches $expected', ({ path, expected }) => {
    expect(gitEnv([], { PATH: path }).PATH).toBe(expected);
  });
});

describe('runGit in a repository whose configuration names commands', () => {
  /** A committed repository whose app.py no longer matches the index by stat, and a canary path. */
  function hostile(): { root: string; canary: string } {
    const root = gitRepo({ 'app.py': 'x = 1\n', '.gitattributes': '*.py filter=evil\n' });
    const outside = tempDir();
    made.push(root, outside);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(join(root, 'app.py'), old, old);
    return { root, canary: join(outside, 'pwned') };
  }

  const settings: { name: string; key: string; value: (canary: string) => string }[] = [
    { name: 'core.fsmonitor', key: 'core.fsmonitor', value: (c) => `touch ${c}; false` },
    { name: 'a clean filter', key: 'filter.evil.clean', value: (c) => `sh -c 'touch ${c}; cat'` },
    { name: 'a process filter', key: 'filter.evil.process', value: (c) => `touch ${c}` },
  ];
  const commands: string[][] = [
    ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.'],
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'],
    ['ls-files', '-m'],
    ['diff-files', '--name-only'],
  ];
  const rows = settings.flatMap((s) =>
    commands.map((args) => ({ ...s, args, label: `${s.name}: git ${args.join(' ')}` })),
  );

  it.each(rows)('$label', async ({ key, value, args }) => {
    const { root, canary } = hostile();
    git(root, 'config', key, value(canary));
    const result = await runGit(root, args);
    expect(result.ok).toBe(true);
    expect(existsSync(canary)).toBe(false);
  });

  it('still answers when the repository marks its filter required', async () => {
    const { root, canary } = hostile();
    git(root, 'config', 'filter.evil.clean', `sh -c 'touch ${canary}; cat'`);
    git(root, 'config', 'filter.evil.required', 'true');
    const result = await runGit(root, ['status', '--porcelain', '--', '.']);
    expect(result.ok).toBe(true);
    expect(existsSync(canary)).toBe(false);
  });

  it('never runs a git planted in the folder it runs in, whatever PATH says', async () => {
    const root = gitRepo({ 'app.py': 'x = 1\n' });
    const outside = tempDir();
    made.push(root, outside);
    const canary = join(outside, 'pwned');
    writeFileSync(join(root, 'git'), `#!/bin/sh\ntouch ${canary}\nexit 0\n`);
    chmodSync(join(root, 'git'), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `.::${saved ?? '/usr/bin:/bin'}`;
    try {
      const result = await runGit(root, ['rev-parse', '--show-toplevel']);
      expect(result.ok).toBe(true);
      expect(result.stdout.trim()).not.toBe('');
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(canary)).toBe(false);
  });

  it('reports git missing when PATH has none', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await runGit(tempDir(), ['--version'])).toMatchObject({ ok: false, missing: true });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('reading the filter drivers', () => {
  /** A `git` first on PATH that logs its arguments and runs the real one. */
  function loggingGit(): { dir: string; calls: () => string[] } {
    const dir = tempDir();
    made.push(dir);
    const log = join(dir, 'calls');
    writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec /usr/bin/git "$@"\n`);
    chmodSync(join(dir, 'git'), 0o755);
    const calls = (): string[] =>
      existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    return { dir, calls };
  }

  it('is done once for the calls of one run, and again after forgetting', async () => {
    const root = gitRepo({ 'app.py': 'x = 1\n' });
    made.push(root);
    const { dir, calls } = loggingGit();
    const saved = process.env.PATH;
    process.env.PATH = `${dir}:${saved ?? '/usr/bin:/bin'}`;
    try {
      forgetFilterReadings();
      for (const args of [
        ['rev-parse', 'HEAD'],
        ['status', '--porcelain'],
        ['ls-files', '-s'],
      ]) {
        expect((await runGit(root, args)).ok).toBe(true);
      }
      const readings = (): number => calls().filter((c) => c.startsWith('config --show-scope')).length;
      expect(readings()).toBe(1);
      expect(calls()).toHaveLength(4);
      forgetFilterReadings();
      await runGit(root, ['rev-parse', 'HEAD']);
      expect(readings()).toBe(2);
    } finally {
      process.env.PATH = saved;
      forgetFilterReadings();
    }
  });
});
