import { describe, expect, test } from 'vitest';
import { SECURITY_TOOLS, securityTool } from '../../../../src/analysis/tools/index.js';
import type { DeclaredDependency } from '../../../../src/analysis/tools/match.js';
import { dependency, evidence, preCommit, summary, WF, workflow } from './helpers.js';

interface Row {
  name: string;
  files: Record<string, string>;
  deps?: DeclaredDependency[];
  /** `kind[ via bundler][ ci] file:line` of the tool's evidence. */
  expected: string[];
}

// One table per tool: the shapes real repositories use, and the near misses that must not count.
const TABLES: Record<string, Row[]> = {
  bandit: [
    {
      name: 'a run step',
      files: { [WF]: workflow('      - run: bandit -r src -ll') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'through pipx and python -m',
      files: { [WF]: workflow('      - run: pipx run bandit -r src\n      - run: python -m bandit -r .') },
      expected: [`run ci ${WF}:7`, `run ci ${WF}:8`],
    },
    {
      name: 'the PyCQA action',
      files: { [WF]: workflow('      - uses: PyCQA/bandit-action@v1') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the pre-commit hook',
      files: { '.pre-commit-config.yaml': preCommit('https://github.com/PyCQA/bandit', 'bandit') },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'declared: [tool.bandit] and a dev dependency',
      files: { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.bandit]\nexclude_dirs = ["tests"]\n' },
      deps: [dependency('bandit')],
      expected: ['declared pyproject.toml:4', 'declared requirements-dev.txt:1'],
    },
    {
      name: 'declared: a .bandit file',
      files: { '.bandit': '[bandit]\nexclude = tests\n' },
      expected: ['declared .bandit:1'],
    },
    {
      name: 'near miss: installing is not running',
      files: { [WF]: workflow('      - run: pip install bandit') },
      expected: [],
    },
    {
      name: 'near miss: a commented-out step line',
      files: { [WF]: workflow('      - run: |\n          pytest\n          # bandit -r src') },
      expected: [],
    },
    {
      name: 'near miss: a step switched off',
      files: { [WF]: workflow('      - if: false\n        run: bandit -r src') },
      expected: [],
    },
    {
      name: 'near miss: bandit --version',
      files: { [WF]: workflow('      - run: bandit --version') },
      expected: [],
    },
    {
      name: 'near miss: the word in a step name',
      files: { [WF]: workflow('      - name: bandit\n        run: pytest') },
      expected: [],
    },
  ],
  'ruff-bandit': [
    {
      name: 'ruff check with S selected in pyproject',
      files: {
        [WF]: workflow('      - run: ruff check .'),
        'pyproject.toml': '[tool.ruff.lint]\nselect = ["E", "F", "S"]\n',
      },
      expected: [`run ci ${WF}:7`, 'declared pyproject.toml:2'],
    },
    {
      name: 'the pre-commit hook with ALL in ruff.toml',
      files: {
        '.pre-commit-config.yaml': preCommit('https://github.com/astral-sh/ruff-pre-commit', 'ruff-check'),
        'ruff.toml': '[lint]\nselect = ["ALL"]\n',
      },
      expected: ['run .pre-commit-config.yaml:5', 'declared ruff.toml:2'],
    },
    {
      name: 'S selected on the command line',
      files: { [WF]: workflow('      - run: ruff check --select S,E .') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'declared: configuration selecting S101 in .ruff.toml',
      files: { '.ruff.toml': 'extend-select = ["S101"]\n' },
      expected: ['declared .ruff.toml:1'],
    },
    {
      name: 'near miss: ruff without S rules',
      files: {
        [WF]: workflow('      - run: ruff check .'),
        'pyproject.toml': '[tool.ruff.lint]\nselect = ["E", "F", "SIM", "SLF"]\n',
      },
      deps: [dependency('ruff')],
      expected: [],
    },
    {
      name: 'near miss: S selected then ignored',
      files: {
        [WF]: workflow('      - run: ruff check .'),
        'ruff.toml': '[lint]\nselect = ["S"]\nignore = ["S"]\n',
      },
      expected: [],
    },
    {
      name: 'near miss: ruff format',
      files: { [WF]: workflow('      - run: ruff format --check .'), 'ruff.toml': 'select = ["S"]\n' },
      expected: ['declared ruff.toml:1'],
    },
  ],
  'flake8-bandit': [
    {
      name: 'flake8 in tox, CI runs tox, the plugin a dev dependency',
      files: {
        [WF]: workflow('      - run: tox -e flake8'),
        'tox.ini': '[tox]\nenvlist = py312\n\n[testenv:flake8]\ncommands = flake8 app\n',
      },
      deps: [dependency('flake8-bandit')],
      expected: ['declared requirements-dev.txt:1', `run ci tox.ini:5`],
    },
    {
      name: 'the flake8 hook with the plugin as an additional dependency',
      files: {
        '.pre-commit-config.yaml': preCommit(
          'https://github.com/PyCQA/flake8',
          'flake8',
          '        additional_dependencies: [flake8-bandit==4.1.1]\n',
        ),
      },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'near miss: .flake8 selects S without the plugin installed',
      files: { '.flake8': '[flake8]\nselect = E,F,S\n', [WF]: workflow('      - run: flake8 .') },
      expected: [],
    },
    {
      name: 'near miss: the plugin installed but select leaves S out',
      files: { '.flake8': '[flake8]\nselect = E,W,F\n', [WF]: workflow('      - run: flake8 .') },
      deps: [dependency('flake8-bandit')],
      expected: [],
    },
  ],
  semgrep: [
    {
      name: 'semgrep ci',
      files: { [WF]: workflow('      - run: semgrep ci') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the semgrep action',
      files: { [WF]: workflow('      - uses: returntocorp/semgrep-action@v1') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the pre-commit hook',
      files: { '.pre-commit-config.yaml': preCommit('https://github.com/semgrep/pre-commit', 'semgrep') },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'declared: a rules file',
      files: { '.semgrep.yml': 'rules: []\n' },
      expected: ['declared .semgrep.yml:1'],
    },
    {
      name: 'near miss: semgrep login',
      files: { [WF]: workflow('      - run: semgrep login') },
      expected: [],
    },
  ],
  codeql: [
    {
      name: 'init and analyze',
      files: {
        [WF]: workflow(
          '      - uses: github/codeql-action/init@v3\n        with:\n          languages: python\n      - uses: github/codeql-action/analyze@v3',
        ),
      },
      expected: [`run ci ${WF}:7`, `run ci ${WF}:10`],
    },
    {
      name: "near miss: upload-sarif uploads another tool's results",
      files: { [WF]: workflow('      - uses: github/codeql-action/upload-sarif@v3') },
      expected: [],
    },
  ],
  zap: [
    {
      name: 'the baseline action',
      files: { [WF]: workflow('      - uses: zaproxy/action-baseline@v0.12.0') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the docker image',
      files: {
        [WF]: workflow(
          '      - run: docker run -v $(pwd):/zap/wrk/:rw -t owasp/zap2docker-stable zap-baseline.py -t http://localhost',
        ),
      },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'zap-baseline.py in GitLab',
      files: {
        '.gitlab-ci.yml':
          'dast:\n  image: ghcr.io/zaproxy/zaproxy:stable\n  script:\n    - zap-baseline.py -t $URL\n',
      },
      expected: ['run ci .gitlab-ci.yml:4'],
    },
    {
      name: 'near miss: pulling the image',
      files: { [WF]: workflow('      - run: docker pull owasp/zap2docker-stable') },
      expected: [],
    },
  ],
  trivy: [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: aquasecurity/trivy-action@0.28.0') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'trivy fs',
      files: { [WF]: workflow('      - run: trivy fs --exit-code 1 .') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: trivy --version',
      files: { [WF]: workflow('      - run: trivy --version') },
      expected: [],
    },
  ],
  snyk: [
    {
      name: 'the python action',
      files: { [WF]: workflow('      - uses: snyk/actions/python@master') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'snyk test',
      files: { [WF]: workflow('      - run: snyk test --severity-threshold=high') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: the setup action only installs the CLI',
      files: { [WF]: workflow('      - uses: snyk/actions/setup@master') },
      expected: [],
    },
    {
      name: 'near miss: snyk auth',
      files: { [WF]: workflow('      - run: snyk auth $SNYK_TOKEN') },
      expected: [],
    },
  ],
  'snyk-code': [
    {
      name: 'snyk code test',
      files: { [WF]: workflow('      - run: snyk code test') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: snyk test is Snyk Open Source',
      files: { [WF]: workflow('      - run: snyk test') },
      expected: [],
    },
  ],
  'osv-scanner': [
    {
      name: 'the step action',
      files: { [WF]: workflow('      - uses: google/osv-scanner-action/osv-scanner-action@v2') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the reusable workflow',
      files: {
        [WF]: 'on: [push]\njobs:\n  osv:\n    uses: google/osv-scanner-action/.github/workflows/osv-scanner-reusable.yml@v2\n',
      },
      expected: [`run ci ${WF}:4`],
    },
    {
      name: 'the command',
      files: { [WF]: workflow('      - run: osv-scanner scan -r .') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: another google action',
      files: { [WF]: workflow('      - uses: google/osv-scanner-action-lookalike@v1') },
      expected: [],
    },
  ],
  'pip-audit': [
    {
      name: 'the PyPA action',
      files: {
        [WF]: workflow(
          '      - uses: pypa/gh-action-pip-audit@v1.1.0\n        with:\n          inputs: requirements.txt',
        ),
      },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'after installing it',
      files: { [WF]: workflow('      - run: pip install pip-audit && pip-audit -r requirements.txt') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'uvx and python -m pip_audit',
      files: { [WF]: workflow('      - run: uvx pip-audit\n      - run: python3 -m pip_audit') },
      expected: [`run ci ${WF}:7`, `run ci ${WF}:8`],
    },
    {
      name: 'the pre-commit hook',
      files: { '.pre-commit-config.yaml': preCommit('https://github.com/pypa/pip-audit', 'pip-audit') },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'declared: a dev dependency group',
      files: {},
      deps: [dependency('pip-audit', 'pyproject.toml', 'dev', 12)],
      expected: ['declared pyproject.toml:12'],
    },
    {
      name: 'near miss: only installed',
      files: { [WF]: workflow('      - run: pip install pip-audit') },
      expected: [],
    },
  ],
  safety: [
    {
      name: 'safety check',
      files: { [WF]: workflow('      - run: safety check --full-report') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'safety scan with options first',
      files: { [WF]: workflow('      - run: safety --key $KEY scan') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: pyupio/safety-action@v1') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: "Lucas-C's hook",
      files: {
        '.pre-commit-config.yaml': preCommit(
          'https://github.com/Lucas-C/pre-commit-hooks-safety',
          'python-safety-dependencies-check',
        ),
      },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    { name: 'near miss: safety alone', files: { [WF]: workflow('      - run: safety') }, expected: [] },
    {
      name: 'near miss: the word in prose',
      files: { [WF]: workflow('      - run: echo "type safety check"') },
      expected: [],
    },
  ],
  gitleaks: [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: gitleaks/gitleaks-action@v2') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'gitleaks detect',
      files: { [WF]: workflow('      - run: gitleaks detect --source . -v') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the pre-commit hook',
      files: { '.pre-commit-config.yaml': preCommit('https://github.com/gitleaks/gitleaks', 'gitleaks') },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'declared: its configuration',
      files: { '.gitleaks.toml': 'title = "x"\n' },
      expected: ['declared .gitleaks.toml:1'],
    },
    {
      name: 'near miss: gitleaks version',
      files: { [WF]: workflow('      - run: gitleaks version') },
      expected: [],
    },
  ],
  trufflehog: [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: trufflesecurity/trufflehog@main') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'the pre-commit hook',
      files: {
        '.pre-commit-config.yaml': preCommit('https://github.com/trufflesecurity/trufflehog', 'trufflehog'),
      },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'trufflehog git',
      files: { [WF]: workflow('      - run: trufflehog git file://. --only-verified') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: another repository of the owner',
      files: { [WF]: workflow('      - uses: trufflesecurity/trufflehog-actions-scan-lookalike@v1') },
      expected: [],
    },
  ],
  'detect-secrets': [
    {
      name: 'the pre-commit hook',
      files: {
        '.pre-commit-config.yaml': preCommit('https://github.com/Yelp/detect-secrets', 'detect-secrets'),
      },
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'a scan in CI',
      files: { [WF]: workflow('      - run: detect-secrets scan --baseline .secrets.baseline') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'declared: a baseline',
      files: { '.secrets.baseline': '{}\n' },
      expected: ['declared .secrets.baseline:1'],
    },
    {
      name: 'near miss: a hook of another repository with that id',
      files: { '.pre-commit-config.yaml': preCommit('https://github.com/example/hooks', 'detect-secrets') },
      expected: [],
    },
  ],
  'dependency-review': [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: actions/dependency-review-action@v4') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: another actions/ action',
      files: { [WF]: workflow('      - uses: actions/dependency-submission@v1') },
      expected: [],
    },
  ],
  scorecard: [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: ossf/scorecard-action@v2.4.0') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: a scorecard badge link',
      files: { 'README.md': '[![OpenSSF Scorecard](https://api.scorecard.dev/projects/x/badge)]' },
      expected: [],
    },
  ],
  'shiftleft-scan': [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: a step named scan',
      files: { [WF]: workflow('      - name: scan\n        run: pytest') },
      expected: [],
    },
  ],
  ossar: [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: github/ossar-action@v1') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: switched off job',
      files: {
        [WF]: 'on: [push]\njobs:\n  ossar:\n    if: ${{ false }}\n    runs-on: windows-latest\n    steps:\n      - uses: github/ossar-action@v1\n',
      },
      expected: [],
    },
  ],
  'security-devops': [
    {
      name: 'the action',
      files: { [WF]: workflow('      - uses: microsoft/security-devops-action@v1') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: the Azure DevOps docs link',
      files: { 'README.md': 'See https://github.com/microsoft/security-devops-action' },
      expected: [],
    },
  ],
  'gitlab-sast': [
    {
      name: 'the Jobs template',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n' },
      expected: ['run ci .gitlab-ci.yml:2'],
    },
    {
      name: 'the latest Security template as a single include',
      files: { '.gitlab-ci.yml': 'include:\n  template: Security/SAST.latest.gitlab-ci.yml\n' },
      expected: ['run ci .gitlab-ci.yml:2'],
    },
    {
      name: 'near miss: the IaC template',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Jobs/SAST-IaC.gitlab-ci.yml\n' },
      expected: [],
    },
  ],
  'gitlab-dependency-scanning': [
    {
      name: 'the template',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Jobs/Dependency-Scanning.gitlab-ci.yml\n' },
      expected: ['run ci .gitlab-ci.yml:2'],
    },
    {
      name: 'near miss: container scanning',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Jobs/Container-Scanning.gitlab-ci.yml\n' },
      expected: [],
    },
  ],
  'gitlab-secret-detection': [
    {
      name: 'the template',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\n' },
      expected: ['run ci .gitlab-ci.yml:2'],
    },
    {
      name: 'near miss: a local include',
      files: { '.gitlab-ci.yml': 'include:\n  - local: ci/Secret-Detection.gitlab-ci.yml\n' },
      expected: [],
    },
  ],
  'gitlab-dast': [
    {
      name: 'the template',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Security/DAST.gitlab-ci.yml\n' },
      expected: ['run ci .gitlab-ci.yml:2'],
    },
    {
      name: 'near miss: DAST API',
      files: { '.gitlab-ci.yml': 'include:\n  - template: Security/DAST-API.gitlab-ci.yml\n' },
      expected: [],
    },
  ],
  dependabot: [
    {
      name: 'declared only: its file',
      files: { '.github/dependabot.yml': 'version: 2\n' },
      expected: ['declared .github/dependabot.yml:1'],
    },
    {
      name: 'near miss: FUNDING.yml in .github',
      files: { '.github/FUNDING.yml': 'github: someone\n' },
      expected: [],
    },
  ],
  vouch: [
    {
      name: 'headless in CI',
      files: { [WF]: workflow('      - run: npx vouch --non-interactive --format sarif') },
      expected: [`run ci ${WF}:7`],
    },
    {
      name: 'near miss: verify only checks a sign-off',
      files: { [WF]: workflow('      - run: npx vouch verify') },
      expected: [],
    },
  ],
};

describe('security tool models', () => {
  test('every tool has a table, with a shape that matches and a near miss that does not', () => {
    expect(Object.keys(TABLES).sort()).toEqual(SECURITY_TOOLS.map((t) => t.id).sort());
    for (const rows of Object.values(TABLES)) {
      expect(rows.some((r) => r.expected.length > 0)).toBe(true);
      expect(rows.some((r) => r.expected.length === 0)).toBe(true);
    }
  });

  test('the list is sorted by id and ids are unique', () => {
    const ids = SECURITY_TOOLS.map((t) => t.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(securityTool('bandit')?.name).toBe('Bandit');
    expect(securityTool('nope')).toBeUndefined();
  });

  for (const [tool, rows] of Object.entries(TABLES)) {
    describe(tool, () => {
      test.each(rows)('$name', ({ files, deps, expected }) => {
        expect(summary(evidence(files, deps ?? []), tool)).toEqual(expected);
      });
    });
  }
});

describe('bundled tools', () => {
  const rows: { name: string; files: Record<string, string>; tool: string; expected: string[] }[] = [
    {
      name: 'ShiftLeft Scan runs bandit on Python by default',
      files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
      tool: 'bandit',
      expected: [`run via shiftleft-scan ci ${WF}:7`],
    },
    {
      name: 'ShiftLeft Scan runs depscan by default',
      files: { [WF]: workflow('      - uses: ShiftLeftSecurity/scan-action@master') },
      tool: 'depscan',
      expected: [`run via shiftleft-scan ci ${WF}:7`],
    },
    {
      name: 'ShiftLeft Scan with a type leaving python out',
      files: {
        [WF]: workflow(
          '      - uses: ShiftLeftSecurity/scan-action@master\n        with:\n          type: "credscan,java"',
        ),
      },
      tool: 'bandit',
      expected: [],
    },
    {
      name: 'OSSAR runs bandit',
      files: { [WF]: workflow('      - uses: github/ossar-action@v1') },
      tool: 'bandit',
      expected: [`run via ossar ci ${WF}:7`],
    },
    {
      name: 'MSDO limited to other tools',
      files: {
        [WF]: workflow(
          '      - uses: microsoft/security-devops-action@v1\n        with:\n          tools: templateanalyzer',
        ),
      },
      tool: 'bandit',
      expected: [],
    },
  ];
  test.each(rows)('$name', ({ files, tool, expected }) => {
    expect(summary(evidence(files), tool)).toEqual(expected);
  });
});
