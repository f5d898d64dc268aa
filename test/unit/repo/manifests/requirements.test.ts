import { describe, expect, it } from 'vitest';
import {
  isRequirementsPath,
  logicalLines,
  readRequirementFiles,
  requirementsGroup,
} from '../../../../src/repo/manifests/requirements.js';
import type { Dependency } from '../../../../src/repo/types.js';
import { bounded } from '../../property/arbitraries.js';

function read(files: Record<string, string>, candidates = Object.keys(files)) {
  return readRequirementFiles(candidates, new Map(Object.entries(files)));
}

function depsOf(content: string): Dependency[] {
  const { manifests } = read({ 'requirements.txt': content });
  expect(manifests).toHaveLength(1);
  return manifests[0]!.dependencies;
}

const base = {
  specifier: '',
  pinned: false,
  hashes: 0,
  extras: [],
  file: 'requirements.txt',
  line: 1,
  group: 'main',
};

describe('requirements.txt lines', () => {
  const rows: [what: string, content: string, expected: Partial<Dependency>[]][] = [
    ['exact pin', 'flask==2.3.2\n', [{ ...base, name: 'flask', specifier: '==2.3.2', pinned: true }]],
    ['range', 'Flask >= 2.0, <3\n', [{ ...base, name: 'flask', specifier: '>= 2.0, <3' }]],
    ['wildcard is not a pin', 'flask==2.*\n', [{ ...base, name: 'flask', specifier: '==2.*' }]],
    [
      'arbitrary equality is a pin',
      'flask===2.0\n',
      [{ ...base, name: 'flask', specifier: '===2.0', pinned: true }],
    ],
    ['compatible release is not a pin', 'flask~=2.3\n', [{ ...base, name: 'flask', specifier: '~=2.3' }]],
    ['bare name', 'requests\n', [{ ...base, name: 'requests' }]],
    [
      'name normalised',
      'Django_REST.framework==3.14\n',
      [{ ...base, name: 'django-rest-framework', specifier: '==3.14', pinned: true }],
    ],
    [
      'extras',
      'requests[socks, security]==2.31.0\n',
      [{ ...base, name: 'requests', specifier: '==2.31.0', pinned: true, extras: ['socks', 'security'] }],
    ],
    [
      'environment marker',
      'pywin32==306 ; sys_platform == "win32"\n',
      [{ ...base, name: 'pywin32', specifier: '==306', pinned: true, marker: 'sys_platform == "win32"' }],
    ],
    [
      'comments and blank lines',
      '# a comment\n\nflask==1.0  # why we pin\n',
      [{ ...base, name: 'flask', specifier: '==1.0', pinned: true, line: 3 }],
    ],
    [
      'continuation and hashes',
      'six==1.16.0 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\nidna==3.4 --hash sha256:cccc\n',
      [
        { ...base, name: 'six', specifier: '==1.16.0', pinned: true, hashes: 2, line: 1 },
        { ...base, name: 'idna', specifier: '==3.4', pinned: true, hashes: 1, line: 4 },
      ],
    ],
    [
      'CRLF line endings',
      'a==1\r\nb==2\r\n',
      [
        { ...base, name: 'a', specifier: '==1', pinned: true },
        { ...base, name: 'b', specifier: '==2', pinned: true, line: 2 },
      ],
    ],
    [
      'options lines are ignored',
      '--index-url https://pypi.example/simple\n--require-hashes\n-f ./wheels\n--pre\nsix==1.16.0\n',
      [{ ...base, name: 'six', specifier: '==1.16.0', pinned: true, line: 5 }],
    ],
    [
      'archive URL',
      'https://example.com/dl/foo_bar-1.0.tar.gz\n',
      [{ ...base, name: 'foo-bar', url: 'https://example.com/dl/foo_bar-1.0.tar.gz' }],
    ],
    [
      'PEP 508 direct reference is never pinned',
      'mylib @ https://example.com/mylib-1.0-py3-none-any.whl ; python_version >= "3.8"\n',
      [
        {
          ...base,
          name: 'mylib',
          url: 'https://example.com/mylib-1.0-py3-none-any.whl',
          marker: 'python_version >= "3.8"',
        },
      ],
    ],
    [
      'VCS URL with egg',
      'git+https://github.com/pallets/flask.git@2.3.2#egg=flask\n',
      [{ ...base, name: 'flask', url: 'git+https://github.com/pallets/flask.git@2.3.2#egg=flask' }],
    ],
    [
      'VCS URL without egg',
      'git+https://github.com/org/my-lib.git@v1\n',
      [{ ...base, name: 'my-lib', url: 'git+https://github.com/org/my-lib.git@v1' }],
    ],
    [
      'local path with extras',
      './libs/mylib[dev]\n',
      [{ ...base, name: 'mylib', url: './libs/mylib', extras: ['dev'] }],
    ],
    [
      'local wheel',
      'wheels/foo_bar-1.0-py3-none-any.whl\n',
      [{ ...base, name: 'foo-bar', url: 'wheels/foo_bar-1.0-py3-none-any.whl' }],
    ],
    ['editable project', '-e .\n', [{ ...base, name: '', url: '.', editable: true }]],
    [
      'editable VCS',
      '--editable=git+https://github.com/org/lib.git#egg=lib\n',
      [{ ...base, name: 'lib', url: 'git+https://github.com/org/lib.git#egg=lib', editable: true }],
    ],
  ];
  it.each(rows)('%s', (_what, content, expected) => {
    expect(depsOf(content)).toEqual(expected);
  });

  it('reports a line it cannot parse, and keeps the rest', () => {
    const { manifests } = read({ 'requirements.txt': 'flask >>> 2\nsix==1\n' });
    expect(manifests[0]!.errors).toEqual(['requirements.txt:1: cannot parse requirement "flask >>> 2"']);
    expect(manifests[0]!.dependencies.map((d) => d.name)).toEqual(['six']);
  });
});

