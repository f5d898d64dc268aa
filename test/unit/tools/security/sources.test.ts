import { describe, expect, test } from 'vitest';
import { invocations, stripShellComment } from '../../../../src/analysis/tools/shell.js';
import { collectSites, normaliseRepo } from '../../../../src/analysis/tools/sources.js';
import { evidence, summary, WF, workflow } from './helpers.js';

describe('shell', () => {
  test.each([
    { line: 'bandit -r src # scan the code', expected: 'bandit -r src' },
    { line: '# bandit -r src', expected: '' },
    { line: 'echo "#not a comment" && bandit', expected: 'echo "#not a comment" && bandit' },
    { line: 'curl http://x/#anchor', expected: 'curl http://x/#anchor' },
  ])('strips the comment of "$line"', ({ line, expected }) => {
    expect(stripShellComment(line)).toBe(expected);
  });

  test.each([
    { line: 'pip install bandit && bandit -r .', expected: ['pip install bandit', 'bandit -r .'] },
    { line: 'poetry run bandit -r app', expected: ['bandit -r app'] },
    { line: 'uv run --with pip-audit pip-audit', expected: ['pip-audit'] },
    { line: 'FOO=1 sudo env X=2 safety check', expected: ['safety check'] },
    { line: 'python3 -m pip_audit -r requirements.txt', expected: ['-m pip_audit -r requirements.txt'] },
    { line: '$(PYTHON) -m bandit -r src', expected: ['-m bandit -r src'] },
    {
      line: 'docker run --rm -v "$PWD:/src" aquasec/trivy:0.50.0 fs /src',
      expected: ['image aquasec/trivy fs /src'],
    },
    { line: '.venv/bin/bandit -r src | tee out.txt', expected: ['bandit -r src', 'tee out.txt'] },
  ])('runs of "$line"', ({ line, expected }) => {
    const shown = invocations(line).map((i) =>
      i.image !== undefined
        ? `image ${i.image} ${i.args.join(' ')}`
        : i.module !== undefined
          ? `-m ${i.module} ${i.args.join(' ')}`
          : `${i.program} ${i.args.join(' ')}`.trim(),
    );
    expect(shown).toEqual(expected);
  });

  test.each([
    { url: 'https://github.com/PyCQA/bandit.git', expected: 'github.com/pycqa/bandit' },
    { url: 'git@github.com:gitleaks/gitleaks.git', expected: 'github.com/gitleaks/gitleaks' },
    { url: 'https://github.com/Yelp/detect-secrets/', expected: 'github.com/yelp/detect-secrets' },
    { url: 'local', expected: 'local' },
  ])('normalises the hook repository $url', ({ url, expected }) => {
    expect(normaliseRepo(url)).toBe(expected);
  });
});

