import { describe, expect, test } from 'vitest';
import {
  pinnedDependenciesProbe,
  type PinnedDependenciesParams,
} from '../../../src/probes/pinned-dependencies.js';
import type { LockFile, Manifest } from '../../../src/repo/types.js';
import { makeFacts, manifest } from './facts.js';

const HASH = '--hash=sha256:3f9a2c71b8e4d05a6c2f1e9b7d4a3c8e5f6b1a293f9a2c71b8e4d05a6c2f1e9b';
const RANGES = manifest('requirements.txt', 'requirements', ['flask>=2.0', 'requests==2.31.0', 'jinja2']);
const PINNED = manifest('requirements.txt', 'requirements', ['flask==3.0.3', 'requests===2.31.0']);
const LIBRARY = manifest('pyproject.toml', 'pyproject-pep621', ['flask>=2.0', 'click~=8.1']);

interface Row {
  name: string;
  manifests: Manifest[];
  lockFiles?: LockFile[];
  params?: PinnedDependenciesParams;
  findings: { rule: string; file: string; line: number; message: string }[];
  notes?: string[];
}

const rows: Row[] = [
  {
    name: 'requirements with ranges and no lock',
    manifests: [RANGES],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements.txt',
        line: 1,
        message: 'flask is not pinned (requirements.txt:1: flask>=2.0)',
      },
      {
        rule: 'unpinned',
        file: 'requirements.txt',
        line: 3,
        message: 'jinja2 is not pinned (requirements.txt:3: jinja2)',
      },
    ],
  },
  {
    name: 'a lock file covers everything',
    manifests: [RANGES, LIBRARY],
    lockFiles: [{ path: 'poetry.lock', kind: 'poetry.lock', packages: 40 }],
    findings: [],
    notes: ['poetry.lock pins the dependency tree'],
  },
  {
    name: 'a fully pinned requirements file makes library ranges fine',
    manifests: [PINNED, LIBRARY],
    findings: [],
    notes: ['requirements.txt pins the dependency tree'],
  },
  {
    name: 'pyproject ranges and nothing that pins them',
    manifests: [LIBRARY],
    findings: [
      {
        rule: 'unpinned',
        file: 'pyproject.toml',
        line: 1,
        message: 'flask is not pinned (pyproject.toml:1: flask>=2.0)',
      },
      {
        rule: 'unpinned',
        file: 'pyproject.toml',
        line: 2,
        message: 'click is not pinned (pyproject.toml:2: click~=8.1)',
      },
    ],
  },
  {
    name: 'pip-compile output pins the tree; its requirements.in input may hold ranges',
    manifests: [
      manifest('requirements.in', 'requirements', ['flask']),
      manifest('requirements.txt', 'requirements', ['flask==3.0.3', 'werkzeug==3.0.1']),
    ],
    lockFiles: [{ path: 'requirements.txt', kind: 'pip-compile', packages: 2 }],
    findings: [],
    notes: ['requirements.txt pins the dependency tree (pip-compile output)'],
  },
  {
    name: 'require_hashes: pinned requirements without hashes',
    manifests: [manifest('requirements.txt', 'requirements', [`flask==3.0.3 ${HASH}`, 'requests==2.31.0'])],
    params: { require_hashes: true },
    findings: [
      {
        rule: 'no-hash',
        file: 'requirements.txt',
        line: 2,
        message: 'requests is pinned without a hash (requirements.txt:2: requests==2.31.0)',
      },
    ],
    notes: ['requirements.txt pins the dependency tree'],
  },
  {
    name: 'require_hashes: every requirement hashed',
    manifests: [
      manifest('requirements.txt', 'requirements', [`flask==3.0.3 ${HASH}`, `requests==2.31.0 ${HASH}`]),
    ],
    params: { require_hashes: true },
    findings: [],
    notes: ['requirements.txt pins the dependency tree'],
  },
  {
    name: 'require_hashes: a lock file carries hashes',
    manifests: [PINNED],
    lockFiles: [{ path: 'uv.lock', kind: 'uv.lock', packages: 12 }],
    params: { require_hashes: true },
    findings: [],
    notes: ['uv.lock pins the dependency tree'],
  },
  {
    name: 'the project itself (-e ., local paths) is not a dependency; a VCS URL pinned to a commit is pinned',
    manifests: [
      manifest('requirements.txt', 'requirements', [
        '-e .',
        'shared @ file:./libs/shared',
        'mylib @ git+https://github.com/o/mylib@0f2c7a1b9d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a',
        'other @ git+https://github.com/o/other@main',
        'flask==3.0.3',
      ]),
    ],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements.txt',
        line: 4,
        message: 'other is not pinned (requirements.txt:4: other @ git+https://github.com/o/other@main)',
      },
    ],
  },
  {
    name: 'a Pipfile without its lock',
    manifests: [manifest('Pipfile', 'pipfile', ['django>=4.2', 'gunicorn==21.2.0'])],
    findings: [
      {
        rule: 'unpinned',
        file: 'Pipfile',
        line: 1,
        message: 'django is not pinned (Pipfile:1: django>=4.2)',
      },
    ],
  },
  {
    name: 'partly pinned requirements pin nothing: both files are reported',
    manifests: [manifest('requirements.txt', 'requirements', ['flask==3.0.3', 'gunicorn']), LIBRARY],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements.txt',
        line: 2,
        message: 'gunicorn is not pinned (requirements.txt:2: gunicorn)',
      },
      {
        rule: 'unpinned',
        file: 'pyproject.toml',
        line: 1,
        message: 'flask is not pinned (pyproject.toml:1: flask>=2.0)',
      },
      {
        rule: 'unpinned',
        file: 'pyproject.toml',
        line: 2,
        message: 'click is not pinned (pyproject.toml:2: click~=8.1)',
      },
    ],
  },
  {
    name: 'no manifests: nothing to pin',
    manifests: [],
    findings: [],
  },
];

describe('pinned-dependencies probe', () => {
  test.each(rows)('$name', ({ manifests, lockFiles, params, findings, notes }) => {
    const result = pinnedDependenciesProbe.run(
      makeFacts({ manifests, lockFiles: lockFiles ?? [] }),
      params ?? {},
    );
    expect(result.status).toBe('ok');
    expect(
      result.findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message })),
    ).toEqual(findings);
    expect((result.notes ?? []).map((n) => n.message)).toEqual(notes ?? []);
  });

  test('a requirements file included with -r is reported once', () => {
    const dev = manifest('requirements-dev.txt', 'requirements', ['pytest']);
    const main = {
      ...manifest('requirements.txt', 'requirements', ['flask==3.0.3']),
      dependencies: [] as Manifest['dependencies'],
    };
    main.dependencies.push(
      ...manifest('requirements.txt', 'requirements', ['flask==3.0.3']).dependencies,
      ...dev.dependencies,
    );
    const result = pinnedDependenciesProbe.run(makeFacts({ manifests: [main, dev] }), {});
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['requirements-dev.txt:1']);
  });
});
