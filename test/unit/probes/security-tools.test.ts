import { afterAll, describe, expect, test } from 'vitest';
import { collectFacts } from '../../../src/repo/collect.js';
import { securityToolsProbe, type SecurityToolsParams } from '../../../src/probes/security-tools.js';
import { cleanup, gitRepo } from '../repo/fixture.js';
import { makeFacts, manifest } from './facts.js';

const WF = '.github/workflows/ci.yml';
const workflow = (steps: string): string =>
  `on: [push]\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}\n`;
const BANDIT = { tools: ['bandit', 'ruff-bandit', 'flake8-bandit'] };

interface Row {
  name: string;
  files: Record<string, string>;
  dev?: string[];
  params: SecurityToolsParams;
  /** `rule file:line: message` of each finding. */
  expected: string[];
}

const rows: Row[] = [
  {
    name: 'bandit run in CI is a run',
    files: { [WF]: workflow('      - run: bandit -r src') },
    params: { ...BANDIT, level: 'run' },
    expected: [`bandit ${WF}:7: Bandit runs (CI: runs bandit) at ${WF}:7`],
  },
  {
    name: 'bandit a dev dependency only: declared but no run found',
    files: {},
    dev: ['bandit>=1.7'],
    params: { ...BANDIT, level: 'declared' },
    expected: [
      'bandit requirements-dev.txt:1: Bandit is declared but no run found (dev dependency at requirements-dev.txt:1)',
    ],
  },
  {
    name: 'near miss: declared level is silent once bandit runs',
    files: { [WF]: workflow('      - run: bandit -r src') },
    dev: ['bandit'],
    params: { ...BANDIT, level: 'declared' },
    expected: [],
  },
  {
    name: 'a bundling scanner is weaker evidence for bandit',
    files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
    params: { ...BANDIT, level: 'declared' },
    expected: [
      `bandit ${WF}:7: Bandit runs only inside ShiftLeft Scan (${WF}:7), not configured for this code explicitly`,
    ],
  },
  {
    name: 'near miss: a bundling scanner is never a run of bandit',
    files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
    params: { ...BANDIT, level: 'run' },
    expected: [],
  },
  {
    name: 'but it is a SAST run in CI',
    files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
    params: { covers: ['sast', 'dependencies', 'secrets', 'dast'], level: 'run', where: 'ci' },
    expected: [
      `shiftleft-scan ${WF}:7: ShiftLeft Scan runs (CI: uses shiftleftsecurity/scan-action) at ${WF}:7`,
    ],
  },
  {
    name: 'a pre-commit hook is a run, but not in CI',
    files: {
      '.pre-commit-config.yaml':
        'repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.21.2\n    hooks:\n      - id: gitleaks\n',
    },
    params: { covers: ['secrets'], level: 'declared', where: 'ci' },
    expected: [
      'gitleaks .pre-commit-config.yaml:5: Gitleaks runs in pre-commit hook gitleaks (.pre-commit-config.yaml:5), but no CI job was seen running it',
    ],
  },
  {
    name: 'a tox env CI runs is a CI run, with the CI line',
    files: {
      [WF]: workflow('      - run: tox -e audit'),
      'tox.ini': '[testenv:audit]\ncommands = pip-audit -r requirements.txt\n',
    },
    params: { covers: ['dependencies'], level: 'run', where: 'ci' },
    expected: [
      `pip-audit tox.ini:2: pip-audit runs (tox env audit: runs pip-audit, run by CI at ${WF}:7) at tox.ini:2`,
    ],
  },
  {
    name: 'a make recipe nothing calls is declared only',
    files: { Makefile: 'audit:\n\tpip-audit\n' },
    params: { covers: ['dependencies'], level: 'declared' },
    expected: [
      'pip-audit Makefile:2: pip-audit is in make recipe audit: runs pip-audit (Makefile:2), but no CI job was seen calling it: declared but no run found',
    ],
  },
  {
    name: 'any: every sign, so that silence can fail',
    files: { [WF]: workflow('      - run: pytest'), '.github/dependabot.yml': 'version: 2\n' },
    params: { covers: ['dependencies'], level: 'any' },
    expected: [
      'dependabot .github/dependabot.yml:1: Dependabot is declared but no run found (configuration file at .github/dependabot.yml:1); its security alerts and updates are repository settings a checkout cannot show',
    ],
  },
  {
    name: 'near miss: a coverage upload and a secrets reference are no scanner',
    files: {
      [WF]: workflow(
        '      - uses: codecov/codecov-action@v4\n        with:\n          token: ${{ secrets.CODECOV_TOKEN }}',
      ),
    },
    params: { covers: ['sast', 'dependencies', 'secrets', 'dast'], level: 'any' },
    expected: [],
  },
];

describe('security-tools probe', () => {
  test.each(rows)('$name', ({ files, dev, params, expected }) => {
    const manifests = dev === undefined ? [] : [{ ...manifest('requirements-dev.txt', 'requirements', dev) }];
    for (const m of manifests) for (const d of m.dependencies) d.group = 'dev';
    const result = securityToolsProbe.run(makeFacts({ files, manifests }), params);
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => `${f.rule} ${f.file}:${f.line}: ${f.message}`)).toEqual(expected);
  });

  test.each([
    { params: { tools: ['bandit'] }, errors: [] },
    { params: { tools: ['depscan'] }, errors: [] },
    { params: { tools: ['bandid'] }, errors: ['unknown security tool "bandid"'] },
  ])('validates tool ids: $params.tools', ({ params, errors }) => {
    expect(securityToolsProbe.validate?.(params)).toEqual(errors);
  });
});

describe('security-tools probe on a collected repository', () => {
  const roots: string[] = [];
  afterAll(() => cleanup(...roots));

  test('a hook run by CI through pre-commit, a dev dependency, and comments that run nothing', async () => {
    const root = gitRepo({
      '.github/workflows/lint.yml': workflow(
        '      # - run: pip-audit\n      - run: |\n          pip install pre-commit\n          pre-commit run --all-files',
      ),
      '.pre-commit-config.yaml':
        'repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.8.0\n    hooks:\n      - id: bandit\n        args: ["-c", "pyproject.toml"]\n',
      'requirements.txt': 'flask==3.0.3\n',
      'requirements-dev.txt': 'pip-audit\n',
      'app.py': 'print("hi")\n',
    });
    roots.push(root);
    const facts = await collectFacts(root, {
      bandit: { enabled: false, args: [] },
      pipAudit: { enabled: false },
      cache: false,
      toolVersion: 'test',
    });
    const bandit = securityToolsProbe.run(facts, { tools: ['bandit'], level: 'run', where: 'ci' });
    expect(bandit.findings.map((f) => `${f.file}:${f.line} ${f.context}`)).toEqual([
      '.pre-commit-config.yaml:5 code',
    ]);
    const deps = securityToolsProbe.run(facts, { covers: ['dependencies'], level: 'run' });
    expect(deps.findings).toEqual([]);
    const declared = securityToolsProbe.run(facts, { covers: ['dependencies'], level: 'declared' });
    expect(declared.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['requirements-dev.txt:1']);
  });
});