describe('requirements includes', () => {
  it('follows -r relative to the including file; included entries keep their own file and line', () => {
    const { manifests } = read({
      'requirements.txt': '-r requirements/base.txt\nflask==1.0\n',
      'requirements/base.txt': '# shared\nsix==1.16\n-r common.txt\n',
      'requirements/common.txt': 'idna==3\n',
    });
    expect(manifests.map((m) => m.path)).toEqual(['requirements.txt']); // included files are not counted twice
    expect(manifests[0]!.dependencies.map((d) => [d.name, d.file, d.line, d.group])).toEqual([
      ['six', 'requirements/base.txt', 2, 'base'],
      ['idna', 'requirements/common.txt', 1, 'common'],
      ['flask', 'requirements.txt', 2, 'main'],
    ]);
  });

  it('is cycle-safe', () => {
    const { manifests } = read({
      'a-requirements.txt': '-r b-requirements.txt\nx==1\n',
      'b-requirements.txt': '-ra-requirements.txt\ny==1\n',
    });
    expect(manifests).toHaveLength(1);
    expect(manifests[0]!.dependencies.map((d) => d.name)).toEqual(['y', 'x']);
  });

  it('marks -c entries as constraints', () => {
    const { manifests } = read({
      'requirements.in': 'flask\n-c constraints.txt\n',
      'constraints.txt': 'flask==2.3.2\n',
    });
    expect(manifests.map((m) => m.path)).toEqual(['requirements.in']);
    expect(manifests[0]!.dependencies.map((d) => [d.name, d.group, d.pinned])).toEqual([
      ['flask', 'main', false],
      ['flask', 'constraints', true],
    ]);
  });

  it('reports includes it cannot follow', () => {
    const { manifests } = read({
      'requirements.txt': '-r missing.txt\n-r ../outside.txt\n-r https://example.com/r.txt\n',
    });
    expect(manifests[0]!.errors).toEqual([
      'requirements.txt:3: remote include https://example.com/r.txt is not followed',
      'requirements.txt:1: included file missing.txt is not in the repository',
      'requirements.txt:2: included file ../outside.txt is not in the repository',
    ]);
  });
});

