import { describe, expect, test } from 'vitest';
import { patternProbe, type PatternParams } from '../../../src/probes/pattern.js';
import { makeFacts, tok } from './facts.js';

const GHP = tok('ghp_', 'eFqF0QWnt9nNGEYMDQ2A85X26qA5SgnYbzkT');

const FILES: Record<string, string> = {
  'app/templates/index.html': '<h1>{{ title }}</h1>\n<p>{{ body | safe }}</p>\n<p>{{ bio|safe }}</p>\n',
  'app/templates/plain.html': '<p>{{ body }}</p>\n',
  'app/views.py': 'return Markup(html)  # | safe\n',
  'app/settings.py': 'DEBUG = True\n',
  'docs/templates/example.html': '{{ x | safe }}\n',
  '.github/workflows/ci.yml':
    'jobs:\n  test:\n    steps:\n      - run: pip install -r requirements.txt\n      - run: bandit -r app\n',
  'deploy/run.sh': `export TOKEN=${GHP}\ncurl -k https://internal\n`,
};

interface Row {
  name: string;
  params: Omit<PatternParams, 'message'>;
  expected: { file: string; line: number; column: number; snippet: string; context: string }[];
}

const rows: Row[] = [
  {
    name: 'every matching line of the matching files',
    params: { files: ['app/templates/**/*.html'], regex: '\\|\\s*safe\\b' },
    expected: [
      {
        file: 'app/templates/index.html',
        line: 2,
        column: 12,
        snippet: '<p>{{ body | safe }}</p>',
        context: 'code',
      },
      {
        file: 'app/templates/index.html',
        line: 3,
        column: 10,
        snippet: '<p>{{ bio|safe }}</p>',
        context: 'code',
      },
    ],
  },
  {
    name: 'Python files are left to the parse-tree checks, even under a catch-all glob',
    params: { files: ['app/**'], regex: '\\|\\s*safe' },
    expected: [
      {
        file: 'app/templates/index.html',
        line: 2,
        column: 12,
        snippet: '<p>{{ body | safe }}</p>',
        context: 'code',
      },
      {
        file: 'app/templates/index.html',
        line: 3,
        column: 10,
        snippet: '<p>{{ bio|safe }}</p>',
        context: 'code',
      },
    ],
  },
  {
    name: 'a glob that names .py opts Python files in',
    params: { files: ['**/settings.py'], regex: '^DEBUG\\s*=\\s*True' },
    expected: [{ file: 'app/settings.py', line: 1, column: 1, snippet: 'DEBUG = True', context: 'code' }],
  },
  {
    name: 'flags: case-insensitive',
    params: { files: ['.github/workflows/*.yml'], regex: 'BANDIT\\s+-r', flags: 'i' },
    expected: [
      {
        file: '.github/workflows/ci.yml',
        line: 5,
        column: 14,
        snippet: '- run: bandit -r app',
        context: 'code',
      },
    ],
  },
  {
    name: 'no matching line',
    params: { files: ['.github/workflows/*.yml'], regex: 'pip-audit' },
    expected: [],
  },
  {
    name: 'no matching file',
    params: { files: ['*.toml'], regex: '.' },
    expected: [],
  },
  {
    name: 'matches in docs carry their context',
    params: { files: ['**/*.html'], regex: '\\|\\s*safe', flags: '' },
    expected: [
      {
        file: 'app/templates/index.html',
        line: 2,
        column: 12,
        snippet: '<p>{{ body | safe }}</p>',
        context: 'code',
      },
      {
        file: 'app/templates/index.html',
        line: 3,
        column: 10,
        snippet: '<p>{{ bio|safe }}</p>',
        context: 'code',
      },
      { file: 'docs/templates/example.html', line: 1, column: 6, snippet: '{{ x | safe }}', context: 'docs' },
    ],
  },
  {
    name: 'a negated glob takes files back out',
    params: { files: ['**/*.html', '!docs/**'], regex: '\\|\\s*safe' },
    expected: [
      {
        file: 'app/templates/index.html',
        line: 2,
        column: 12,
        snippet: '<p>{{ body | safe }}</p>',
        context: 'code',
      },
      {
        file: 'app/templates/index.html',
        line: 3,
        column: 10,
        snippet: '<p>{{ bio|safe }}</p>',
        context: 'code',
      },
    ],
  },
  {
    name: 'a matching line holding a secret is redacted',
    params: { files: ['deploy/*.sh'], regex: 'TOKEN=' },
    expected: [
      { file: 'deploy/run.sh', line: 1, column: 8, snippet: 'export TOKEN=ghp_***', context: 'code' },
    ],
  },
];

describe('pattern probe', () => {
  test.each(rows)('$name', ({ params, expected }) => {
    const facts = makeFacts({ files: FILES, binary: ['app/templates/logo.html'] });
    const result = patternProbe.run(facts, { ...params, message: 'marks data safe' });
    expect(result.status).toBe('ok');
    expect(result.findings.every((f) => f.message === 'marks data safe')).toBe(true);
    expect(
      result.findings.map((f) => ({
        file: f.file,
        line: f.line,
        column: f.column,
        snippet: f.snippet,
        context: f.context,
      })),
    ).toEqual(expected);
  });

  test.each([
    { params: { regex: '\\bok\\b' }, problems: [] },
    { params: { regex: '(unclosed' }, problems: [/^invalid regex \/\(unclosed\/: /] },
    { params: { regex: 'a', flags: 'g' }, problems: [/^invalid regex flags "g"/] },
    // Catastrophic backtracking: refused when the checklist loads, never run.
    { params: { regex: '^(a+)+$' }, problems: [/^regex \/\^\(a\+\)\+\$\/ may take exponential time/] },
    { params: { regex: '(x*)*y' }, problems: [/may take exponential time/] },
    { params: { regex: 'a', flags: 'ii' }, problems: [/^invalid regex flags "ii"/] },
    { params: { regex: 'a', flags: 'uv' }, problems: [/^invalid regex \/a\/uv: /] },
  ])('validate($params.regex, $params.flags)', ({ params, problems }) => {
    const got = patternProbe.validate?.({ files: ['*'], message: 'm', ...params }) ?? [];
    expect(got).toHaveLength(problems.length);
    got.forEach((p, i) => expect(p).toMatch(problems[i] as RegExp));
  });

  test('a regex that does not compile at run time is an error, not a crash', () => {
    const result = patternProbe.run(makeFacts({ files: FILES }), { files: ['*'], regex: '(', message: 'm' });
    expect(result.status).toBe('error');
  });
});
