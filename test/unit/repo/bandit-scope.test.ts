/**
 * bandit is given only the files in which a test the checklist consults could fire (the words of
 * src/analysis/bandit/triggers.ts); the real bandit runs. The findings vouch looks at must be the
 * same as when every file goes to bandit, cold, warm and after a change.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { banditTestsConsulted } from '../../../src/cli/context.js';
import { banditConfigSections } from '../../../src/repo/bandit.js';
import { collectFacts, type CollectOptions } from '../../../src/repo/collect.js';
import type { Checklist, Item } from '../../../src/checklist/types.js';
import type { Facts } from '../../../src/repo/types.js';
import { gitRepo, ownCacheHome, tempDir } from './fixture.js';

const made: string[] = [];
ownCacheHome(made);

const TREE: Record<string, string> = {
  'app/shell.py': 'import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n',
  'app/digest.py': 'import hashlib\n\ndef tag(b):\n    return hashlib.md5(b).hexdigest()\n',
  'app/plain.py': 'def add(a, b):\n    return a + b\n',
  'app/checks.py': 'def half(n):\n    assert n % 2 == 0\n    return n // 2\n',
};
const CONSULTED = ['B602', 'B303', 'B324'];

function options(cache: boolean, tests: string[] | undefined, args: string[] = []): CollectOptions {
  return { bandit: { enabled: true, args, tests }, pipAudit: { enabled: false }, cache, toolVersion: 'test' };
}

/** The consulted findings, and how many files bandit was given. */
function seen(facts: Facts): { findings: string[]; sent: number } {
  expect(facts.bandit.status).toBe('ok');
  return {
    findings: facts.bandit.findings
      .filter((f) => CONSULTED.includes(f.rule))
      .map((f) => `${f.file}:${f.line}:${f.rule}`),
    sent: (facts.bandit.processes ?? []).reduce((n, p) => n + p.files, 0),
  };
}

describe('bandit is given the files where a consulted test can fire', () => {
  it('finds what bandit finds over every file, from fewer files, cold, warm and after a change', async () => {
    const root = gitRepo(TREE);
    made.push(root);
    const everything = seen(await collectFacts(root, options(false, undefined)));
    expect(everything.sent).toBe(4);
    expect(everything.findings.length).toBeGreaterThan(0);

    const cold = seen(await collectFacts(root, options(true, CONSULTED)));
    expect(cold.findings).toEqual(everything.findings);
    expect(cold.sent).toBe(2); // plain.py and checks.py hold no word of B602, B303, B324

    const warm = seen(await collectFacts(root, options(true, CONSULTED)));
    expect(warm).toEqual({ findings: everything.findings, sent: 0 });

    // A spared file gains a call a consulted test reports: it is sent, and found.
    writeFileSync(
      join(root, 'app/plain.py'),
      'import os\nimport subprocess\n\ndef go(c):\n    subprocess.Popen(c, shell=True)\n',
    );
    const changed = seen(await collectFacts(root, options(true, CONSULTED)));
    expect(changed.sent).toBe(1);
    expect(changed.findings).toContain('app/plain.py:5:B602');
    expect(changed.findings).toEqual(seen(await collectFacts(root, options(false, undefined))).findings);
  });

  const scoped: {
    name: string;
    tests: string[] | undefined;
    args?: string[];
    files?: Record<string, string>;
    sent: number;
  }[] = [
    { name: 'no list of tests: every file', tests: undefined, sent: 4 },
    { name: 'a test the table does not know: every file', tests: [...CONSULTED, 'B999'], sent: 4 },
    {
      name: 'a configuration passed in the arguments: every file',
      tests: CONSULTED,
      args: ['-c', 'ci/bandit.yml'],
      files: { 'ci/bandit.yml': 'skips: [B101]\n' },
      sent: 4,
    },
    { name: 'B605 alone: no file calls a shell function', tests: ['B605'], sent: 0 },
    {
      name: 'B605 with shell functions of the repository’s own configured: every file',
      tests: ['B605'],
      files: { 'pyproject.toml': '[tool.bandit.shell_injection]\nshell = ["add"]\n' },
      sent: 4,
    },
    {
      name: 'B602 with shell functions configured: only shell= matters, as before',
      tests: ['B602'],
      files: { 'pyproject.toml': '[tool.bandit.shell_injection]\nshell = ["add"]\n' },
      sent: 1,
    },
  ];
  it.each(scoped)('$name', async ({ tests, args, files, sent }) => {
    const root = gitRepo({ ...TREE, ...files });
    made.push(root);
    expect(seen(await collectFacts(root, options(false, tests, args))).sent).toBe(sent);
  });
});

