import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  executableStamp,
  findExecutable,
  knownToolVersions,
  parseVersion,
  rememberToolVersions,
  toolInfo,
  toolVersion,
} from '../../../src/repo/tools.js';
import { fake, tempDir } from './helpers.js';

describe('parseVersion', () => {
  const rows: { output: string; expected: string | undefined }[] = [
    { output: 'bandit 1.6.2\n  python version = 3.11.2 (main, Apr 28 2025)\n', expected: '1.6.2' },
    { output: '__main__.py 1.7.10\n  python version = 3.12.3\n', expected: '1.7.10' },
    { output: 'pip-audit 2.7.3\n', expected: '2.7.3' },
    { output: 'safety, version 3.2.4\n', expected: '3.2.4' },
    { output: '1.85.0\n', expected: '1.85.0' },
    { output: 'v20.20.2\n', expected: '20.20.2' },
    { output: 'Python 3.13.0rc1\n', expected: '3.13.0rc1' },
    { output: 'tool 2.0.0.dev3 (build 5)', expected: '2.0.0.dev3' },
    { output: 'pip 24.0 from /usr/lib/python3.11/site-packages/pip (python 3.11)', expected: '24.0' },
    { output: 'running on python3.11 build 7', expected: undefined },
    { output: 'version 7', expected: undefined },
    { output: '', expected: undefined },
  ];
  it.each(rows)('$output → $expected', ({ output, expected }) => {
    expect(parseVersion(output)).toBe(expected);
  });
});

describe('findExecutable', () => {
  const bin = tempDir();
  const other = tempDir();
  const write = (dir: string, name: string, mode: number): string => {
    const file = path.join(dir, name);
    writeFileSync(file, '#!/bin/sh\necho tool 1.0.0\n');
    chmodSync(file, mode);
    return file;
  };
  const runnable = write(bin, 'tool', 0o755);
  write(bin, 'plain', 0o644);
  mkdirSync(path.join(bin, 'folder'));
  const later = write(other, 'later', 0o755);
  write(other, 'tool', 0o755);
  symlinkSync(runnable, path.join(other, 'linked'));
  const relativeDir = path.relative(process.cwd(), bin);

  const rows: { name: string; pathVar: string; expected: string | undefined }[] = [
    { name: 'tool', pathVar: bin, expected: runnable },
    { name: 'later', pathVar: [bin, other].join(path.delimiter), expected: later },
    // The first directory wins, as in a shell.
    { name: 'tool', pathVar: [bin, other].join(path.delimiter), expected: runnable },
    { name: 'linked', pathVar: other, expected: path.join(other, 'linked') },
    { name: 'plain', pathVar: bin, expected: undefined },
    { name: 'folder', pathVar: bin, expected: undefined },
    { name: 'absent', pathVar: bin, expected: undefined },
    { name: 'tool', pathVar: '', expected: undefined },
    // Relative entries would mean "wherever vouch was started", maybe the audited repository.
    { name: 'tool', pathVar: relativeDir, expected: undefined },
    { name: 'tool', pathVar: ['', '.', relativeDir].join(path.delimiter), expected: undefined },
    // A path (the --bandit override) is taken as it is, PATH is not consulted.
    { name: runnable, pathVar: '', expected: runnable },
    { name: path.join(bin, 'plain'), pathVar: bin, expected: undefined },
    { name: path.join(bin, 'nope'), pathVar: bin, expected: undefined },
  ];
  it.each(rows)('$name in PATH=$pathVar', ({ name, pathVar, expected }) => {
    expect(findExecutable(name, { PATH: pathVar })).toBe(expected);
  });

  it('resolves a relative path against the working directory', () => {
    expect(findExecutable(path.join(relativeDir, 'tool'), {})).toBe(runnable);
  });
});

describe('toolVersion', () => {
  const rows: { executable: string; expected: string | undefined }[] = [
    { executable: '/usr/bin/bandit', expected: '1.6.2' },
    { executable: fake('pip-audit-clean'), expected: '2.7.3' },
    { executable: fake('version-stderr'), expected: '2.7.18' },
    { executable: fake('version-none'), expected: undefined },
    { executable: '/nonexistent/tool', expected: undefined },
  ];
  it.each(rows)('$executable → $expected', async ({ executable, expected }) => {
    expect(await toolVersion(executable)).toBe(expected);
  });

  /** A program that prints `counted VERSION` and leaves a line in `runs` each time it runs. */
  function counted(): { tool: string; runs: () => number; write: (version: string) => void } {
    const dir = tempDir();
    const tool = path.join(dir, 'counted');
    const log = path.join(dir, 'runs');
    const write = (version: string): void => {
      writeFileSync(tool, `#!/bin/sh\necho run >> '${log}'\necho "counted ${version}"\n`);
      chmodSync(tool, 0o755);
    };
    const runs = (): number =>
      existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
    return { tool, runs, write };
  }

  it('runs a program once while it stays the same file, and again once it is replaced', async () => {
    const { tool, runs, write } = counted();
    write('1.0.0');
    expect(await toolVersion(tool)).toBe('1.0.0');
    expect(await toolVersion(tool)).toBe('1.0.0');
    expect(runs()).toBe(1);
    write('2.0.0'); // an upgrade rewrites the file: new times, same size here
    expect(await toolVersion(tool)).toBe('2.0.0');
    expect(runs()).toBe(2);
  });

  it('takes a version an earlier run learnt, for the same file, without running it', async () => {
    const { tool, runs, write } = counted();
    write('1.0.0');
    const stamp = executableStamp(tool);
    expect(stamp).toBeDefined();
    rememberToolVersions({ [stamp ?? '']: '1.0.0', '/elsewhere/tool:1:2:3:4': '5.0.0' });
    expect(await toolVersion(tool)).toBe('1.0.0');
    expect(runs()).toBe(0);
    expect(await knownToolVersions()).toMatchObject({ [stamp ?? '']: '1.0.0' });
    write('1.0.1');
    expect(await toolVersion(tool)).toBe('1.0.1');
    expect(runs()).toBe(1);
  });

  it('gives up on a tool that does not answer', async () => {
    const dir = tempDir();
    const stuck = path.join(dir, 'stuck');
    writeFileSync(stuck, '#!/bin/sh\nsleep 30\n');
    chmodSync(stuck, 0o755);
    const started = Date.now();
    expect(await toolVersion(stuck, { timeoutMs: 300 })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('toolInfo', () => {
  it('reports path and version of the installed tools, and only the name of the others', async () => {
    const bin = tempDir();
    symlinkSync('/usr/bin/bandit', path.join(bin, 'bandit'));
    symlinkSync(fake('pip-audit-clean'), path.join(bin, 'pip-audit'));
    const info = await toolInfo(['bandit', 'pip-audit', 'semgrep'], { env: { PATH: bin } });
    expect(info).toEqual({
      bandit: { name: 'bandit', path: path.join(bin, 'bandit'), version: '1.6.2' },
      'pip-audit': { name: 'pip-audit', path: path.join(bin, 'pip-audit'), version: '2.7.3' },
      semgrep: { name: 'semgrep' },
    });
  });

  it('uses the real PATH by default', async () => {
    const info = await toolInfo(['bandit']);
    expect(info.bandit).toEqual({ name: 'bandit', path: '/usr/bin/bandit', version: '1.6.2' });
  });
});
