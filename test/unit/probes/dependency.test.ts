import { describe, expect, test } from 'vitest';
import { dependencyProbe, type DependencyParams } from '../../../src/probes/dependency.js';
import type { Manifest } from '../../../src/repo/types.js';
import { makeFacts, manifest } from './facts.js';

const REQS = manifest('requirements.txt', 'requirements', [
  'Flask>=2.0',
  'requests==2.31.0',
  'Flask_WTF==1.2.1',
]);
const PYPROJECT = manifest('pyproject.toml', 'pyproject-pep621', ['flask[async]>=3', 'argon2-cffi']);
const DEV = manifest('requirements-dev.txt', 'requirements', ['pytest', 'bandit==1.7.9']);

interface Row {
  name: string;
  manifests: Manifest[];
  params: DependencyParams;
  expected: { message: string; file: string; line: number | undefined; snippet?: string }[];
}

const rows: Row[] = [
  {
    name: 'a name, normalised on both sides',
    manifests: [REQS],
    params: { names: ['flask'] },
    expected: [
      {
        message: 'depends on flask (requirements.txt:1)',
        file: 'requirements.txt',
        line: 1,
        snippet: 'flask>=2.0',
      },
    ],
  },
  {
    name: 'the parameter is normalised too (Flask_WTF = flask-wtf = flask.wtf)',
    manifests: [REQS],
    params: { names: ['Flask.WTF'] },
    expected: [
      {
        message: 'depends on flask-wtf (requirements.txt:3)',
        file: 'requirements.txt',
        line: 3,
        snippet: 'flask-wtf==1.2.1',
      },
    ],
  },
  {
    name: 'across manifests, one finding per declaration, extras shown',
    manifests: [REQS, PYPROJECT],
    params: { names: ['flask'] },
    expected: [
      {
        message: 'depends on flask (requirements.txt:1)',
        file: 'requirements.txt',
        line: 1,
        snippet: 'flask>=2.0',
      },
      {
        message: 'depends on flask (pyproject.toml:1)',
        file: 'pyproject.toml',
        line: 1,
        snippet: 'flask[async]>=3',
      },
    ],
  },
  {
    name: 'several names',
    manifests: [REQS, PYPROJECT, DEV],
    params: { names: ['argon2-cffi', 'bandit', 'bcrypt'] },
    expected: [
      {
        message: 'depends on argon2-cffi (pyproject.toml:2)',
        file: 'pyproject.toml',
        line: 2,
        snippet: 'argon2-cffi',
      },
      {
        message: 'depends on bandit (requirements-dev.txt:2)',
        file: 'requirements-dev.txt',
        line: 2,
        snippet: 'bandit==1.7.9',
      },
    ],
  },
  {
    name: 'no match',
    manifests: [REQS],
    params: { names: ['django'] },
    expected: [],
  },
  {
    name: 'a prefix is not a match (flask vs flask-wtf)',
    manifests: [manifest('requirements.txt', 'requirements', ['flask-wtf'])],
    params: { names: ['flask'] },
    expected: [],
  },
  {
    name: 'any: one finding per manifest that declares something',
    manifests: [REQS, manifest('setup.py', 'setup.py', []), DEV],
    params: { any: true },
    expected: [
      { message: 'declares 3 dependencies', file: 'requirements.txt', line: 1 },
      { message: 'declares 2 dependencies', file: 'requirements-dev.txt', line: 1 },
    ],
  },
  {
    name: 'any: a single dependency',
    manifests: [manifest('Pipfile', 'pipfile', ['django'])],
    params: { any: true },
    expected: [{ message: 'declares 1 dependency', file: 'Pipfile', line: 1 }],
  },
  {
    name: 'any: no manifests, no match',
    manifests: [],
    params: { any: true },
    expected: [],
  },
  {
    name: 'a file included with -r appears once',
    manifests: [{ ...REQS, dependencies: [...REQS.dependencies, ...DEV.dependencies] }, DEV],
    params: { names: ['bandit'] },
    expected: [
      {
        message: 'depends on bandit (requirements-dev.txt:2)',
        file: 'requirements-dev.txt',
        line: 2,
        snippet: 'bandit==1.7.9',
      },
    ],
  },
  {
    name: 'a URL requirement: credentials in it are redacted',
    manifests: [
      manifest('requirements.txt', 'requirements', [
        'internal-lib @ git+https://deploy:Xk9mP2vQ7rT4@git.corp.net/lib.git',
      ]),
    ],
    params: { names: ['internal_lib'] },
    expected: [
      {
        message: 'depends on internal-lib (requirements.txt:1)',
        file: 'requirements.txt',
        line: 1,
        snippet: 'internal-lib @ git+https://deploy:Xk***@git.corp.net/lib.git',
      },
    ],
  },
];

describe('dependency probe', () => {
  test.each(rows)('$name', ({ manifests, params, expected }) => {
    const result = dependencyProbe.run(makeFacts({ manifests }), params);
    expect(result.status).toBe('ok');
    expect(
      result.findings.map((f) => ({
        message: f.message,
        file: f.file,
        line: f.line,
        ...(f.snippet === undefined ? {} : { snippet: f.snippet }),
      })),
    ).toEqual(expected);
  });

  test('a manifest that could not be read is shown as a note', () => {
    const broken = manifest('pyproject.toml', 'pyproject-pep621', [], ['invalid TOML at line 3']);
    const result = dependencyProbe.run(makeFacts({ manifests: [broken] }), { any: true });
    expect(result.notes?.map((n) => n.message)).toEqual(['pyproject.toml: invalid TOML at line 3']);
  });
});
