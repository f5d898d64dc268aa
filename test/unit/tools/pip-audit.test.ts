import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  parsePipAuditReport,
  pipAuditArgs,
  runPipAudit,
  type PipAuditReport,
} from '../../../src/repo/pip-audit.js';
import type { PipAuditRun } from '../../../src/repo/types.js';
import { alive, fake, tempDir, tempRepo } from './helpers.js';

// pip-audit needs the network (PyPI or OSV), which this machine lacks: the runs below use fake
// executables printing pip-audit's real JSON shape (pip_audit/_format/json.py).
const FLASK_179 = {
  name: 'flask',
  version: '0.5',
  id: 'PYSEC-2019-179',
  aliases: ['CVE-2019-1010083', 'GHSA-5wv5-4vpf-pj6m'],
  fixVersions: ['1.0'],
  description: 'The Pallets Project Flask before 1.0 is affected by: unexpected memory usage.',
};
const FLASK_66 = {
  name: 'flask',
  version: '0.5',
  id: 'PYSEC-2018-66',
  aliases: ['CVE-2018-1000656'],
  fixVersions: ['0.12.3'],
  description: 'Improper input validation in flask before 0.12.3.',
};
const JINJA = {
  name: 'jinja2',
  version: '2.10',
  id: 'GHSA-462w-v97r-4m45',
  aliases: ['CVE-2019-10906'],
  fixVersions: ['2.10.1'],
  description: undefined,
};