// How CI is followed into the runners it calls, and what never runs.
describe('runs reached by CI', () => {
  const TOX =
    '[tox]\nenvlist = py312, bandit\n\n[testenv]\ncommands = pytest\n\n[testenv:bandit]\ncommands =\n    bandit -r src\n\n[testenv:audit]\ncommands = pip-audit\n';
  const rows: { name: string; files: Record<string, string>; tool: string; expected: string[] }[] = [
    {
      name: 'tox without -e runs the envlist',
      files: { [WF]: workflow('      - run: tox'), 'tox.ini': TOX },
      tool: 'bandit',
      expected: ['run ci tox.ini:9'],
    },
    {
      name: 'near miss: tox -e py312 does not run the bandit env (still a local run)',
      files: { [WF]: workflow('      - run: tox -e py312'), 'tox.ini': TOX },
      tool: 'bandit',
      expected: ['run tox.ini:9'],
    },
    {
      name: 'tox -e audit runs pip-audit',
      files: { [WF]: workflow('      - run: python -m tox -e audit'), 'tox.ini': TOX },
      tool: 'pip-audit',
      expected: ['run ci tox.ini:12'],
    },
    {
      name: 'make security and its prerequisites',
      files: {
        [WF]: workflow('      - run: make check'),
        Makefile: 'check: lint security\n\nlint:\n\truff check .\n\nsecurity:\n\t@bandit -r src\n',
      },
      tool: 'bandit',
      expected: ['run ci Makefile:7'],
    },
    {
      name: 'near miss: a make recipe no CI calls is only declared',
      files: { Makefile: 'security:\n\tbandit -r src\n' },
      tool: 'bandit',
      expected: ['declared Makefile:2'],
    },
    {
      name: 'make -C a subdirectory',
      files: {
        [WF]: workflow('      - run: make -C app audit'),
        'app/Makefile': 'audit:\n\tpip-audit -r requirements.txt\n',
      },
      tool: 'pip-audit',
      expected: ['run ci app/Makefile:2'],
    },
    {
      name: 'a step working-directory and cd',
      files: {
        [WF]: workflow(
          '      - working-directory: app\n        run: |\n          cd sub\n          make audit',
        ),
        'app/sub/Makefile': 'audit:\n\tpip-audit\n',
      },
      tool: 'pip-audit',
      expected: ['run ci app/sub/Makefile:2'],
    },
    {
      name: 'nox -s security',
      files: {
        [WF]: workflow('      - run: nox -s security'),
        'noxfile.py':
          'import nox\n\n@nox.session\ndef tests(session):\n    session.run("pytest")\n\n@nox.session(name="security")\ndef sec(session):\n    session.install("bandit")\n    session.run(\n        "bandit", "-r", "src"\n    )\n',
      },
      tool: 'bandit',
      expected: ['run ci noxfile.py:10'],
    },
    {
      name: 'pre-commit run --all-files in CI reaches the hooks',
      files: {
        [WF]: workflow('      - run: pre-commit run --all-files'),
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.8.0\n    hooks:\n      - id: bandit\n',
      },
      tool: 'bandit',
      expected: ['run ci .pre-commit-config.yaml:5'],
    },
    {
      name: 'pre-commit/action reaches the hooks',
      files: {
        [WF]: workflow('      - uses: pre-commit/action@v3.0.1'),
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.21.2\n    hooks:\n      - id: gitleaks\n',
      },
      tool: 'gitleaks',
      expected: ['run ci .pre-commit-config.yaml:5'],
    },
    {
      name: 'near miss: pre-commit run of another hook',
      files: {
        [WF]: workflow('      - run: pre-commit run black --all-files'),
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.8.0\n    hooks:\n      - id: bandit\n',
      },
      tool: 'bandit',
      expected: ['run .pre-commit-config.yaml:5'],
    },
    {
      name: 'near miss: a manual-stage hook is only declared',
      files: {
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.8.0\n    hooks:\n      - id: bandit\n        stages: [manual]\n',
      },
      tool: 'bandit',
      expected: ['declared .pre-commit-config.yaml:5'],
    },
    {
      name: 'a local hook runs its entry',
      files: {
        '.pre-commit-config.yaml':
          'repos:\n  - repo: local\n    hooks:\n      - id: audit\n        name: audit\n        entry: pip-audit -r requirements.txt\n        language: system\n',
      },
      tool: 'pip-audit',
      expected: ['run .pre-commit-config.yaml:6'],
    },
    {
      name: 'GitLab: a hidden job runs through extends',
      files: { '.gitlab-ci.yml': '.scan:\n  script:\n    - bandit -r src\n\nsast:\n  extends: .scan\n' },
      tool: 'bandit',
      expected: ['run ci .gitlab-ci.yml:3'],
    },
    {
      name: 'near miss: GitLab hidden job nothing extends, and when: never',
      files: {
        '.gitlab-ci.yml':
          '.scan:\n  script:\n    - bandit -r src\n\naudit:\n  when: never\n  script: pip-audit\n',
      },
      tool: 'bandit',
      expected: [],
    },
    {
      name: 'CircleCI run command',
      files: {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  audit:\n    steps:\n      - checkout\n      - run:\n          name: audit\n          command: pip-audit -r requirements.txt\n',
      },
      tool: 'pip-audit',
      expected: ['run ci .circleci/config.yml:8'],
    },
    {
      name: 'Jenkinsfile sh step, a commented-out one aside',
      files: {
        Jenkinsfile:
          "pipeline {\n  stages {\n    stage('scan') {\n      steps {\n        // sh 'safety check'\n        sh 'bandit -r src'\n      }\n    }\n  }\n}\n",
      },
      tool: 'bandit',
      expected: ['run ci Jenkinsfile:6'],
    },
    {
      name: 'near miss: a broken workflow file runs nothing',
      files: { [WF]: 'jobs:\n  a:\n    steps:\n      - run: bandit -r src\n     bad: [\n' },
      tool: 'bandit',
      expected: [],
    },
  ];
  test.each(rows)('$name', ({ files, tool, expected }) => {
    expect(summary(evidence(files), tool)).toEqual(expected);
  });

  test('a workflow nested hundreds of levels deep is skipped, and YAML read after it still works', () => {
    const deep = `jobs:\n  x:\n    steps: ${'['.repeat(800)}${']'.repeat(800)}\n`;
    expect(summary(evidence({ '.github/workflows/deep.yml': deep }), 'bandit')).toEqual([]);
    expect(summary(evidence({ [WF]: workflow('      - run: bandit -r src') }), 'bandit')).toEqual([
      'run ci .github/workflows/ci.yml:7',
    ]);
  });

  test('the CI line that reaches a runner is kept', () => {
    const sites = collectSites(
      new Map([
        [WF, workflow('      - run: tox -e bandit')],
        ['tox.ini', '[testenv:bandit]\ncommands = bandit -r src\n'],
      ]),
    );
    const tox = sites.find((s) => s.file === 'tox.ini');
    expect(tox?.ci).toBe(true);
    expect(tox?.via).toEqual({ file: WF, line: 7, text: 'tox -e bandit' });
  });
});
