import { describe, expect, it } from 'vitest';
import { readOsvScannerImport } from '../../../../src/vuln/import/osv-scanner.js';
import { osvRecord } from '../../../fixtures/osv-db.js';

const REPORT = {
  results: [
    {
      source: { path: '/home/ci/project/requirements.txt', type: 'lockfile' },
      packages: [
        {
          package: { name: 'Jinja2', version: '2.10', ecosystem: 'PyPI' },
          vulnerabilities: [
            osvRecord({
              id: 'GHSA-462w-v97r-4m45',
              package: 'jinja2',
              aliases: ['CVE-2019-10906'],
              ranges: [[{ introduced: '0' }, { fixed: '2.10.1' }]],
            }),
            osvRecord({
              id: 'PYSEC-2019-217',
              package: 'jinja2',
              aliases: ['CVE-2019-10906'],
              ranges: [[{ introduced: '0' }, { fixed: '2.10.1' }]],
            }),
            osvRecord({ id: 'PYSEC-2099-9', package: 'jinja2', ranges: [[{ introduced: '0' }]] }),
          ],
          groups: [
            {
              ids: ['GHSA-462w-v97r-4m45', 'PYSEC-2019-217'],
              aliases: ['CVE-2019-10906'],
              max_severity: '5.6',
            },
          ],
        },
        {
          package: { name: 'lodash', version: '4.0.0', ecosystem: 'npm' },
          vulnerabilities: [
            osvRecord({ id: 'GHSA-npm', package: 'lodash', ecosystem: 'npm', versions: ['4.0.0'] }),
          ],
        },
      ],
    },
    { source: { path: '/home/ci/project/poetry.lock', type: 'lockfile' }, packages: [] },
  ],
};

describe('osv-scanner --format json', () => {
  it('reads PyPI packages, one hit per group, with the fix from the ranges', () => {
    const r = readOsvScannerImport('osv.json', REPORT);
    if (typeof r === 'string') throw new Error(r);
    expect(r.scannedFiles).toEqual(['/home/ci/project/requirements.txt', '/home/ci/project/poetry.lock']);
    expect(r.checked).toEqual([{ name: 'jinja2', version: '2.10' }]);
    expect(
      r.hits.map((h) => `${h.name} ${h.version} ${h.id} [${h.aliases.join(' ')}] fixed ${h.fixed.join(',')}`),
    ).toEqual([
      'jinja2 2.10 GHSA-462w-v97r-4m45 [CVE-2019-10906 PYSEC-2019-217] fixed 2.10.1',
      'jinja2 2.10 PYSEC-2099-9 [] fixed ',
    ]);
    expect(r.hits[0]?.source).toBe('osv-scanner report osv.json');
  });

  it.each([
    ['no results', { dependencies: [] }],
    ['results of another shape', { results: [1, 2] }],
  ])('%s is not an osv-scanner report', (_name, json) => {
    expect(readOsvScannerImport('x.json', json)).toBe('not an osv-scanner JSON report');
  });
});