describe('runPipAudit', () => {
  const rows: { name: string; executable: string; expected: Partial<PipAuditRun>; reason?: RegExp }[] = [
    {
      name: 'vulnerabilities found (exit 1 with a report)',
      executable: 'pip-audit-vulnerable',
      expected: {
        status: 'ok',
        version: '2.7.3',
        vulnerabilities: [FLASK_66, FLASK_179, JINJA],
        dependenciesChecked: 3,
        errors: [
          {
            file: 'requirements.txt',
            message: 'mylib not audited: URL requirements cannot be pinned to a specific package version',
          },
        ],
      },
    },
    {
      name: 'nothing known (exit 0)',
      executable: 'pip-audit-clean',
      expected: { status: 'ok', vulnerabilities: [], dependenciesChecked: 2, errors: [] },
    },
    {
      name: 'pip-audit 1.x, which cannot audit without resolving: not run',
      executable: 'pip-audit-legacy',
      expected: { status: 'error', version: '1.1.2', vulnerabilities: [], dependenciesChecked: 0 },
      reason:
        /^pip-audit 1\.1\.2 cannot audit requirements without installing them; pip-audit 2\.2 or newer is needed$/,
    },
    {
      name: 'garbage on stdout',
      executable: 'pip-audit-garbage',
      expected: { status: 'error', vulnerabilities: [], dependenciesChecked: 0 },
      reason: /^pip-audit printed something that is not JSON \("Name Version ID Fix Versions/,
    },
    {
      name: 'an unpinned requirement (exit 1, no report)',
      executable: 'pip-audit-unpinned',
      expected: { status: 'error', vulnerabilities: [] },
      reason:
        /^pip-audit printed no report: ERROR:pip_audit._cli:requirement flask is not pinned: flask>=2.0$/,
    },
    {
      name: 'a crash with exit 2',
      executable: 'pip-audit-crash',
      expected: { status: 'error', vulnerabilities: [] },
      reason: /^pip-audit exited with code 2: requests.exceptions.ConnectionError: HTTPSConnectionPool/,
    },
  ];
  it.each(rows)('$name', async ({ executable, expected, reason }) => {
    const root = tempRepo({ 'requirements.txt': 'flask==0.5\n' });
    const run = await runPipAudit(root, ['requirements.txt'], { executable: fake(executable) });
    expect(run).toMatchObject({ ...expected, path: fake(executable) });
    if (reason) expect(run.reason).toMatch(reason);
    else expect(run.reason).toBeUndefined();
  });

  it('a hang: timeout, and the process group is killed', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const started = Date.now();
    const run = await runPipAudit(tempRepo({ 'requirements.txt': 'flask==0.5\n' }), ['requirements.txt'], {
      executable: fake('pip-audit-hang'),
      timeoutMs: 700,
      env: { FAKE_PID_FILE: pidFile },
    });
    expect(run).toMatchObject({
      status: 'timeout',
      reason: 'pip-audit did not finish within 1 s and was stopped',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('never lets pip install anything: --disable-pip --no-deps, files as ./paths', async () => {
    const root = tempRepo({ 'requirements.txt': '', 'requirements/dev.txt': '', '-odd.txt': '' });
    const argsFile = path.join(tempDir(), 'args');
    await runPipAudit(root, ['requirements.txt', 'requirements/dev.txt', '-odd.txt'], {
      executable: fake('pip-audit-vulnerable'),
      env: { FAKE_ARGS_FILE: argsFile },
    });
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      '-f',
      'json',
      '--progress-spinner',
      'off',
      '--disable-pip',
      '--no-deps',
      '-r',
      './requirements.txt',
      '-r',
      './requirements/dev.txt',
      '-r',
      './-odd.txt',
    ]);
  });

  it('missing from PATH', async () => {
    const run = await runPipAudit(tempRepo({}), ['requirements.txt'], { env: { PATH: tempDir() } });
    expect(run).toMatchObject({
      status: 'missing',
      reason: 'pip-audit not found on PATH',
      vulnerabilities: [],
    });
  });

  it('missing at the given path', async () => {
    const run = await runPipAudit(tempRepo({}), ['requirements.txt'], {
      executable: '/nonexistent/pip-audit',
    });
    expect(run).toMatchObject({ status: 'missing', reason: 'pip-audit not found at /nonexistent/pip-audit' });
  });

  it('found on PATH', async () => {
    const bin = tempDir();
    symlinkSync(fake('pip-audit-clean'), path.join(bin, 'pip-audit'));
    const run = await runPipAudit(tempRepo({ 'requirements.txt': '' }), ['requirements.txt'], {
      env: { PATH: bin },
    });
    expect(run).toMatchObject({ status: 'ok', path: path.join(bin, 'pip-audit'), dependenciesChecked: 2 });
  });

  it('disabled: nothing runs', async () => {
    const run = await runPipAudit(tempRepo({}), ['requirements.txt'], {
      disabled: true,
      executable: fake('pip-audit-hang'),
    });
    expect(run).toEqual({
      status: 'disabled',
      reason: 'pip-audit is disabled',
      durationMs: 0,
      errors: [],
      vulnerabilities: [],
      dependenciesChecked: 0,
    });
  });

  it('no requirements file: nothing to audit (never the environment vouch runs in)', async () => {
    const run = await runPipAudit(tempRepo({}), [], { executable: fake('pip-audit-crash') });
    expect(run).toMatchObject({
      status: 'ok',
      vulnerabilities: [],
      dependenciesChecked: 0,
      version: '2.7.3',
    });
  });
});

describe('parsePipAuditReport', () => {
  const rows: { name: string; stdout: string; expected: PipAuditReport | string }[] = [
    {
      name: '2.x object with fixes',
      stdout: JSON.stringify({
        dependencies: [
          {
            name: 'urllib3',
            version: '1.26.4',
            vulns: [
              {
                id: 'PYSEC-2021-108',
                fix_versions: ['1.26.5'],
                aliases: ['CVE-2021-33503'],
                description: 'ReDoS',
              },
            ],
          },
        ],
        fixes: [{ name: 'urllib3', old_version: '1.26.4', new_version: '1.26.5' }],
      }),
      expected: {
        vulnerabilities: [
          {
            name: 'urllib3',
            version: '1.26.4',
            id: 'PYSEC-2021-108',
            aliases: ['CVE-2021-33503'],
            fixVersions: ['1.26.5'],
            description: 'ReDoS',
          },
        ],
        dependenciesChecked: 1,
        skipped: [],
      },
    },
    {
      name: 'without descriptions (--desc off) nor aliases',
      stdout: '[{"name": "a", "version": "1", "vulns": [{"id": "X-1", "fix_versions": []}]}]',
      expected: {
        vulnerabilities: [
          { name: 'a', version: '1', id: 'X-1', aliases: [], fixVersions: [], description: undefined },
        ],
        dependenciesChecked: 1,
        skipped: [],
      },
    },
    {
      name: 'skipped dependencies are not counted as checked',
      stdout:
        '{"dependencies": [{"name": "local", "skip_reason": "editable"}, {"name": "b", "version": "2", "vulns": []}], "fixes": []}',
      expected: {
        vulnerabilities: [],
        dependenciesChecked: 1,
        skipped: [{ name: 'local', reason: 'editable' }],
      },
    },
    {
      name: 'a summary line before the JSON',
      stdout:
        'Found 1 known vulnerability in 1 package\n{"dependencies": [{"name": "a", "version": "1", "vulns": [{"id": "X-1", "fix_versions": ["2"]}]}], "fixes": []}\n',
      expected: {
        vulnerabilities: [
          { name: 'a', version: '1', id: 'X-1', aliases: [], fixVersions: ['2'], description: undefined },
        ],
        dependenciesChecked: 1,
        skipped: [],
      },
    },
    {
      name: 'malformed entries are skipped',
      stdout:
        '{"dependencies": [null, {"version": "1"}, {"name": "a", "version": "1", "vulns": [{"fix_versions": ["2"]}, 3]}]}',
      expected: { vulnerabilities: [], dependenciesChecked: 1, skipped: [] },
    },
    { name: 'empty', stdout: '', expected: 'pip-audit printed no report' },
    {
      name: 'an object without dependencies',
      stdout: '{"fixes": []}',
      expected: 'pip-audit printed JSON without a dependency list',
    },
    {
      name: 'columns format',
      stdout: 'No known vulnerabilities found\n',
      expected: 'pip-audit printed something that is not JSON ("No known vulnerabilities found")',
    },
  ];
  it.each(rows)('$name', ({ stdout, expected }) => {
    expect(parsePipAuditReport(stdout)).toEqual(expected);
  });
});

describe('pipAuditArgs', () => {
  const rows: { version: string | undefined; flags: string[] }[] = [
    { version: '2.7.3', flags: ['--disable-pip', '--no-deps'] },
    { version: '2.5.0', flags: ['--disable-pip', '--no-deps'] },
    { version: '2.10.0', flags: ['--disable-pip', '--no-deps'] },
    // 2.2–2.4 resolve without pip; --no-deps alone skips resolution.
    { version: '2.4.14', flags: ['--no-deps'] },
    { version: '2.2.0', flags: ['--no-deps'] },
    { version: undefined, flags: ['--disable-pip', '--no-deps'] },
  ];
  it.each(rows)('pip-audit $version', ({ version, flags }) => {
    const args = pipAuditArgs(['requirements.txt'], version);
    expect(args.filter((a) => a === '--disable-pip' || a === '--no-deps')).toEqual(flags);
    expect(args.slice(-2)).toEqual(['-r', './requirements.txt']);
  });

  it('puts an absolute path as it is', () => {
    expect(pipAuditArgs(['/tmp/req.txt']).slice(-2)).toEqual(['-r', '/tmp/req.txt']);
  });
});

describe('compareVersions', () => {
  const rows: { a: string; b: string; expected: number }[] = [
    { a: '2.5', b: '2.5.0', expected: 0 },
    { a: '2.10.0', b: '2.9.9', expected: 1 },
    { a: '2.4.14', b: '2.5', expected: -1 },
    { a: '1.1.2', b: '2.2', expected: -1 },
    { a: '3.0.0rc1', b: '2.9', expected: 1 },
  ];
  it.each(rows)('$a vs $b', ({ a, b, expected }) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
