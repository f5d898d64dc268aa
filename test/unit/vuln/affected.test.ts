import { describe, expect, it } from 'vitest';
import { matchRecord, type MatchResult } from '../../../src/vuln/affected.js';
import { readOsvRecord } from '../../../src/vuln/osv-record.js';
import type { OsvRecord } from '../../../src/vuln/types.js';
import { osvRecord, type RecordSpec } from '../../fixtures/osv-db.js';

function record(spec: Omit<RecordSpec, 'id'>): OsvRecord {
  const r = readOsvRecord(osvRecord({ id: 'PYSEC-TEST-1', ...spec }));
  if (typeof r === 'string') throw new Error(r);
  return r;
}

const affected = (...fixed: string[]): MatchResult => ({ kind: 'affected', fixed });
const clean: MatchResult = { kind: 'not-affected' };

const FIXED_2 = [{ introduced: '0' }, { fixed: '2.0' }];

const rows: {
  name: string;
  spec: Omit<RecordSpec, 'id'>;
  pkg?: string;
  version: string;
  want: MatchResult;
}[] = [
  // introduced / fixed
  {
    name: 'below the fix',
    spec: { package: 'jinja2', ranges: [FIXED_2] },
    version: '1.9',
    want: affected('2.0'),
  },
  { name: 'at the fix', spec: { package: 'jinja2', ranges: [FIXED_2] }, version: '2.0', want: clean },
  { name: 'above the fix', spec: { package: 'jinja2', ranges: [FIXED_2] }, version: '2.0.1', want: clean },
  {
    name: 'below introduced',
    spec: { package: 'jinja2', ranges: [[{ introduced: '1.5' }, { fixed: '2.0' }]] },
    version: '1.4.9',
    want: clean,
  },
  {
    name: 'at introduced',
    spec: { package: 'jinja2', ranges: [[{ introduced: '1.5' }, { fixed: '2.0' }]] },
    version: '1.5',
    want: affected('2.0'),
  },
  {
    name: 'unfixed: introduced only',
    spec: { package: 'jinja2', ranges: [[{ introduced: '0' }]] },
    version: '99.0',
    want: affected(),
  },
  // two ranges in one events list, out of order as some databases write them
  {
    name: 'second range of one list, events unsorted',
    spec: {
      package: 'django',
      ranges: [[{ introduced: '4.0' }, { fixed: '4.1.3' }, { introduced: '3.0' }, { fixed: '3.2.16' }]],
    },
    version: '4.1.2',
    want: affected('4.1.3'),
  },
  {
    name: 'between two ranges',
    spec: {
      package: 'django',
      ranges: [[{ introduced: '3.0' }, { fixed: '3.2.16' }, { introduced: '4.0' }, { fixed: '4.1.3' }]],
    },
    version: '3.2.16',
    want: clean,
  },
  {
    name: 'the first of two ranges names its own fix',
    spec: {
      package: 'django',
      ranges: [[{ introduced: '3.0' }, { fixed: '3.2.16' }, { introduced: '4.0' }, { fixed: '4.1.3' }]],
    },
    version: '3.1',
    want: affected('3.2.16'),
  },
  // last_affected is inclusive
  {
    name: 'at last_affected',
    spec: { package: 'h2', ranges: [[{ introduced: '0' }, { last_affected: '2.1.214' }]] },
    version: '2.1.214',
    want: affected(),
  },
  {
    name: 'above last_affected',
    spec: { package: 'h2', ranges: [[{ introduced: '0' }, { last_affected: '2.1.214' }]] },
    version: '2.1.215',
    want: clean,
  },
  // limit
  {
    name: 'at or above the limit',
    spec: { package: 'pkg', ranges: [[{ introduced: '1.0' }, { limit: '2.0' }]] },
    version: '2.0',
    want: clean,
  },
  {
    name: 'below the limit',
    spec: { package: 'pkg', ranges: [[{ introduced: '1.0' }, { limit: '2.0' }]] },
    version: '1.5',
    want: affected(),
  },
  // versions lists
  {
    name: 'listed in versions',
    spec: { package: 'pkg', versions: ['1.0', '1.1'] },
    version: '1.1',
    want: affected(),
  },
  { name: 'not listed', spec: { package: 'pkg', versions: ['1.0', '1.1'] }, version: '1.2', want: clean },
  {
    name: 'listed, and a fix named by a range',
    spec: { package: 'pkg', versions: ['1.1'], ranges: [[{ introduced: '1.1' }, { fixed: '1.1.1' }]] },
    version: '1.1',
    want: affected('1.1.1'),
  },
  {
    name: 'listed in another spelling (1.1.0 = 1.1)',
    spec: { package: 'pkg', versions: ['1.1.0'] },
    version: '1.1',
    want: affected(),
  },
  // pre-releases
  {
    name: 'a release candidate sorts before its release',
    spec: { package: 'pkg', ranges: [FIXED_2] },
    version: '2.0rc1',
    want: affected('2.0'),
  },
  {
    name: 'a dev release sorts before its pre-release',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: '2.0a1' }]] },
    version: '2.0.dev3',
    want: affected('2.0a1'),
  },
  {
    name: 'a pre-release fix: the release is fixed',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: '2.0b2' }]] },
    version: '2.0',
    want: clean,
  },
  // post-releases
  {
    name: 'a post-release of the last affected version is not it',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { last_affected: '1.0' }]] },
    version: '1.0.post1',
    want: clean,
  },
  {
    name: 'a post-release below the fix',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: '1.0.1' }]] },
    version: '1.0.post2',
    want: affected('1.0.1'),
  },
  {
    name: 'the fix is a post-release',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: '1.0.post1' }]] },
    version: '1.0',
    want: affected('1.0.post1'),
  },
  // epochs
  {
    name: 'an epoch sorts above every version without one',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: '2024.1' }]] },
    version: '1!1.0',
    want: clean,
  },
  {
    name: 'a range inside epoch 1',
    spec: { package: 'pkg', ranges: [[{ introduced: '1!0' }, { fixed: '1!2.0' }]] },
    version: '1!1.5',
    want: affected('1!2.0'),
  },
  {
    name: 'epoch 0 below a range of epoch 1',
    spec: { package: 'pkg', ranges: [[{ introduced: '1!0' }, { fixed: '1!2.0' }]] },
    version: '5.0',
    want: clean,
  },
  // local versions
  {
    name: 'a local build of an affected release, by range',
    spec: { package: 'pkg', ranges: [FIXED_2] },
    version: '1.9+ubuntu1',
    want: affected('2.0'),
  },
  {
    name: 'a local build of the fixed release',
    spec: { package: 'pkg', ranges: [FIXED_2] },
    version: '2.0+ubuntu1',
    want: clean,
  },
  {
    name: 'a local build of a listed release carries its code',
    spec: { package: 'pkg', versions: ['1.9'] },
    version: '1.9+cpu',
    want: affected(),
  },
  // names, ecosystems, withdrawn
  {
    name: 'the name as PyPI spells it (PEP 503)',
    spec: { package: 'Flask_WTF', ranges: [FIXED_2] },
    pkg: 'flask-wtf',
    version: '1.0',
    want: affected('2.0'),
  },
  {
    name: 'another package',
    spec: { package: 'jinja2', ranges: [FIXED_2] },
    pkg: 'flask',
    version: '1.0',
    want: clean,
  },
  {
    name: 'another ecosystem',
    spec: { package: 'jinja2', ecosystem: 'npm', ranges: [FIXED_2] },
    version: '1.0',
    want: clean,
  },
  {
    name: 'a withdrawn record never applies',
    spec: { package: 'jinja2', withdrawn: '2026-11-02T00:00:00Z', ranges: [FIXED_2] },
    version: '1.0',
    want: clean,
  },
  // what cannot be evaluated is said
  {
    name: 'a version that is not PEP 440',
    spec: { package: 'pkg', ranges: [FIXED_2] },
    version: 'nightly',
    want: { kind: 'unevaluated', reason: 'version "nightly" is not a PEP 440 version' },
  },
  {
    name: 'a range event that is not PEP 440',
    spec: { package: 'pkg', ranges: [[{ introduced: '0' }, { fixed: 'r2023-bad' }]] },
    version: '1.0',
    want: { kind: 'unevaluated', reason: 'range event "r2023-bad" is not a PEP 440 version' },
  },
  {
    name: 'only GIT ranges',
    spec: { package: 'pkg', rangeType: 'GIT', ranges: [[{ introduced: 'abc123' }, { fixed: 'def456' }]] },
    version: '1.0',
    want: { kind: 'unevaluated', reason: 'only GIT ranges and no versions list' },
  },
  {
    name: 'a GIT range beside a versions list: the list answers',
    spec: { package: 'pkg', rangeType: 'GIT', ranges: [[{ introduced: 'abc123' }]], versions: ['1.0'] },
    version: '1.1',
    want: clean,
  },
];

