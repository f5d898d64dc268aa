import { describe, expect, it } from 'vitest';
import { readPipfile } from '../../../../src/repo/manifests/pipfile.js';
import type { Dependency } from '../../../../src/repo/types.js';
import { bounded } from '../../property/arbitraries.js';

const base = { specifier: '', pinned: false, hashes: 0, extras: [], file: 'Pipfile' };

describe('readPipfile', () => {
  const rows: [what: string, toml: string, deps: Partial<Dependency>[], errors: string[]][] = [
    [
      'star is unpinned, == is pinned, sections are groups',
      `[[source]]
url = "https://pypi.org/simple"
name = "pypi"

[packages]
flask = "*"
Requests = "==2.31.0"

[dev-packages]
pytest = ">=8"
`,
      [
        { ...base, name: 'flask', specifier: '*', group: 'packages', line: 6 },
        { ...base, name: 'requests', specifier: '==2.31.0', pinned: true, group: 'packages', line: 7 },
        { ...base, name: 'pytest', specifier: '>=8', group: 'dev-packages', line: 10 },
      ],
      [],
    ],
    [
      'table forms: version with extras and markers, git, editable path',
      `[packages]
django = {version = "==4.2.1", extras = ["argon2"], markers = "os_name == 'posix'"}
mylib = {git = "https://github.com/org/mylib.git", ref = "v1"}
local = {path = ".", editable = true}
`,
      [
        {
          ...base,
          name: 'django',
          specifier: '==4.2.1',
          pinned: true,
          extras: ['argon2'],
          marker: "os_name == 'posix'",
          group: 'packages',
          line: 2,
        },
        { ...base, name: 'mylib', url: 'https://github.com/org/mylib.git', group: 'packages', line: 3 },
        { ...base, name: 'local', url: '.', editable: true, group: 'packages', line: 4 },
      ],
      [],
    ],
    [
      'invalid TOML',
      '[packages\nflask = "*"\n',
      [],
      ['Pipfile:1: invalid TOML: Invalid TOML document: illegal character in key'],
    ],
    ['a section of the wrong type', 'packages = "flask"\n', [], ['Pipfile: [packages] is not a table']],
  ];
  it.each(rows)('%s', (_what, toml, deps, errors) => {
    const manifest = readPipfile('Pipfile', toml);
    expect(manifest.kind).toBe('pipfile');
    expect(manifest.dependencies).toEqual(deps);
    expect(manifest.errors).toEqual(errors);
  });
});

/** Looking up the line of each of 200 000 packages took minutes (found by test/unit/property). */
describe('Pipfiles the reader once hung on', () => {
  const many = (n: number, entry: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => entry(i)).join('');
  const rows: [what: string, content: string, deps: number][] = [
    ['200 000 packages', `[packages]\n${many(200_000, (i) => `p${i} = "*"\n`)}`, 200_000],
    [
      '200 000 packages as tables',
      `[packages]\n${many(100_000, (i) => `p${i} = {version = "1"}\n`)}`,
      100_000,
    ],
  ];
  it.each(rows)('%s', (_what, content, deps) => {
    const manifest = bounded(() => readPipfile('Pipfile', content));
    expect(manifest.dependencies).toHaveLength(deps);
    expect(manifest.dependencies[0]!.line).toBe(2);
  });
});