describe('banditConfigSections', () => {
  const rows: { name: string; file: string | undefined; text?: string; expected: string[] | undefined }[] = [
    { name: 'no configuration', file: undefined, expected: [] },
    {
      name: 'an INI file holds no plugin settings',
      file: '.bandit',
      text: '[bandit]\nskips = B101\n',
      expected: [],
    },
    {
      name: 'YAML',
      file: 'bandit.yaml',
      text: 'skips: [B101]\nshell_injection:\n  shell: [run]\n',
      expected: ['skips', 'shell_injection'],
    },
    {
      name: 'pyproject.toml',
      file: 'pyproject.toml',
      text: '[tool.bandit]\nexclude_dirs = ["tests"]\n[tool.bandit.hardcoded_tmp_directory]\ntmp_dirs = ["/x"]\n',
      expected: ['exclude_dirs', 'hardcoded_tmp_directory'],
    },
    {
      name: 'pyproject.toml without [tool.bandit]',
      file: 'pyproject.toml',
      text: '[project]\nname = "x"\n',
      expected: [],
    },
    { name: 'YAML that does not parse', file: 'bandit.yaml', text: 'a: [unclosed\n', expected: undefined },
    { name: 'YAML that is not a mapping', file: 'bandit.yml', text: '- a\n- b\n', expected: undefined },
    { name: 'a file that is not there', file: 'bandit.yaml', expected: undefined },
  ];
  it.each(rows)('$name', ({ file, text, expected }) => {
    const root = tempDir();
    made.push(root);
    if (file !== undefined && text !== undefined) writeFileSync(join(root, file), text);
    expect(banditConfigSections(root, file)).toEqual(expected);
  });
});

describe('banditTestsConsulted', () => {
  const item = (checks: Item['checks'], applies_if?: Item['applies_if']): Item =>
    ({
      id: 'x',
      category: 'c',
      title: 't',
      question: 'q',
      severity: 'low',
      guidance: '',
      remediation: '',
      references: {},
      checks,
      applies_if,
    }) as Item;
  const check = (probe: string, w?: Record<string, unknown>): Item['checks'][number] => ({
    probe,
    ...(w === undefined ? {} : { with: w }),
    on_match: 'fail',
    on_none: 'pass',
    on_unavailable: 'skip',
  });
  const rows: { name: string; items: Item[]; expected: string[] | undefined }[] = [
    { name: 'no bandit checks', items: [item([check('python', { rules: ['py-eval'] })])], expected: [] },
    {
      name: 'tests of several checks, once each, in order',
      items: [
        item([check('bandit', { tests: ['B602', 'B102'] })]),
        item([check('bandit', { tests: ['B102', 'B301'] })]),
      ],
      expected: ['B102', 'B301', 'B602'],
    },
    {
      name: 'a condition on bandit',
      items: [item([check('python', {})], [{ probe: 'bandit', with: { tests: ['B201'] } }])],
      expected: ['B201'],
    },
    { name: 'a bandit call naming no tests', items: [item([check('bandit')])], expected: undefined },
  ];
  it.each(rows)('$name', ({ items, expected }) => {
    const checklist = {
      id: 'c',
      title: 't',
      version: '1',
      categories: [],
      items,
      sources: [],
      sha256: '',
    } as Checklist;
    expect(banditTestsConsulted(checklist)).toEqual(expected);
  });
});
