import { describe, expect, test } from 'vitest';
import { fileProbe, type FileParams } from '../../../src/probes/file.js';
import type { SkippedFile } from '../../../src/repo/types.js';
import { makeFacts } from './facts.js';

const FILES: Record<string, string> = {
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: "pip"\n    directory: "/"\n',
  '.github/workflows/ci.yml':
    'jobs:\n  lint:\n    steps:\n      - run: Bandit -r src\n      - run: bandit -r app\n',
  '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/PyCQA/bandit\n',
  'docs/security.md': '# Security\n\nReport issues to security@example.org\n',
};
const SKIPPED: SkippedFile[] = [
  { path: 'data/big.json', reason: 'too-large' },
  { path: 'vendor/excluded.yml', reason: 'excluded' },
];

interface Row {
  name: string;
  params: FileParams;
  expected: { file: string; line?: number; message: string; snippet?: string; context: string }[];
}

const rows: Row[] = [
  {
    name: 'a file that exists',
    params: { paths: ['.github/dependabot.yml'] },
    expected: [{ file: '.github/dependabot.yml', message: '.github/dependabot.yml exists', context: 'code' }],
  },
  {
    name: 'several globs, one finding per existing file',
    params: { paths: ['.github/dependabot.yml', 'renovate.json', '.github/renovate.json'] },
    expected: [{ file: '.github/dependabot.yml', message: '.github/dependabot.yml exists', context: 'code' }],
  },
  {
    name: 'nothing matches',
    params: { paths: ['renovate.json', '.renovaterc*'] },
    expected: [],
  },
  {
    name: 'contains: the first matching line',
    params: { paths: ['.github/workflows/*.yml', '.pre-commit-config.yaml'], contains: 'bandit' },
    expected: [
      {
        file: '.github/workflows/ci.yml',
        line: 5,
        message: '.github/workflows/ci.yml matches /bandit/',
        snippet: '- run: bandit -r app',
        context: 'code',
      },
      {
        file: '.pre-commit-config.yaml',
        line: 2,
        message: '.pre-commit-config.yaml matches /bandit/',
        snippet: '- repo: https://github.com/PyCQA/bandit',
        context: 'code',
      },
    ],
  },
  {
    name: 'contains with flags',
    params: {
      paths: ['.github/workflows/*.yml'],
      contains: 'bandit',
      flags: 'i',
      message: 'bandit runs in CI',
    },
    expected: [
      {
        file: '.github/workflows/ci.yml',
        line: 4,
        message: 'bandit runs in CI',
        snippet: '- run: Bandit -r src',
        context: 'code',
      },
    ],
  },
  {
    name: 'the file exists but does not contain the regex',
    params: { paths: ['.github/dependabot.yml'], contains: 'package-ecosystem:\\s*"npm"' },
    expected: [],
  },
  {
    name: 'a file too large to read still exists; an excluded one does not count',
    params: { paths: ['data/*.json', 'vendor/*.yml'] },
    expected: [{ file: 'data/big.json', message: 'data/big.json exists', context: 'code' }],
  },
  {
    name: 'a file too large to read cannot be shown to contain anything',
    params: { paths: ['data/*.json'], contains: '.' },
    expected: [],
  },
  {
    name: 'files in docs carry their context, and the message is the one given',
    params: { paths: ['SECURITY.md', 'docs/security.md'], message: 'a security policy exists' },
    expected: [{ file: 'docs/security.md', message: 'a security policy exists', context: 'docs' }],
  },
  {
    name: 'a listed binary file exists but contains nothing',
    params: { paths: ['*.png'], contains: 'PNG' },
    expected: [],
  },
];

describe('file probe', () => {
  test.each(rows)('$name', ({ params, expected }) => {
    const result = fileProbe.run(makeFacts({ files: FILES, binary: ['logo.png'], skipped: SKIPPED }), params);
    expect(result.status).toBe('ok');
    expect(
      result.findings.map((f) => ({
        file: f.file,
        ...(f.line === undefined ? {} : { line: f.line }),
        message: f.message,
        ...(f.snippet === undefined ? {} : { snippet: f.snippet }),
        context: f.context,
      })),
    ).toEqual(expected);
  });

  test.each([
    { params: { paths: ['*'] }, problems: 0 },
    { params: { paths: ['*'], contains: 'ok' }, problems: 0 },
    { params: { paths: ['*'], contains: '[' }, problems: 1 },
    { params: { paths: ['*'], contains: 'a', flags: 'y' }, problems: 1 },
    { params: { paths: ['*'], flags: 'i' }, problems: 1 },
  ])('validate $params', ({ params, problems }) => {
    expect(fileProbe.validate?.(params)).toHaveLength(problems);
  });
});
