import { describe, expect, it } from 'vitest';
import { cwesOf, readSarifImport, repoPath } from '../../../../src/vuln/import/sarif.js';

function log(driver: Record<string, unknown>, results: Record<string, unknown>[]): Record<string, unknown> {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver }, results }],
  };
}

const at = (uri: string, startLine: number) => [
  { physicalLocation: { artifactLocation: { uri }, region: { startLine, startColumn: 5 } } },
];

describe('SARIF from other scanners', () => {
  const rows: { name: string; json: Record<string, unknown>; want: string[] }[] = [
    {
      name: 'bandit',
      json: log(
        { name: 'Bandit', rules: [{ id: 'B602', name: 'subprocess_popen_with_shell_equals_true' }] },
        [
          {
            ruleId: 'B602',
            level: 'error',
            message: { text: 'subprocess call with shell=True identified' },
            locations: at('app/utils.py', 17),
          },
        ],
      ),
      want: ['Bandit B602 app/utils.py:17 [] subprocess call with shell=True identified'],
    },
    {
      name: 'CodeQL (CWE tags on the rule, found by ruleIndex)',
      json: log(
        {
          name: 'CodeQL',
          rules: [{ id: 'py/sql-injection', properties: { tags: ['security', 'external/cwe/cwe-089'] } }],
        },
        [
          {
            ruleIndex: 0,
            message: { text: 'This SQL query depends on a user-provided value.' },
            locations: at('file:///src/repo/app/db.py', 44),
          },
        ],
      ),
      want: ['CodeQL py/sql-injection app/db.py:44 [89] This SQL query depends on a user-provided value.'],
    },
    {
      name: 'semgrep (CWE titles in tags, %SRCROOT%-relative)',
      json: log(
        {
          name: 'Semgrep OSS',
          rules: [
            {
              id: 'python.lang.security.audit.eval-detected',
              properties: { tags: ['CWE-95: Eval Injection', 'OWASP-A03:2021'] },
            },
          ],
        },
        [
          {
            ruleId: 'python.lang.security.audit.eval-detected',
            message: { text: 'Detected eval' },
            locations: at('./app/views.py', 31),
          },
        ],
      ),
      want: ['Semgrep OSS python.lang.security.audit.eval-detected app/views.py:31 [95] Detected eval'],
    },
    { name: 'a run with no results', json: log({ name: 'ruff' }, []), want: [] },
  ];
  it.each(rows)('$name', ({ json, want }) => {
    const r = readSarifImport('scan.sarif', json, '/src/repo');
    if (typeof r === 'string') throw new Error(r);
    expect(
      r.findings.map((f) => `${f.tool} ${f.rule} ${f.path}:${f.line} [${f.cwes.join(',')}] ${f.message}`),
    ).toEqual(want);
  });

  it.each([
    ['version 2.0.0 without a schema', { version: '2.0.0', runs: [] }],
    ['no runs', { version: '2.1.0' }],
  ])('%s is not SARIF 2.1.0', (_name, json) => {
    expect(readSarifImport('x.sarif', json, '/r')).toBe('not a SARIF 2.1.0 log');
  });

  it.each([
    [{ tags: ['external/cwe/cwe-079', 'external/cwe/cwe-116'] }, ['79', '116']],
    [{ cwe: 'CWE-78' }, ['78']],
    [{ tags: ['security', 'correctness'] }, []],
  ])('cwesOf(%j)', (bag, want) => expect(cwesOf(bag)).toEqual(want));

  it.each([
    ['file:///src/repo/app/x.py', 'app/x.py'],
    ['./app/x.py', 'app/x.py'],
    ['app/x.py', 'app/x.py'],
    ['/elsewhere/x.py', '/elsewhere/x.py'],
  ])('repoPath(%s)', (uri, want) => expect(repoPath(uri, '/src/repo')).toBe(want));
});
