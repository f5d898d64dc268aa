import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainStderr, pythonToolEnv, runTool } from '../../../src/repo/exec/run-tool.js';
import { chunkArguments, mapPool, planShards, type SizedFile } from '../../../src/repo/exec/shards.js';
import { safeSearchPath } from '../../../src/repo/exec/search-path.js';
import { alive, fake, tempDir } from './helpers.js';

const sized = (sizes: number[]): SizedFile[] => sizes.map((size, i) => ({ path: `f${i}`, size }));
const totals = (shards: string[][], files: SizedFile[]): number[] =>
  shards.map((s) => s.reduce((n, p) => n + (files.find((f) => f.path === p)?.size ?? 0), 0));

describe('planShards', () => {
  const rows: { name: string; sizes: number[]; count: number; expected: string[][] }[] = [
    { name: 'no files', sizes: [], count: 4, expected: [] },
    { name: 'one shard keeps order', sizes: [1, 9, 5], count: 1, expected: [['f0', 'f1', 'f2']] },
    { name: 'fewer files than shards', sizes: [3, 1], count: 8, expected: [['f0'], ['f1']] },
    // 9 | 5, then 4 joins 5, then the 1s go one each: 10 | 10 (input order kept inside a shard).
    {
      name: 'largest first, into the lightest',
      sizes: [1, 9, 5, 4, 1],
      count: 2,
      expected: [
        ['f0', 'f1'],
        ['f2', 'f3', 'f4'],
      ],
    },
    {
      name: 'equal sizes alternate',
      sizes: [2, 2, 2, 2],
      count: 2,
      expected: [
        ['f0', 'f2'],
        ['f1', 'f3'],
      ],
    },
    { name: 'zero or NaN count means one shard', sizes: [1, 2], count: Number.NaN, expected: [['f0', 'f1']] },
    { name: 'a count below one means one shard', sizes: [1, 2], count: 0, expected: [['f0', 'f1']] },
  ];
  it.each(rows)('$name', ({ sizes, count, expected }) => {
    expect(planShards(sized(sizes), count)).toEqual(expected);
  });

  it('keeps every file exactly once and balances a skewed tree within 4/3 of the ideal', () => {
    const sizes = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 997) * ((i % 13) + 1));
    const files = sized(sizes);
    for (const count of [2, 3, 7]) {
      const shards = planShards(files, count);
      expect(shards.flat().sort()).toEqual(files.map((f) => f.path).sort());
      const sums = totals(shards, files);
      const ideal = sizes.reduce((a, b) => a + b, 0) / count;
      expect(Math.max(...sums)).toBeLessThanOrEqual(Math.ceil(ideal * (4 / 3)));
    }
  });
});

describe('chunkArguments', () => {
  const rows: { name: string; args: string[]; budget: number; expected: string[][] }[] = [
    { name: 'nothing', args: [], budget: 10, expected: [] },
    { name: 'all fit', args: ['ab', 'cd'], budget: 6, expected: [['ab', 'cd']] },
    { name: 'split at the budget', args: ['ab', 'cd', 'ef'], budget: 6, expected: [['ab', 'cd'], ['ef']] },
    {
      name: 'an oversized argument alone',
      args: ['a', 'xxxxxxxx', 'b'],
      budget: 4,
      expected: [['a'], ['xxxxxxxx'], ['b']],
    },
    { name: 'bytes, not characters', args: ['éé', 'a'], budget: 6, expected: [['éé'], ['a']] },
  ];
  it.each(rows)('$name', ({ args, budget, expected }) => {
    expect(chunkArguments(args, budget)).toEqual(expected);
  });

  it('keeps a 200 000-file list under the default budget, in order', () => {
    const args = Array.from({ length: 200_000 }, (_, i) => `./pkg/module_${i}.py`);
    const chunks = chunkArguments(args);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(args);
    for (const chunk of chunks)
      expect(chunk.reduce((n, a) => n + a.length + 1, 0)).toBeLessThanOrEqual(120_000);
  });
});

describe('mapPool', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([30, 10, 20, 5, 15], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });
});