describe('matchRecord', () => {
  it.each(rows)('$name: $version', ({ spec, pkg, version, want }) => {
    expect(matchRecord(record(spec), pkg ?? spec.package.toLowerCase(), version)).toEqual(want);
  });
});

describe('readOsvRecord', () => {
  it.each([
    ['an array', [], 'not a JSON object'],
    ['no id', { affected: [] }, 'no "id"'],
  ])('%s is not a record', (_name, json, reason) => {
    expect(readOsvRecord(json)).toBe(reason);
  });

  it('keeps id, aliases, dates and the PyPI entries only', () => {
    const r = readOsvRecord({
      id: 'GHSA-xxxx',
      aliases: ['CVE-2099-1', 7],
      modified: '2026-11-30T00:00:00Z',
      affected: [
        { package: { ecosystem: 'npm', name: 'x' }, versions: ['1'] },
        {
          package: { ecosystem: 'PyPI', name: 'Py.YAML' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { bogus: 1 }] }],
        },
      ],
    });
    expect(r).toEqual({
      id: 'GHSA-xxxx',
      aliases: ['CVE-2099-1'],
      modified: '2026-11-30T00:00:00Z',
      withdrawn: undefined,
      summary: undefined,
      affected: [
        { name: 'py-yaml', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], versions: [] },
      ],
    });
  });
});
