import { describe, expect, test } from 'vitest';
import { toolProbe } from '../../../src/probes/tool.js';
import type { ToolInfo } from '../../../src/repo/types.js';
import { makeFacts } from './facts.js';

interface Row {
  name: string;
  tools: Record<string, Omit<ToolInfo, 'name'>>;
  names: string[];
  expected: { status: string; reason?: string; messages: string[] };
}

const BANDIT = { path: '/usr/bin/bandit', version: '1.6.2' };

const rows: Row[] = [
  {
    name: 'installed, with version',
    tools: { bandit: BANDIT },
    names: ['bandit'],
    expected: { status: 'ok', messages: ['bandit 1.6.2 is installed (/usr/bin/bandit)'] },
  },
  {
    name: 'installed, version unknown',
    tools: { semgrep: { path: '/opt/bin/semgrep' } },
    names: ['semgrep'],
    expected: { status: 'ok', messages: ['semgrep is installed (/opt/bin/semgrep)'] },
  },
  {
    name: 'looked for and not found',
    tools: { 'pip-audit': {} },
    names: ['pip-audit'],
    expected: { status: 'ok', messages: [] },
  },
  {
    name: 'several names, in the order asked',
    tools: { bandit: BANDIT, 'pip-audit': { path: '/usr/bin/pip-audit', version: '2.7.3' }, safety: {} },
    names: ['safety', 'pip-audit', 'bandit'],
    expected: {
      status: 'ok',
      messages: [
        'pip-audit 2.7.3 is installed (/usr/bin/pip-audit)',
        'bandit 1.6.2 is installed (/usr/bin/bandit)',
      ],
    },
  },
  {
    name: 'one found is a match even when another was never looked for',
    tools: { bandit: BANDIT },
    names: ['bandit', 'trivy'],
    expected: { status: 'ok', messages: ['bandit 1.6.2 is installed (/usr/bin/bandit)'] },
  },
  {
    name: 'never looked for: cannot say it is absent',
    tools: { bandit: BANDIT },
    names: ['trivy'],
    expected: { status: 'unavailable', reason: 'PATH was not searched for trivy', messages: [] },
  },
  {
    name: 'none found, one never looked for',
    tools: { safety: {} },
    names: ['safety', 'trivy', 'grype'],
    expected: { status: 'unavailable', reason: 'PATH was not searched for trivy, grype', messages: [] },
  },
  {
    name: 'no tools at all were looked up',
    tools: {},
    names: ['bandit'],
    expected: { status: 'unavailable', reason: 'PATH was not searched for bandit', messages: [] },
  },
];

describe('tool probe', () => {
  test.each(rows)('$name', ({ tools, names, expected }) => {
    const result = toolProbe.run(makeFacts({ tools }), { names });
    expect({
      status: result.status,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      messages: result.findings.map((f) => f.message),
    }).toEqual(expected);
    expect(result.findings.every((f) => f.context === 'code' && f.file === undefined)).toBe(true);
  });
});
