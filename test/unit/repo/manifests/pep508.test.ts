import { describe, expect, it } from 'vitest';
import {
  isPinned,
  normalizeName,
  parsePep508,
  parseRequirementArg,
} from '../../../../src/repo/manifests/pep508.js';
import type { Requirement } from '../../../../src/repo/manifests/pep508.js';
import { bounded } from '../../property/arbitraries.js';

describe('normalizeName (PEP 503)', () => {
  const rows: [string, string][] = [
    ['Flask', 'flask'],
    ['zope.interface', 'zope-interface'],
    ['Django_REST--framework', 'django-rest-framework'],
    ['a._-b', 'a-b'],
  ];
  it.each(rows)('%s → %s', (name, expected) => expect(normalizeName(name)).toBe(expected));
});

describe('isPinned', () => {
  const rows: [string, boolean][] = [
    ['==1.2.3', true],
    ['== 1.2.3', true],
    ['===1.0', true],
    ['==1.2.*', false],
    ['>=1.2', false],
    ['~=1.2', false],
    ['', false],
    ['>=1,==1.4.2', true],
    ['!=1.3', false],
  ];
  it.each(rows)('%s → %s', (spec, expected) => expect(isPinned(spec)).toBe(expected));
});

describe('parsePep508', () => {
  const rows: [string, Requirement | undefined][] = [
    ['requests', { name: 'requests', specifier: '', extras: [] }],
    ['requests (>=2.0)', { name: 'requests', specifier: '>=2.0', extras: [] }],
    [
      'requests[socks]>=2;python_version<"3.8"',
      { name: 'requests', specifier: '>=2', extras: ['socks'], marker: 'python_version<"3.8"' },
    ],
    [
      'pkg @ file:///x/y.whl ; os_name == "nt"',
      { name: 'pkg', specifier: '', extras: [], url: 'file:///x/y.whl', marker: 'os_name == "nt"' },
    ],
    ['pkg @ https://h/p;x', { name: 'pkg', specifier: '', extras: [], url: 'https://h/p;x' }], // ; in a URL needs space before it to start a marker
    ['not a requirement!', undefined],
    ['flask >>> 2', undefined],
    ['-e .', undefined],
  ];
  it.each(rows)('%s', (text, expected) => expect(parsePep508(text)).toEqual(expected));
});

describe('parseRequirementArg names URL and path requirements', () => {
  const rows: [string, string][] = [
    ['https://h/dl/Foo_Bar-2.0.tar.gz', 'foo-bar'],
    ['git+ssh://git@github.com/org/Thing.git@main', 'thing'],
    ['git+https://h/org/x.git#egg=Real_Name', 'real-name'],
    ['./vendor/pkg/', 'pkg'],
    ['.', ''],
    ['dist/my_pkg-1.0-py3-none-any.whl', 'my-pkg'],
  ];
  it.each(rows)('%s → %s', (text, name) => expect(parseRequirementArg(text)?.name).toBe(name));
});

/** Inputs that made parseRequirementArg backtrack for minutes (found by test/unit/property): now linear. */
describe('parseRequirementArg on inputs it once hung on', () => {
  const MIB = 2 ** 20;
  const rows: [what: string, input: string, name: string | undefined][] = [
    ['spaces between a name and a word', `a${' '.repeat(MIB)}b`, undefined],
    ['a path ending in slashes', `./x${'/'.repeat(MIB)}`, 'x'],
    ['a path with a run of "?"', `./x?${'?'.repeat(MIB)}\r`, 'x'],
    ['a path ending in a run of "["', `./x${'['.repeat(MIB)}]]`, ''],
  ];
  it.each(rows)('%s', (_what, input, name) => {
    expect(bounded(() => parseRequirementArg(input))?.name).toBe(name);
  });
});
