import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { banditConfigArgs, runBandit } from '../../../src/repo/bandit.js';
import type { RawFinding, ToolRun } from '../../../src/repo/types.js';
import { alive, fake, tempDir, tempRepo } from './helpers.js';

const EVAL = 'import sys\n\nvalue = eval(sys.argv[1])\n';
const SUBPROCESS = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n';
const SYNTAX_ERROR = 'def broken(:\n    pass\n';
const CLEAN = 'def add(a, b):\n    return a + b\n';

/** The parts of a finding a test pins down. */
const brief = (f: RawFinding): string => `${f.file}:${f.line} ${f.rule}`;

describe('runBandit with the real bandit', () => {
  const rows: {
    name: string;
    files: Record<string, string>;
    configFile?: string;
    expected: { status: ToolRun['status']; findings: string[]; errors: string[] };
  }[] = [
    {
      name: 'eval is found',
      files: { 'app.py': EVAL },
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: [] },
    },
    {
      name: 'a syntax error is an error entry, not a failed run (bandit exits 0)',
      files: { 'broken.py': SYNTAX_ERROR },
      expected: {
        status: 'ok',
        findings: [],
        errors: ['broken.py: syntax error while parsing AST from file'],
      },
    },
    {
      name: 'a clean file gives a clean run',
      files: { 'clean.py': CLEAN },
      expected: { status: 'ok', findings: [], errors: [] },
    },
    {
      name: 'files in sub-directories keep their relative path',
      files: { 'pkg/sub/run.py': SUBPROCESS, 'pkg/__init__.py': '' },
      expected: { status: 'ok', findings: ['pkg/sub/run.py:1 B404', 'pkg/sub/run.py:5 B602'], errors: [] },
    },
    {
      name: '[tool.bandit] skips in pyproject.toml are honoured',
      files: {
        'app.py': EVAL,
        'pyproject.toml': '[project]\nname = "x"\n\n[tool.bandit]\nskips = ["B307"]\n',
      },
      configFile: 'pyproject.toml',
      expected: { status: 'ok', findings: [], errors: [] },
    },
    {
      name: '[tool.bandit] tests restricts the run',
      files: { 'app.py': EVAL, 'run.py': SUBPROCESS, 'pyproject.toml': '[tool.bandit]\ntests = ["B602"]\n' },
      configFile: 'pyproject.toml',
      expected: { status: 'ok', findings: ['run.py:5 B602'], errors: [] },
    },
    {
      name: '[tool.bandit] exclude_dirs drops those files',
      files: {
        'app.py': EVAL,
        'tests/test_app.py': EVAL,
        'pyproject.toml': '[tool.bandit]\nexclude_dirs = ["tests"]\n',
      },
      configFile: 'pyproject.toml',
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: [] },
    },
    {
      name: 'a pyproject.toml without [tool.bandit] changes nothing',
      files: { 'app.py': EVAL, 'pyproject.toml': '[project]\nname = "x"\n' },
      configFile: 'pyproject.toml',
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: [] },
    },
    {
      name: 'a pyproject.toml that is not TOML: run without it, say so',
      files: { 'app.py': EVAL, 'pyproject.toml': '[tool.bandit\nskips = ["B307"]\n' },
      configFile: 'pyproject.toml',
      expected: {
        status: 'ok',
        findings: ['app.py:3 B307'],
        errors: ['pyproject.toml: [tool.bandit] ignored'],
      },
    },
    {
      name: '.bandit (INI) skips are honoured with an explicit file list',
      files: { 'app.py': EVAL, 'run.py': SUBPROCESS, '.bandit': '[bandit]\nskips = B307,B404\n' },
      configFile: '.bandit',
      expected: { status: 'ok', findings: ['run.py:5 B602'], errors: [] },
    },
    {
      name: '.bandit (INI) exclude is honoured',
      files: { 'app.py': EVAL, 'tests/test_app.py': EVAL, '.bandit': '[bandit]\nexclude = ./tests\n' },
      configFile: '.bandit',
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: [] },
    },
    {
      name: 'bandit.yaml is passed with -c',
      files: { 'app.py': EVAL, 'run.py': SUBPROCESS, 'bandit.yaml': 'skips: [B404, B602]\n' },
      configFile: 'bandit.yaml',
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: [] },
    },
    {
      name: '.bandit.yml is passed with -c',
      files: { 'app.py': EVAL, 'run.py': SUBPROCESS, '.bandit.yml': 'tests: [B404]\n' },
      configFile: '.bandit.yml',
      expected: { status: 'ok', findings: ['run.py:1 B404'], errors: [] },
    },
    {
      name: 'an invalid YAML configuration makes bandit exit 2: an error with its message',
      files: { 'app.py': EVAL, 'bandit.yaml': 'skips: [B404\n' },
      configFile: 'bandit.yaml',
      expected: { status: 'error', findings: [], errors: [] },
    },
    {
      name: 'awkward file names: a leading dash, a lone dash, spaces',
      files: { '-rf.py': EVAL, '-': EVAL, 'my file.py': EVAL },
      expected: { status: 'ok', findings: ['-:3 B307', '-rf.py:3 B307', 'my file.py:3 B307'], errors: [] },
    },
    {
      name: 'a listed file that has gone is an error entry',
      files: { 'app.py': EVAL },
      expected: { status: 'ok', findings: ['app.py:3 B307'], errors: ['gone.py: No such file or directory'] },
    },
  ];

  it.each(rows)('$name', async ({ files, configFile, expected, name }) => {
    const root = tempRepo(files);
    const listed = Object.keys(files).filter((f) => !/toml$|bandit|ya?ml$/.test(f));
    if (name.includes('has gone')) listed.push('gone.py');
    const run = await runBandit(root, listed, { configFile, shards: 2 });
    expect(run.status, run.reason).toBe(expected.status);
    expect(run.findings.map(brief).sort()).toEqual(expected.findings.sort());
    expect(
      run.errors.map((e) => `${e.file}: ${e.message}`.slice(0, expected.errors[0]?.length ?? 0)),
    ).toEqual(expected.errors);
    if (run.status === 'ok') {
      expect(run.version).toBe('1.6.2');
      expect(run.path).toBe('/usr/bin/bandit');
      // Every file handed to some process, and each process's busy time measured.
      const loads = run.processes ?? [];
      expect(loads.reduce((n, p) => n + p.files, 0)).toBe(listed.length);
      for (const load of loads) expect(load.busyMs).toBeGreaterThan(0);
    } else {
      expect(run.reason).toMatch(/^bandit exited with code 2: .*ERROR/);
    }
  });

  it('maps a finding completely', async () => {
    const root = tempRepo({ 'app.py': EVAL });
    const run = await runBandit(root, ['app.py']);
    expect(run.findings).toEqual([
      {
        rule: 'B307',
        message: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
        file: 'app.py',
        line: 3,
        column: undefined,
        snippet: 'value = eval(sys.argv[1])',
        severity: 'medium',
        confidence: 'high',
      },
    ]);
    expect(run.errors).toEqual([]);
    expect(run.durationMs).toBeGreaterThan(0);
  });

  it('masks the password in a hard-coded password finding', async () => {
    const root = tempRepo({
      'db.py': 'import db\n\nconn = db.connect(user="app", password="Tr0ub4dor&3-horse")\n',
    });
    const run = await runBandit(root, ['db.py']);
    const finding = run.findings.find((f) => f.rule === 'B106');
    expect(finding?.snippet).toBeDefined();
    expect(finding?.snippet).not.toContain('Tr0ub4dor');
  });

  it('gives the same result with one shard and with several', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      const body = [EVAL, SUBPROCESS, CLEAN, SYNTAX_ERROR][i % 4] ?? '';
      files[`pkg${i % 5}/mod_${i}.py`] = `${'# padding\n'.repeat(i)}${body}`;
    }
    const root = tempRepo(files);
    const listed = Object.keys(files);
    const progress: [number, number][] = [];
    const one = await runBandit(root, listed, { shards: 1 });
    const four = await runBandit(root, listed, { shards: 4, onProgress: (d, t) => progress.push([d, t]) });
    expect(one.status).toBe('ok');
    expect(one.findings.length).toBeGreaterThan(40);
    expect(one.errors).toHaveLength(15);
    expect(four.findings).toEqual(one.findings);
    expect(four.errors).toEqual(one.errors);
    // Progress starts at 0, never goes back, and ends with every file.
    expect(progress[0]).toEqual([0, 60]);
    expect(progress.at(-1)).toEqual([60, 60]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]?.[0]).toBeGreaterThan(progress[i - 1]?.[0] ?? 0);
  });

  it('reports progress within a shard from bandit stderr', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`m${i}.py`] = SUBPROCESS.repeat(30);
    const root = tempRepo(files);
    const progress: number[] = [];
    const run = await runBandit(root, Object.keys(files), {
      shards: 1,
      onProgress: (done) => progress.push(done),
    });
    expect(run.status).toBe('ok');
    // bandit prints `120 [0.. 50.. 100.. ]` as it goes: something between the start and the end.
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(120);
    expect(progress.filter((n) => n === 50 || n === 100).length).toBeGreaterThan(0);
    expect(progress.every((n) => [0, 50, 100, 120].includes(n))).toBe(true);
  });

  it('with no file to scan, runs nothing and is ok', async () => {
    const run = await runBandit(tempRepo({}), [], { executable: fake('bandit-crash') });
    expect(run).toMatchObject({ status: 'ok', findings: [], errors: [], version: '9.9.9' });
  });

  it('removes the temporary configuration it wrote', async () => {
    const root = tempRepo({ 'pyproject.toml': '[tool.bandit]\nskips = ["B101"]\n' });
    const config = await banditConfigArgs(root, 'pyproject.toml');
    expect(config.args[0]).toBe('-c');
    const yamlFile = config.args[1] ?? '';
    expect(readFileSync(yamlFile, 'utf8')).toBe('skips:\n  - B101\n');
    await config.cleanup();
    expect(existsSync(yamlFile)).toBe(false);
  });
});