describe('runTool', () => {
  it('returns exit code, stdout and stderr without rejecting on exit 1', async () => {
    const outcome = await runTool(fake('pip-audit-vulnerable'), [], { cwd: tempDir(), timeoutMs: 10_000 });
    expect(outcome.kind).toBe('exited');
    if (outcome.kind !== 'exited') return;
    expect(outcome.exitCode).toBe(1);
    expect(JSON.parse(outcome.stdout)).toHaveProperty('dependencies');
    expect(outcome.stderr).toContain('Found 3 known vulnerabilities');
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'pid');
    const started = Date.now();
    const outcome = await runTool(fake('bandit-hang'), [], {
      cwd: dir,
      timeoutMs: 500,
      env: { FAKE_PID_FILE: pidFile },
    });
    expect(outcome.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(sleeper)).toBe(false);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const outcome = await runTool(fake('bandit-hang'), [], {
      cwd: tempDir(),
      timeoutMs: 30_000,
      signal: controller.signal,
    });
    expect(outcome.kind).toBe('aborted');
  });

  it('reports a death by signal', async () => {
    const outcome = await runTool(fake('bandit-signal'), [], { cwd: tempDir(), timeoutMs: 10_000 });
    expect(outcome).toMatchObject({ kind: 'signalled', signal: 'SIGSEGV' });
  });

  it('reports a program that cannot start', async () => {
    const outcome = await runTool('/nonexistent/bandit', [], { cwd: tempDir(), timeoutMs: 10_000 });
    expect(outcome.kind).toBe('spawn-failed');
  });

  it('passes arguments as they are, without a shell', async () => {
    const dir = tempDir();
    const argsFile = path.join(dir, 'args');
    const tricky = ['$(touch pwned)', 'a b', '; rm -rf /', '*.py', '--'];
    await runTool(fake('bandit-args'), tricky, {
      cwd: dir,
      timeoutMs: 10_000,
      env: { FAKE_ARGS_FILE: argsFile },
    });
    expect(readFileSync(argsFile, 'utf8').split('\n').slice(0, -1)).toEqual(tricky);
  });
});

describe('explainStderr', () => {
  const rows: { stderr: string; expected: string }[] = [
    { stderr: '', expected: '' },
    {
      stderr:
        'Traceback (most recent call last):\n  File "x", line 1\nModuleNotFoundError: No module named \'yaml\'\n',
      expected: "ModuleNotFoundError: No module named 'yaml'",
    },
    {
      stderr: '[main]\tERROR\tpyproject.toml : Error parsing file.\n\n',
      expected: '[main] ERROR pyproject.toml : Error parsing file.',
    },
    { stderr: 'bad thing\n1790 [0.. 50.. 100.. ]\n', expected: 'bad thing' },
    { stderr: '\u001B[31mred error\u001B[0m\n', expected: 'red error' },
    { stderr: `${'x'.repeat(300)}\n`, expected: `${'x'.repeat(199)}…` },
  ];
  it.each(rows)('$stderr', ({ stderr, expected }) => {
    expect(explainStderr(stderr)).toBe(expected);
  });
});

describe('pythonToolEnv', () => {
  const rows: { pythonPath: string | undefined; expected: string | undefined }[] = [
    { pythonPath: undefined, expected: undefined },
    { pythonPath: '', expected: undefined },
    { pythonPath: ['.', '', 'src'].join(path.delimiter), expected: undefined },
    {
      pythonPath: ['/opt/tools/lib', '.', '/srv/lib'].join(path.delimiter),
      expected: ['/opt/tools/lib', '/srv/lib'].join(path.delimiter),
    },
  ];
  it.each(rows)('PYTHONPATH=$pythonPath', ({ pythonPath, expected }) => {
    const env = pythonToolEnv({ PATH: '/usr/bin', PYTHONPATH: pythonPath });
    expect(env.PYTHONPATH).toBe(expected);
    expect(env.PATH).toBe('/usr/bin');
    expect(env.PYTHONSAFEPATH).toBe('1');
  });
});

describe('pythonToolEnv drops PYTHONPATH entries in the audited repository', () => {
  const root = tempDir();
  const rows: { name: string; pythonPath: string; expected: string | undefined }[] = [
    { name: 'the repository itself', pythonPath: root, expected: undefined },
    { name: 'the repository with a trailing slash', pythonPath: `${root}/`, expected: undefined },
    { name: 'a folder inside it', pythonPath: path.join(root, 'src'), expected: undefined },
    {
      name: 'a path that climbs back into it',
      pythonPath: path.join(root, '..', path.basename(root), 'lib'),
      expected: undefined,
    },
    { name: 'a sibling whose name starts the same', pythonPath: `${root}-other`, expected: `${root}-other` },
    {
      name: 'elsewhere, kept beside a dropped one',
      pythonPath: ['/opt/tools/lib', root].join(path.delimiter),
      expected: '/opt/tools/lib',
    },
  ];
  it.each(rows)('$name', ({ pythonPath, expected }) => {
    expect(pythonToolEnv({ PATH: '/usr/bin', PYTHONPATH: pythonPath }, root).PYTHONPATH).toBe(expected);
  });
});

describe('safeSearchPath', () => {
  const rows: { path: string | undefined; expected: string }[] = [
    { path: undefined, expected: '' },
    { path: '/usr/local/bin:/usr/bin', expected: '/usr/local/bin:/usr/bin' },
    { path: ':/usr/bin', expected: '/usr/bin' },
    { path: '/usr/bin:', expected: '/usr/bin' },
    { path: '.:bin:./x:/usr/bin', expected: '/usr/bin' },
    { path: '/a::/b', expected: '/a:/b' },
  ];
  it.each(rows)('PATH=$path', ({ path: searchPath, expected }) => {
    expect(safeSearchPath({ PATH: searchPath })).toBe(expected);
  });
});
