import { describe, expect, test } from 'vitest';
import {
  pinnedDependenciesProbe,
  type PinnedDependenciesParams,
} from '../../../src/probes/pinned-dependencies.js';
import type { LockFile, Manifest } from '../../../src/repo/types.js';
import { requirementsGroup } from '../../../src/repo/manifests/requirements.js';
import { makeFacts, manifest } from './facts.js';

const HASH = '--hash=sha256:3f9a2c71b8e4d05a6c2f1e9b7d4a3c8e5f6b1a293f9a2c71b8e4d05a6c2f1e9b';
const RANGES = manifest('requirements.txt', 'requirements', ['flask>=2.0', 'requests==2.31.0', 'jinja2']);
const PINNED = manifest('requirements.txt', 'requirements', ['flask==3.0.3', 'requests===2.31.0']);
const LIBRARY = manifest('pyproject.toml', 'pyproject-pep621', ['flask>=2.0', 'click~=8.1']);

/** A manifest whose entries carry the group the collector gives them (from the file name, or as given). */
function grouped(path: string, kind: Manifest['kind'], lines: string[], group?: string): Manifest {
  const m = manifest(path, kind, lines);
  const g = group ?? (kind === 'requirements' ? requirementsGroup(path) : 'main');
  return { ...m, dependencies: m.dependencies.map((d) => ({ ...d, group: g })) };
}
const HASHED = grouped('requirements.txt', 'requirements', [
  `flask==3.0.3 ${HASH}`,
  `werkzeug==3.0.1 ${HASH}`,
]);

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
  // A dev tool's requirements beside pinned runtime requirements: not what ships, shown as a note.
  {
    name: 'an unpinned requirements-dev.txt beside hash-locked runtime requirements',
    manifests: [HASHED, grouped('requirements-dev.txt', 'requirements', ['pytest', 'ruff>=0.5'])],
    findings: [],
    notes: [
      'requirements.txt pins the dependency tree',
      'requirements-dev.txt: 2 development dependencies not pinned (pytest, ruff); the runtime requirements are pinned',
    ],
  },
  {
    name: 'requirements/lint.txt and docs/requirements.txt open beside a pinned requirements/base.txt',
    manifests: [
      grouped('requirements/base.txt', 'requirements', ['django==5.1.4']),
      grouped('requirements/lint.txt', 'requirements', ['flake8']),
      grouped('docs/requirements.txt', 'requirements', ['sphinx']),
    ],
    findings: [],
    notes: [
      'requirements/base.txt pins the dependency tree',
      'requirements/lint.txt: 1 development dependency not pinned (flake8); the runtime requirements are pinned',
      'docs/requirements.txt: 1 development dependency not pinned (sphinx); the runtime requirements are pinned',
    ],
  },
  {
    name: 'dev and test dependency groups in pyproject beside pinned requirements',
    manifests: [
      PINNED,
      grouped('pyproject.toml', 'pyproject-pep621', ['pytest>=8'], 'dev'),
      grouped('pyproject.toml', 'pyproject-pep621', ['coverage'], 'test'),
    ],
    findings: [],
    notes: [
      'requirements.txt pins the dependency tree',
      'pyproject.toml: 2 development dependencies not pinned (pytest, coverage); the runtime requirements are pinned',
    ],
  },
  {
    name: 'package metadata (install_requires) is conventionally open beside pinned requirements',
    manifests: [PINNED, grouped('setup.py', 'setup.py', ['aiohttp>=3.9', 'asyncpg'])],
    findings: [],
    notes: ['requirements.txt pins the dependency tree'],
  },
  {
    name: 'near miss: unpinned runtime requirements beside a pinned dev file still fail',
    manifests: [
      grouped('requirements.txt', 'requirements', ['flask']),
      grouped('requirements-dev.txt', 'requirements', ['pytest==8.3.4']),
    ],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements.txt',
        line: 1,
        message: 'flask is not pinned (requirements.txt:1: flask)',
      },
    ],
    notes: ['requirements-dev.txt pins the dependency tree'],
  },
  {
    name: 'near miss: a pinned dev file does not pin the library ranges that ship (no lock)',
    manifests: [LIBRARY, grouped('requirements-test.txt', 'requirements', ['pytest==8.3.4'])],
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
    notes: ['requirements-test.txt pins the dependency tree'],
  },
  {
    name: 'near miss: a dev file open and no pinned runtime requirements at all',
    manifests: [grouped('requirements-dev.txt', 'requirements', ['pytest'])],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements-dev.txt',
        line: 1,
        message: 'pytest is not pinned (requirements-dev.txt:1: pytest)',
      },
    ],
  },
  {
    name: 'near miss: a production requirements file is runtime',
    manifests: [PINNED, grouped('requirements/production.txt', 'requirements', ['gunicorn'])],
    findings: [
      {
        rule: 'unpinned',
        file: 'requirements/production.txt',
        line: 1,
        message: 'gunicorn is not pinned (requirements/production.txt:1: gunicorn)',
      },
    ],
    notes: ['requirements.txt pins the dependency tree'],
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
