import { describe, expect, it } from 'vitest';
import { vulnNotices } from '../../../src/vuln/notices.js';
import { NO_VULN_FACTS, type VulnFacts } from '../../../src/vuln/types.js';

const NOW = new Date('2026-12-03T12:00:00Z');

describe('vulnNotices', () => {
  const rows: { name: string; v: Partial<VulnFacts>; want: string[] }[] = [
    { name: 'nothing given', v: {}, want: [] },
    {
      name: 'the database names its date and age',
      v: {
        sources: [
          { kind: 'osv-db', path: 'all.zip', records: 17000, newestModified: '2026-11-30T10:00:00Z' },
        ],
        known: [{ name: 'a', version: '1', file: 'r.txt', line: 1 }],
        checked: ['a'],
        uncovered: [{ name: 'b', specifier: '', file: 'r.txt', line: 2, reason: 'x' }],
      },
      want: [
        'OSV database all.zip (newest record 2026-11-30), 3 days old: 17000 records; 1 dependency checked, 1 not covered',
      ],
    },
    {
      name: 'an undated database',
      v: { sources: [{ kind: 'osv-db', path: 'db', records: 2 }] },
      want: ['OSV database db (undated): 2 records; 0 dependencies checked, 0 not covered'],
    },
    {
      name: 'imports',
      v: {
        sources: [{ kind: 'pip-audit', path: 'a.json', checked: 4 }],
        findings: [{ tool: 'Bandit', file: 'b.sarif', rule: 'B602', message: 'm', cwes: [] }],
      },
      want: [
        'pip-audit report a.json imported: 4 dependencies named',
        '1 finding imported from Bandit (b.sarif), shown on the items they bear on',
      ],
    },
  ];
  it.each(rows)('$name', ({ v, want }) => {
    expect(vulnNotices({ vulnerabilities: { ...NO_VULN_FACTS, ...v } }, NOW)).toEqual(want);
  });
});
