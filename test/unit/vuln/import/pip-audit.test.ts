import { describe, expect, it } from 'vitest';
import { readPipAuditImport } from '../../../../src/vuln/import/pip-audit.js';

const V2 = {
  dependencies: [
    {
      name: 'Jinja2',
      version: '2.10',
      vulns: [
        {
          id: 'PYSEC-2019-217',
          fix_versions: ['2.10.1'],
          aliases: ['CVE-2019-10906', 'GHSA-462w-v97r-4m45'],
          description: 'sandbox escape',
        },
      ],
    },
    { name: 'flask', version: '2.3.2', vulns: [] },
    { name: 'mylib', skip_reason: 'Dependency not found on PyPI and could not be audited: mylib (0.1)' },
  ],
  fixes: [],
};

const V1 = [
  {
    name: 'requests',
    version: '2.0.0',
    vulns: [{ id: 'PYSEC-2014-13', fix_versions: ['2.3.0'], aliases: [] }],
  },
];

describe('pip-audit -f json', () => {
  const rows: { name: string; json: unknown; checked: string[]; hits: string[] }[] = [
    {
      name: 'a 2.x report',
      json: V2,
      checked: ['jinja2 2.10', 'flask 2.3.2'],
      hits: ['jinja2 2.10 PYSEC-2019-217 [CVE-2019-10906 GHSA-462w-v97r-4m45] fixed 2.10.1'],
    },
    {
      name: 'a 1.x list',
      json: V1,
      checked: ['requests 2.0.0'],
      hits: ['requests 2.0.0 PYSEC-2014-13 [] fixed 2.3.0'],
    },
    {
      name: 'a clean report',
      json: { dependencies: [{ name: 'six', version: '1.16.0', vulns: [] }], fixes: [] },
      checked: ['six 1.16.0'],
      hits: [],
    },
  ];
  it.each(rows)('$name', ({ json, checked, hits }) => {
    const r = readPipAuditImport('audit.json', JSON.stringify(json), json);
    if (typeof r === 'string') throw new Error(r);
    expect(r.tool).toBe('pip-audit');
    expect(r.checked.map((c) => `${c.name} ${c.version}`)).toEqual(checked);
    expect(
      r.hits.map((h) => `${h.name} ${h.version} ${h.id} [${h.aliases.join(' ')}] fixed ${h.fixed.join(',')}`),
    ).toEqual(hits);
    expect(r.hits.every((h) => h.source === 'pip-audit report audit.json')).toBe(true);
  });

  it.each([
    ['an object without dependencies', { results: [] }],
    ['a list of something else', [{ id: 1 }]],
    ['an empty list', []],
  ])('%s is not a pip-audit report', (_name, json) => {
    expect(readPipAuditImport('x.json', JSON.stringify(json), json)).toBe('not a pip-audit JSON report');
  });
});
