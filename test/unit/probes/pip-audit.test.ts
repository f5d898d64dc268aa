import { describe, expect, test } from 'vitest';
import { pipAuditProbe } from '../../../src/probes/pip-audit.js';
import type { Manifest, PipAuditRun, VulnerableDependency } from '../../../src/repo/types.js';
import { makeFacts, manifest } from './facts.js';

const JINJA: VulnerableDependency = {
  name: 'jinja2',
  version: '2.10',
  id: 'PYSEC-2019-217',
  aliases: ['CVE-2019-10906', 'GHSA-462w-v97r-4m45'],
  fixVersions: ['2.10.1'],
};
const PYYAML: VulnerableDependency = {
  name: 'PyYAML',
  version: '5.3',
  id: 'PYSEC-2021-142',
  aliases: [],
  fixVersions: ['5.4', '6.0'],
};
const NOFIX: VulnerableDependency = {
  name: 'ecdsa',
  version: '0.18.0',
  id: 'GHSA-wj6h-64fc-37mp',
  aliases: ['CVE-2024-23342'],
  fixVersions: [],
};

const REQS = manifest('requirements.txt', 'requirements', ['Jinja2==2.10', 'pyyaml==5.3']);
const DEV = manifest('tests/requirements.txt', 'requirements', ['ecdsa==0.18.0']);

interface Row {
  name: string;
  run: Partial<PipAuditRun>;
  manifests?: Manifest[];
  expected: {
    status: string;
    reason?: string;
    findings: { rule: string; message: string; file?: string; line?: number; context: string }[];
  };
}

const rows: Row[] = [
  {
    name: 'a vulnerability, pointed at its declaration',
    run: { vulnerabilities: [JINJA], dependenciesChecked: 2 },
    manifests: [REQS],
    expected: {
      status: 'ok',
      findings: [
        {
          rule: 'PYSEC-2019-217',
          message: 'jinja2 2.10 has PYSEC-2019-217 (CVE-2019-10906, GHSA-462w-v97r-4m45), fixed in 2.10.1',
          file: 'requirements.txt',
          line: 1,
          context: 'code',
        },
      ],
    },
  },
  {
    name: 'no aliases, several fixes, name normalised to find the declaration',
    run: { vulnerabilities: [PYYAML] },
    manifests: [REQS],
    expected: {
      status: 'ok',
      findings: [
        {
          rule: 'PYSEC-2021-142',
          message: 'PyYAML 5.3 has PYSEC-2021-142, fixed in 5.4, 6.0',
          file: 'requirements.txt',
          line: 2,
          context: 'code',
        },
      ],
    },
  },
  {
    name: 'no fix yet',
    run: { vulnerabilities: [NOFIX] },
    manifests: [DEV],
    expected: {
      status: 'ok',
      findings: [
        {
          rule: 'GHSA-wj6h-64fc-37mp',
          message: 'ecdsa 0.18.0 has GHSA-wj6h-64fc-37mp (CVE-2024-23342), no fixed version yet',
          file: 'tests/requirements.txt',
          line: 1,
          context: 'test',
        },
      ],
    },
  },
  {
    name: 'a transitive dependency declared nowhere',
    run: { vulnerabilities: [NOFIX] },
    manifests: [REQS],
    expected: {
      status: 'ok',
      findings: [
        {
          rule: 'GHSA-wj6h-64fc-37mp',
          message: 'ecdsa 0.18.0 has GHSA-wj6h-64fc-37mp (CVE-2024-23342), no fixed version yet',
          context: 'code',
        },
      ],
    },
  },
  {
    name: 'several vulnerabilities, in pip-audit order',
    run: { vulnerabilities: [JINJA, PYYAML] },
    manifests: [REQS],
    expected: {
      status: 'ok',
      findings: [
        {
          rule: 'PYSEC-2019-217',
          message: 'jinja2 2.10 has PYSEC-2019-217 (CVE-2019-10906, GHSA-462w-v97r-4m45), fixed in 2.10.1',
          file: 'requirements.txt',
          line: 1,
          context: 'code',
        },
        {
          rule: 'PYSEC-2021-142',
          message: 'PyYAML 5.3 has PYSEC-2021-142, fixed in 5.4, 6.0',
          file: 'requirements.txt',
          line: 2,
          context: 'code',
        },
      ],
    },
  },
  {
    name: 'a clean run',
    run: { vulnerabilities: [], dependenciesChecked: 14 },
    expected: { status: 'ok', findings: [] },
  },
  {
    name: 'missing pip-audit',
    run: { status: 'missing', reason: 'pip-audit not found on PATH' },
    expected: { status: 'unavailable', reason: 'pip-audit not found on PATH', findings: [] },
  },
  {
    name: 'missing, no reason given',
    run: { status: 'missing' },
    expected: { status: 'unavailable', reason: 'pip-audit not found on PATH', findings: [] },
  },
  {
    name: 'timed out, with vulnerabilities left from a partial run ignored',
    run: { status: 'timeout', reason: 'pip-audit timed out after 300 s', vulnerabilities: [JINJA] },
    expected: { status: 'unavailable', reason: 'pip-audit timed out after 300 s', findings: [] },
  },
];

describe('pip-audit probe', () => {
  test.each(rows)('$name', ({ run, manifests, expected }) => {
    const result = pipAuditProbe.run(makeFacts({ pipAudit: run, manifests: manifests ?? [] }), {});
    expect({
      status: result.status,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      findings: result.findings.map((f) => ({
        rule: f.rule,
        message: f.message,
        ...(f.file === undefined ? {} : { file: f.file }),
        ...(f.line === undefined ? {} : { line: f.line }),
        context: f.context,
      })),
    }).toEqual(expected);
  });

  test('a run says how much it checked', () => {
    const result = pipAuditProbe.run(makeFacts({ pipAudit: { dependenciesChecked: 1 } }), {});
    expect(result.notes?.map((n) => n.message)).toEqual(['pip-audit checked 1 dependency']);
  });
});
