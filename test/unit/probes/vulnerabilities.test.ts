import { describe, expect, it } from 'vitest';
import { vulnerabilitiesProbe, type VulnerabilitiesParams } from '../../../src/probes/vulnerabilities.js';
import type { VulnFacts } from '../../../src/vuln/types.js';
import { makeFacts, type FactsSpec } from './facts.js';

const DB = {
  kind: 'osv-db' as const,
  path: 'all.zip',
  records: 200,
  newestModified: '2026-11-30T10:00:00Z',
  withdrawn: 3,
};
const KNOWN = [
  { name: 'jinja2', version: '2.10', file: 'requirements.txt', line: 1 },
  { name: 'gunicorn', version: '23.0.0', file: 'requirements.txt', line: 2 },
];
const HIT = {
  name: 'jinja2',
  version: '2.10',
  id: 'PYSEC-2019-217',
  aliases: ['CVE-2019-10906'],
  fixed: ['2.10.1'],
  file: 'requirements.txt',
  line: 1,
  source: 'OSV database all.zip (newest record 2026-11-30)',
};
const UNCOVERED = {
  name: 'flask',
  specifier: '>=2',
  file: 'requirements.txt',
  line: 3,
  reason: 'no exact version (>=2), and no lock file pins it',
};
const UNEVALUATED = {
  name: 'pyyaml',
  version: '5.1',
  id: 'PYSEC-test',
  file: 'requirements.txt',
  line: 4,
  reason: 'only GIT ranges and no versions list',
};

const CLEAN: Partial<VulnFacts> = { sources: [DB], known: KNOWN, checked: ['gunicorn', 'jinja2'] };

const rows: {
  name: string;
  report: VulnerabilitiesParams['report'];
  facts: FactsSpec;
  status: string;
  findings: string[];
}[] = [
  {
    name: 'a hit, with the advisory, its aliases, the fix, the place and the database',
    report: 'vulnerable',
    facts: { vulnerabilities: { ...CLEAN, hits: [HIT] } },
    status: 'ok',
    findings: [
      'requirements.txt:1 PYSEC-2019-217 jinja2 2.10 has 1 known vulnerability: PYSEC-2019-217 (CVE-2019-10906), fixed in 2.10.1 — OSV database all.zip (newest record 2026-11-30)',
    ],
  },
  {
    name: 'two advisories on one line are one finding',
    report: 'vulnerable',
    facts: {
      vulnerabilities: { ...CLEAN, hits: [HIT, { ...HIT, id: 'PYSEC-2099-1', aliases: [], fixed: [] }] },
    },
    status: 'ok',
    findings: [
      'requirements.txt:1 PYSEC-2019-217 jinja2 2.10 has 2 known vulnerabilities: PYSEC-2019-217 (CVE-2019-10906), fixed in 2.10.1; PYSEC-2099-1, no fixed version known — OSV database all.zip (newest record 2026-11-30)',
    ],
  },
  { name: 'no hit', report: 'vulnerable', facts: { vulnerabilities: CLEAN }, status: 'ok', findings: [] },
  {
    name: 'unpinned and unevaluated dependencies are not covered',
    report: 'not-covered',
    facts: { vulnerabilities: { ...CLEAN, uncovered: [UNCOVERED], unevaluated: [UNEVALUATED] } },
    status: 'ok',
    findings: [
      'requirements.txt:3 - flask >=2 not checked: no exact version (>=2), and no lock file pins it',
      'requirements.txt:4 PYSEC-test pyyaml 5.1: PYSEC-test could not be evaluated (only GIT ranges and no versions list); check it by hand',
    ],
  },
  {
    name: 'all checked, none vulnerable',
    report: 'covered',
    facts: { vulnerabilities: CLEAN },
    status: 'ok',
    findings: [
      '-:- - 2 dependencies checked (OSV database all.zip (newest record 2026-11-30)): none has a known vulnerability',
    ],
  },
  {
    name: 'a hit is not covered-and-clean',
    report: 'covered',
    facts: { vulnerabilities: { ...CLEAN, hits: [HIT] } },
    status: 'ok',
    findings: [],
  },
  {
    name: 'partial coverage is not clean',
    report: 'covered',
    facts: { vulnerabilities: { ...CLEAN, uncovered: [UNCOVERED] } },
    status: 'ok',
    findings: [],
  },
  {
    name: 'a manifest that did not parse is not clean',
    report: 'covered',
    facts: {
      vulnerabilities: CLEAN,
      manifests: [
        { path: 'pyproject.toml', kind: 'pyproject-pep621', dependencies: [], errors: ['bad TOML'] },
      ],
    },
    status: 'ok',
    findings: [],
  },
  { name: 'no database and no import', report: 'vulnerable', facts: {}, status: 'unavailable', findings: [] },
  {
    name: 'no database and no import: covered',
    report: 'covered',
    facts: {},
    status: 'unavailable',
    findings: [],
  },
  {
    name: 'nothing checks the dependencies',
    report: 'unchecked',
    facts: { pipAudit: { status: 'missing' } },
    status: 'ok',
    findings: [
      '-:- - nothing checks the dependencies for known vulnerabilities: no scanner in CI, pre-commit or tox, no pip-audit run, and no OSV database (--osv-db) or report (--import) given to vouch',
    ],
  },
  {
    name: 'a database checks them',
    report: 'unchecked',
    facts: { pipAudit: { status: 'missing' }, vulnerabilities: CLEAN },
    status: 'ok',
    findings: [],
  },
  {
    name: 'pip-audit ran',
    report: 'unchecked',
    facts: { pipAudit: { status: 'ok' } },
    status: 'ok',
    findings: [],
  },
  {
    name: 'a scanner runs in CI',
    report: 'unchecked',
    facts: {
      pipAudit: { status: 'missing' },
      files: {
        '.github/workflows/audit.yml':
          'on: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip-audit -r requirements.txt\n',
      },
    },
    status: 'ok',
    findings: [],
  },
];

describe('vulnerabilities probe', () => {
  it.each(rows)('$report: $name', ({ report, facts, status, findings }) => {
    const r = vulnerabilitiesProbe.run(makeFacts(facts), { report });
    expect(r.status).toBe(status);
    expect(r.findings.map((f) => `${f.file ?? '-'}:${f.line ?? '-'} ${f.rule ?? '-'} ${f.message}`)).toEqual(
      findings,
    );
  });

  it('names the database, its date and its withdrawn records in the notes', () => {
    const r = vulnerabilitiesProbe.run(makeFacts({ vulnerabilities: CLEAN }), { report: 'vulnerable' });
    expect(r.notes?.map((n) => n.message)).toEqual([
      'OSV database all.zip (newest record 2026-11-30): 200 records (3 withdrawn, not applied)',
    ]);
  });
});