describe('banditConfigArgs', () => {
  const root = '/repo';
  const rows: { configFile: string | undefined; expected: string[] }[] = [
    { configFile: undefined, expected: [] },
    { configFile: '.bandit', expected: ['--ini', '/repo/.bandit'] },
    { configFile: 'bandit.yaml', expected: ['-c', '/repo/bandit.yaml'] },
    { configFile: '.bandit.yml', expected: ['-c', '/repo/.bandit.yml'] },
    { configFile: 'config/Bandit.YAML', expected: ['-c', '/repo/config/Bandit.YAML'] },
  ];
  it.each(rows)('$configFile', async ({ configFile, expected }) => {
    expect((await banditConfigArgs(root, configFile)).args).toEqual(expected);
  });
});

describe('runBandit when bandit cannot do its job', () => {
  const rows: { name: string; executable: string; status: ToolRun['status']; reason: RegExp }[] = [
    {
      name: 'a crash: exit 1 with a traceback and no report',
      executable: 'bandit-crash',
      status: 'error',
      reason: /^bandit printed no report: ModuleNotFoundError: No module named 'stevedore'$/,
    },
    {
      name: 'exit 2',
      executable: 'bandit-exit2',
      status: 'error',
      reason: /^bandit exited with code 2: \[main\] ERROR pyproject.toml : Error parsing file\.$/,
    },
    {
      name: 'output that is not JSON',
      executable: 'bandit-garbage',
      status: 'error',
      reason: /^bandit printed something that is not JSON \("Run started: this is not JSON"\)$/,
    },
    {
      name: 'killed by a signal',
      executable: 'bandit-signal',
      status: 'error',
      reason: /^bandit was killed by SIGSEGV$/,
    },
  ];
  it.each(rows)('$name', async ({ executable, status, reason }) => {
    const root = tempRepo({ 'app.py': EVAL });
    const run = await runBandit(root, ['app.py'], { executable: fake(executable) });
    expect(run).toMatchObject({ status, findings: [], errors: [], version: '9.9.9', path: fake(executable) });
    expect(run.reason).toMatch(reason);
    expect(run.reason).not.toContain('\n');
  });

  it('a hang: timeout, the whole process group killed, sibling shards stopped', async () => {
    const root = tempRepo({ 'a.py': EVAL, 'b.py': EVAL, 'c.py': EVAL });
    const pidFile = path.join(tempDir(), 'pid');
    const started = Date.now();
    const run = await runBandit(root, ['a.py', 'b.py', 'c.py'], {
      executable: fake('bandit-hang'),
      timeoutMs: 800,
      shards: 3,
      env: { FAKE_PID_FILE: pidFile },
    });
    expect(run).toMatchObject({ status: 'timeout', findings: [], errors: [] });
    expect(run.reason).toBe('bandit did not finish within 1 s and was stopped');
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('one failing shard fails the run and stops the others', async () => {
    // Sharding the failure: the crash comes from every shard, the first one decides the reason.
    const root = tempRepo({ 'a.py': EVAL, 'b.py': EVAL });
    const run = await runBandit(root, ['a.py', 'b.py'], { executable: fake('bandit-exit2'), shards: 2 });
    expect(run.status).toBe('error');
    expect(run.reason).toMatch(/^bandit exited with code 2/);
  });

  it('missing from PATH', async () => {
    const run = await runBandit(tempRepo({ 'app.py': EVAL }), ['app.py'], { env: { PATH: tempDir() } });
    expect(run).toEqual({
      status: 'missing',
      reason: 'bandit not found on PATH',
      durationMs: run.durationMs,
      findings: [],
      errors: [],
    });
  });

  it('missing at the --bandit path', async () => {
    const run = await runBandit(tempRepo({ 'app.py': EVAL }), ['app.py'], {
      executable: '/nonexistent/bin/bandit',
    });
    expect(run).toMatchObject({ status: 'missing', reason: 'bandit not found at /nonexistent/bin/bandit' });
  });

  it('--bandit PATH wins over PATH', async () => {
    const bin = tempDir();
    symlinkSync('/usr/bin/bandit', path.join(bin, 'my-bandit'));
    const run = await runBandit(tempRepo({ 'app.py': EVAL }), ['app.py'], {
      executable: path.join(bin, 'my-bandit'),
      env: { PATH: tempDir() },
    });
    expect(run).toMatchObject({ status: 'ok', path: path.join(bin, 'my-bandit'), version: '1.6.2' });
    expect(run.findings.map(brief)).toEqual(['app.py:3 B307']);
  });

  it('disabled: nothing runs', async () => {
    const run = await runBandit(tempRepo({}), ['app.py'], {
      disabled: true,
      executable: fake('bandit-hang'),
    });
    expect(run).toEqual({
      status: 'disabled',
      reason: 'bandit is disabled',
      durationMs: 0,
      findings: [],
      errors: [],
    });
  });

  it('passes json output, config, extra arguments, then -- and ./-prefixed files', async () => {
    const root = tempRepo({ 'a.py': '', '-x.py': '', '.bandit': '[bandit]\n' });
    const argsFile = path.join(tempDir(), 'args');
    const run = await runBandit(root, ['a.py', '-x.py'], {
      executable: fake('bandit-args'),
      configFile: '.bandit',
      extraArgs: ['-ll'],
      shards: 1,
      env: { FAKE_ARGS_FILE: argsFile },
    });
    expect(run.status).toBe('ok');
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      '-f',
      'json',
      '-q',
      '--ini',
      path.join(root, '.bandit'),
      '-ll',
      '--',
      './a.py',
      './-x.py',
    ]);
  });
});