describe('pip-compile output as a lock file', () => {
  const rows: [what: string, content: string, packages: number | undefined][] = [
    [
      'pip-compile header',
      '#\n# This file is autogenerated by pip-compile with Python 3.11\n#\nflask==2.3.2\n    # via -r requirements.in\nclick==8.1.7\n    # via flask\n',
      2,
    ],
    [
      'uv pip compile header',
      '# This file was autogenerated by uv via the following command:\n#    uv pip compile requirements.in\nsix==1.16.0\n',
      1,
    ],
    ['all pinned with # via, no header', 'flask==2.3.2\n    # via -r requirements.in\n', 1],
    ['pinned but no # via', 'flask==2.3.2\n', undefined],
    ['# via but one unpinned', 'flask==2.3.2\n    # via x\nclick>=8\n', undefined],
  ];
  it.each(rows)('%s', (_what, content, packages) => {
    const { lockFiles } = read({ 'requirements.txt': content });
    expect(lockFiles).toEqual(
      packages === undefined ? [] : [{ path: 'requirements.txt', kind: 'pip-compile', packages }],
    );
  });
});

describe('isRequirementsPath', () => {
  const all = new Set(['dev.in', 'dev.txt', 'Makefile.in', 'MANIFEST.in']);
  const rows: [string, boolean][] = [
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['dev-requirements.txt', true],
    ['requirements/prod.txt', true],
    ['constraints.txt', true],
    ['requirements.in', true],
    ['requirements/base.in', true],
    ['dev.in', true], // beside the dev.txt pip-compile made from it
    ['dev.txt', true], // and that output itself
    ['Makefile.in', false],
    ['MANIFEST.in', false],
    ['notes.txt', false],
    ['docs/requirements.txt', true],
  ];
  it.each(rows)('%s → %s', (path, expected) => expect(isRequirementsPath(path, all)).toBe(expected));
});

describe('requirementsGroup', () => {
  const rows: [string, string][] = [
    ['requirements.txt', 'main'],
    ['requirements-dev.txt', 'dev'],
    ['requirements_test.in', 'test'],
    ['dev-requirements.txt', 'dev'],
    ['requirements/prod.txt', 'prod'],
    ['constraints.txt', 'constraints'],
  ];
  it.each(rows)('%s → %s', (path, expected) => expect(requirementsGroup(path)).toBe(expected));
});

describe('logicalLines', () => {
  const rows: [string, { text: string; line: number }[]][] = [
    [
      'a\nb',
      [
        { text: 'a', line: 1 },
        { text: 'b', line: 2 },
      ],
    ],
    [
      'a \\\n  b\nc',
      [
        { text: 'a   b', line: 1 },
        { text: 'c', line: 3 },
      ],
    ],
    ['# only \\\nx', [{ text: 'x', line: 2 }]], // a comment line ends a continuation
    ['x \\', [{ text: 'x', line: 1 }]],
    ['url#egg=x  # note', [{ text: 'url#egg=x', line: 1 }]],
  ];
  it.each(rows)('%j', (content, expected) => expect(logicalLines(content)).toEqual(expected));
});

/** Inputs that made the reader backtrack for minutes or hours (found by test/unit/property): now linear. */
describe('requirements files the reader once hung on', () => {
  const MIB = 2 ** 20;
  const rows: [what: string, content: string, expected: { deps: number; errors: number }][] = [
    ['a run of tabs inside a requirement', `a${'\t'.repeat(MIB)}]`, { deps: 0, errors: 1 }],
    ['a run of spaces inside a requirement', `flask${' '.repeat(MIB)}x`, { deps: 0, errors: 1 }],
    ['a run of " #" before a carriage return', `flask==1 ${' #'.repeat(MIB / 2)}\rx`, { deps: 1, errors: 0 }],
    ['a path ending in a run of slashes', `./${'/'.repeat(MIB)}x`, { deps: 1, errors: 0 }],
    ['a path ending in a run of "["', `./${'['.repeat(MIB)}]]`, { deps: 1, errors: 0 }],
    [
      'all pinned, with a run of blank lines (the # via search)',
      `a==1\n${'\n'.repeat(MIB)}b==2`,
      { deps: 2, errors: 0 },
    ],
  ];
  it.each(rows)('%s', (_what, content, expected) => {
    const { manifests } = bounded(() => read({ 'requirements.txt': content }));
    expect(manifests[0]!.dependencies).toHaveLength(expected.deps);
    expect(manifests[0]!.errors).toHaveLength(expected.errors);
  });
});
