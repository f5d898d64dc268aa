import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disallowedBanditArg, loadConfig, staysInside } from '../../../src/config/config.js';
import { UsageError } from '../../../src/errors.js';
import { bounded } from '../property/arbitraries.js';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vouch-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}
function errorOf(files: Record<string, string>): string {
  try {
    loadConfig(repo(files));
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('loadConfig', () => {
  it('defaults without settings', () => {
    const c = loadConfig(repo({}));
    expect(c).toMatchObject({
      checklists: [],
      disable: {},
      exclude: [],
      countNonCode: false,
      bandit: { enabled: true, args: [] },
    });
    expect(c.file).toBeUndefined();
  });

  it('reads [tool.vouch] from pyproject.toml', () => {
    const c = loadConfig(
      repo({
        'pyproject.toml': `[project]\nname = "x"\n\n[tool.vouch]\nfail_on = "review"\nformat = "md,sarif"\nexclude = ["legacy/"]\ncount_non_code = true\nmax_age_days = 90\n\n[tool.vouch.disable]\nrate-limiting = "internal service behind the gateway"\n\n[tool.vouch.bandit]\nargs = ["-s", "B101"]\ntimeout = 120\n`,
      }),
    );
    expect(c).toMatchObject({
      file: 'pyproject.toml',
      failOn: 'review',
      format: ['md', 'sarif'],
      exclude: ['legacy/'],
      countNonCode: true,
      maxAgeDays: 90,
      disable: { 'rate-limiting': 'internal service behind the gateway' },
      bandit: { args: ['-s', 'B101'], timeout: 120, enabled: true },
    });
  });

  it('reads .vouch.yaml, with disable as a list', () => {
    const c = loadConfig(
      repo({
        '.vouch.yaml':
          'checklists: [ours.yaml]\ndisable:\n  - id: security-headers\n    reason: API only\noutput: reports/\nosv_db: /var/cache/osv/all.zip\n',
      }),
    );
    expect(c).toMatchObject({
      file: '.vouch.yaml',
      checklists: ['ours.yaml'],
      disable: { 'security-headers': 'API only' },
      output: 'reports/',
      osvDb: '/var/cache/osv/all.zip',
    });
  });

  const bad: [string, Record<string, string>, string][] = [
    [
      'unknown key in pyproject',
      { 'pyproject.toml': '[tool.vouch]\nfail_on = "fail"\ncolour = "red"\n' },
      'pyproject.toml:3:1: [tool.vouch] unknown key "colour"',
    ],
    [
      'bad fail_on in pyproject',
      { 'pyproject.toml': '[project]\nname="x"\n[tool.vouch]\nfail_on = "sometimes"\n' },
      'pyproject.toml:4:1: [tool.vouch] fail_on must be one of: fail, stale, review, unanswered, none',
    ],
    ['bad TOML', { 'pyproject.toml': '[tool.vouch]\nfail_on = \n' }, 'pyproject.toml:2:'],
    ['disable without reason', { '.vouch.yaml': 'disable:\n  - id: x\n' }, '.vouch.yaml:2:5:'],
    ['bad YAML', { '.vouch.yaml': 'exclude: [a\n' }, '.vouch.yaml:2:1:'],
    ['wrong type', { '.vouch.yaml': 'exclude: legacy\n' }, '.vouch.yaml:1:10: exclude must be array'],
    [
      'both files',
      { '.vouch.yaml': 'exclude: []\n', 'pyproject.toml': '[tool.vouch]\n' },
      '.vouch.yaml:1: vouch settings are in both',
    ],
    // These two crashed the reader (a stack overflow: RangeError, or a fatal V8 error on the next read).
    [
      'nested deeper than vouch reads',
      { '.vouch.yaml': `exclude: ${'['.repeat(3000)}${']'.repeat(3000)}\n` },
      '.vouch.yaml:1:73: nested deeper than 64 levels',
    ],
    [
      'a line nested thousands of times',
      { '.vouch.yaml': `${': '.repeat(3131)}]` },
      '.vouch.yaml:1:1: nested deeper than 64 levels',
    ],
  ];
  it.each(bad)('%s is a one-line error with FILE:LINE', (_name, files, expected) => {
    expect(errorOf(files)).toContain(expected);
  });

  it('finds [tool.vouch] after a million blank lines in linear time', () => {
    // `^\s*\[tool\.vouch` across lines was quadratic: hours for a megabyte of newlines.
    const files = { 'pyproject.toml': `${'\n'.repeat(2 ** 20)}[tool.vouch]\nfail_on = "never"\n` };
    expect(bounded(() => errorOf(files))).toContain(
      `pyproject.toml:${2 ** 20 + 2}:1: [tool.vouch] fail_on must be one of`,
    );
  });

  it('ignores a pyproject.toml without [tool.vouch]', () => {
    expect(loadConfig(repo({ 'pyproject.toml': '[tool.bandit]\nskips = ["B101"]\n' })).file).toBeUndefined();
  });
});

describe('settings the audited repository may not give', () => {
  const bandit: { args: string[]; allowed: boolean }[] = [
    { args: [], allowed: true },
    { args: ['-s', 'B101,B311'], allowed: true },
    { args: ['--skip', 'B101', '-t', 'B602'], allowed: true },
    { args: ['--skip=B101', '--tests=B602'], allowed: true },
    { args: ['-sB101'], allowed: true },
    { args: ['-ll', '-iii', '--ignore-nosec'], allowed: true },
    { args: ['-p', 'ShellInjection', '-x', 'tests/', '-n', '3', '-a', 'file'], allowed: true },
    { args: ['--severity-level', 'high', '--confidence-level=medium'], allowed: true },
    { args: ['-o', '/tmp/x'], allowed: false },
    { args: ['--output=/tmp/x'], allowed: false },
    { args: ['--out=/tmp/x'], allowed: false },
    { args: ['-f', 'custom'], allowed: false },
    { args: ['--msg-template', '{msg}'], allowed: false },
    { args: ['-c', '/etc/bandit.yaml'], allowed: false },
    { args: ['--ini', '.bandit'], allowed: false },
    { args: ['-b', 'baseline.json'], allowed: false },
    { args: ['-r'], allowed: false },
    { args: ['/etc/passwd'], allowed: false },
    { args: ['-s'], allowed: false },
    { args: ['-s', '-o'], allowed: false },
    { args: ['-lo', 'x'], allowed: false },
    { args: ['--skip', 'B101', '-d'], allowed: false },
  ];
  it.each(bandit)('bandit args $args: allowed $allowed', ({ args, allowed }) => {
    expect(disallowedBanditArg(args) === undefined).toBe(allowed);
  });

  const inside: { rel: string; expected: boolean }[] = [
    { rel: 'reports/', expected: true },
    { rel: 'reports/security.md', expected: true },
    { rel: './a/../reports/', expected: true },
    { rel: '', expected: false },
    { rel: '..', expected: false },
    { rel: '../x.md', expected: false },
    { rel: 'a/../../x.md', expected: false },
    { rel: '/tmp/x.md', expected: false },
    { rel: '.git/config', expected: false },
    { rel: 'sub/.GIT/hooks/', expected: false },
    { rel: 'out/inside/x.md', expected: true },
    { rel: 'link-in/x.md', expected: true },
    { rel: 'escape/x.md', expected: false },
    { rel: 'escape', expected: false },
    { rel: 'dangling/x.md', expected: false },
  ];
  it.each(inside)('staysInside($rel) is $expected', ({ rel, expected }) => {
    const root = repo({});
    const outside = mkdtempSync(join(tmpdir(), 'vouch-outside-'));
    mkdirSync(join(root, 'out'));
    symlinkSync(join(root, 'out'), join(root, 'link-in'));
    symlinkSync(outside, join(root, 'escape'));
    symlinkSync(join(outside, 'nothing'), join(root, 'dangling'));
    expect(staysInside(root, rel)).toBe(expected);
  });

  const refused: [string, Record<string, string>, string][] = [
    [
      'bandit -o in pyproject',
      { 'pyproject.toml': '[tool.vouch.bandit]\nargs = ["-o", "/tmp/x"]\n' },
      'pyproject.toml:2:1: [tool.vouch] bandit.args: "-o" is not allowed',
    ],
    [
      'bandit -o in .vouch.yaml',
      { '.vouch.yaml': 'bandit:\n  args:\n    - -s\n    - B101\n    - --format=custom\n' },
      '.vouch.yaml:5:7: bandit.args: "--format=custom" is not allowed',
    ],
    [
      'bandit path /bin/sh',
      { 'pyproject.toml': '[tool.vouch]\n[tool.vouch.bandit]\npath = "/bin/sh"\n' },
      'pyproject.toml:3:1: [tool.vouch] bandit.path must be an absolute path outside the repository',
    ],
    [
      'bandit path relative',
      { '.vouch.yaml': 'bandit: {path: tools/bandit}\n' },
      '.vouch.yaml:1:16: bandit.path must be an absolute path outside the repository',
    ],
    [
      'bandit path inside the repository',
      { '.vouch.yaml': 'bandit: {path: ROOT/bandit}\n' },
      '.vouch.yaml:1:16: bandit.path must be',
    ],
    [
      'output above the repository',
      { '.vouch.yaml': 'output: ../reports/\n' },
      '.vouch.yaml:1:9: output must be a path inside the repository',
    ],
    [
      'output absolute',
      { 'pyproject.toml': '[tool.vouch]\nformat = "md"\noutput = "/tmp/x.md"\n' },
      'pyproject.toml:3:1: [tool.vouch] output must be a path inside the repository',
    ],
    [
      'output into .git',
      { '.vouch.yaml': 'output: .git/hooks/pre-commit.md\n' },
      '.vouch.yaml:1:9: output must be a path inside the repository',
    ],
    [
      'output naming a source file',
      { '.vouch.yaml': 'output: setup.py\n' },
      '.vouch.yaml:1:9: output must be a path inside the repository: a folder ending in "/" or a report file',
    ],
    [
      'checklist above the repository',
      { '.vouch.yaml': 'checklists: [ok.yaml, ../x.yaml]\n' },
      '.vouch.yaml:1:23: checklists[1] must be a path inside the repository',
    ],
    [
      'checklist absolute',
      { 'pyproject.toml': '[tool.vouch]\nchecklists = ["/etc/passwd"]\n' },
      'pyproject.toml:2:1: [tool.vouch] checklists[0] must be a path inside the repository',
    ],
  ];
  it.each(refused)('%s is a one-line error with FILE:LINE:COL', (_name, files, expected) => {
    const root = repo({});
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(root, name), text.replaceAll('ROOT', root));
    let message = 'no error';
    try {
      loadConfig(root);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      message = error.message;
    }
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  const accepted: [string, Record<string, string>][] = [
    [
      'bandit at an absolute path elsewhere',
      {
        'pyproject.toml': '[tool.vouch.bandit]\npath = "/opt/tools/bin/bandit"\nargs = ["--skip", "B101"]\n',
      },
    ],
    [
      'output folder and report file inside',
      { '.vouch.yaml': 'output: reports/\nchecklists: [security/ours.yaml]\n' },
    ],
    ['output as one report file', { '.vouch.yaml': 'output: security-report.sarif\n' }],
  ];
  it.each(accepted)('%s is accepted', (_name, files) => {
    expect(() => loadConfig(repo(files))).not.toThrow();
  });
});
