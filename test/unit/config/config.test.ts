import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { UsageError } from '../../../src/errors.js';

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
    expect(c).toMatchObject({ checklists: [], disable: {}, exclude: [], countNonCode: false, bandit: { enabled: true, args: [] } });
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
      repo({ '.vouch.yaml': 'checklists: [ours.yaml]\ndisable:\n  - id: security-headers\n    reason: API only\noutput: reports/\n' }),
    );
    expect(c).toMatchObject({ file: '.vouch.yaml', checklists: ['ours.yaml'], disable: { 'security-headers': 'API only' }, output: 'reports/' });
  });

  const bad: [string, Record<string, string>, string][] = [
    ['unknown key in pyproject', { 'pyproject.toml': '[tool.vouch]\nfail_on = "fail"\ncolour = "red"\n' }, 'pyproject.toml:3: [tool.vouch] unknown key "colour"'],
    ['bad fail_on in pyproject', { 'pyproject.toml': '[project]\nname="x"\n[tool.vouch]\nfail_on = "sometimes"\n' }, 'pyproject.toml:4: [tool.vouch] fail_on must be one of: fail, review, unanswered, none'],
    ['bad TOML', { 'pyproject.toml': '[tool.vouch]\nfail_on = \n' }, 'pyproject.toml:2:'],
    ['disable without reason', { '.vouch.yaml': 'disable:\n  - id: x\n' }, '.vouch.yaml:2:5:'],
    ['bad YAML', { '.vouch.yaml': 'exclude: [a\n' }, '.vouch.yaml:2:1:'],
    ['wrong type', { '.vouch.yaml': 'exclude: legacy\n' }, '.vouch.yaml:1:10: exclude must be array'],
    ['both files', { '.vouch.yaml': 'exclude: []\n', 'pyproject.toml': '[tool.vouch]\n' }, '.vouch.yaml:1: vouch settings are in both'],
  ];
  it.each(bad)('%s is a one-line error with FILE:LINE', (_name, files, expected) => {
    expect(errorOf(files)).toContain(expected);
  });

  it('ignores a pyproject.toml without [tool.vouch]', () => {
    expect(loadConfig(repo({ 'pyproject.toml': '[tool.bandit]\nskips = ["B101"]\n' })).file).toBeUndefined();
  });
});
