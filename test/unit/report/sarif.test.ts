import { describe, expect, it } from 'vitest';
import { errorsText, sarifValidator } from '../../support/schemas.js';
import type { Audit, Evidence } from '../../../src/audit/types.js';
import {
  cweTag,
  fingerprintKey,
  pascalCase,
  relativeUri,
  render,
  REPOSITORY_LEVEL_URI,
} from '../../../src/report/sarif.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const validate = sarifValidator();

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn?: number; snippet?: { text: string } };
    };
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: Rule[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string } }[];
    }[];
    results: Result[];
  }[];
}

function sarif(audit: Audit = makeAuditFixture()): Log {
  return JSON.parse(render(audit, {})) as Log;
}

function run(audit?: Audit) {
  const r = sarif(audit).runs[0];
  if (r === undefined) throw new Error('no run');
  return r;
}

describe('sarif report', () => {
  it('matches the snapshot', async () => {
    await expect(render(makeAuditFixture(), {})).toMatchFileSnapshot('./__snapshots__/vouch-report.sarif');
  });

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(sarif());
    expect(ok ? '' : errorsText(validate.errors)).toBe('');
  });

  it('the schema check can fail (a result without a message)', () => {
    const log = sarif();
    const first = log.runs[0]?.results[0] as Partial<Result>;
    delete first.message;
    expect(validate(log)).toBe(false);
  });

  it('checks uri formats: a URI with spaces (as Scorecard once wrote) fails, the placeholder passes', () => {
    const log = sarif();
    const loc = log.runs[0]?.results.find((r) => r.ruleId === 'deps-vulnerability-scan')?.locations[0];
    if (loc === undefined) throw new Error('no repository-level result');
    expect(validate(log)).toBe(true);
    loc.physicalLocation.artifactLocation.uri = 'no file associated with this alert';
    expect(validate(log)).toBe(false);
  });

  it('names the tool and the schema', () => {
    const log = sarif();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run().tool.driver).toMatchObject({
      name: 'vouch',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/vouch-security/vouch',
    });
    expect(run().originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/src/shopfront/' } });
    expect(run().invocations[0]?.executionSuccessful).toBe(true);
  });

  it('has one rule per checklist item, in checklist order', () => {
    const audit = makeAuditFixture();
    expect(run(audit).tool.driver.rules.map((r) => r.id)).toEqual(audit.checklist.items.map((i) => i.id));
  });

  it.each([
    {
      id: 'no-eval-exec',
      expected: {
        name: 'NoEvalExec',
        shortDescription: { text: 'No eval() or exec() on untrusted input' },
        fullDescription: { text: 'Is untrusted input never passed to eval() or exec()?' },
        defaultConfiguration: { level: 'error' },
        properties: {
          tags: ['security', 'code-injection', 'external/cwe/cwe-95'],
          precision: 'high',
          'security-severity': '8.0',
        },
      },
    },
    {
      id: 'debug-disabled',
      expected: {
        name: 'DebugDisabled',
        defaultConfiguration: { level: 'warning' },
        properties: {
          tags: ['security', 'configuration', 'external/cwe/cwe-489'],
          'security-severity': '5.5',
        },
      },
    },
    {
      id: 'security-tests',
      expected: {
        name: 'SecurityTests',
        defaultConfiguration: { level: 'note' },
        properties: { tags: ['security', 'process'], precision: 'medium', 'security-severity': '3.0' },
      },
    },
  ])('rule $id', ({ id, expected }) => {
    const rule = run().tool.driver.rules.find((r) => r.id === id);
    expect(rule).toMatchObject(expected);
    expect(rule?.help.text).toContain('Remediation:');
    expect(rule?.help.markdown).toContain('**Remediation**');
  });

  it.each([
    // item id → the results it produces: [level, location, suppressed]
    { id: 'no-eval-exec', expected: [['error', 'app/views.py:42', false]] },
    {
      id: 'no-hardcoded-secrets',
      expected: [
        ['error', 'app/settings.py:7', false],
        ['error', '.github/workflows/release.yml:31', false],
      ],
    },
    { id: 'no-shell-injection', expected: [['error', 'scripts/deploy.py:18', true]] },
    { id: 'no-unsafe-deserialization', expected: [['warning', 'app/cache.py:23', false]] },
    { id: 'deps-vulnerability-scan', expected: [['warning', `${REPOSITORY_LEVEL_URI}:1`, false]] },
    { id: 'debug-disabled', expected: [] },
    { id: 'env-files-ignored', expected: [] },
    { id: 'deps-pinned', expected: [] },
    { id: 'security-review', expected: [] },
    { id: 'security-tests', expected: [] },
  ])('results of $id', ({ id, expected }) => {
    const r = run();
    const got = r.results
      .filter((res) => res.ruleId === id)
      .map((res) => {
        const loc = res.locations[0]?.physicalLocation;
        return [
          res.level,
          `${loc?.artifactLocation.uri}:${loc?.region.startLine}`,
          res.suppressions !== undefined,
        ];
      });
    expect(got).toEqual(expected);
    for (const res of r.results) expect(r.tool.driver.rules[res.ruleIndex]?.id).toBe(res.ruleId);
  });

  it('gives every result a location GitHub accepts: a relative uri under %SRCROOT% and a line', () => {
    for (const res of run().results) {
      expect(res.locations).toHaveLength(1);
      const loc = res.locations[0]?.physicalLocation;
      expect(loc?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc?.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/);
      expect(loc?.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it('says why a repository-level result fails in its message', () => {
    const res = run().results.find((r) => r.ruleId === 'deps-vulnerability-scan');
    expect(res?.message.text).toBe(
      'Dependencies scanned for known vulnerabilities: pip-audit: could not run (pip-audit is not installed)',
    );
  });

  it('suppresses waived results with the waiver as justification', () => {
    const res = run().results.find((r) => r.ruleId === 'no-shell-injection');
    expect(res?.suppressions).toEqual([
      {
        kind: 'external',
        justification:
          'Deploy script runs only in CI with a fixed host list; rewrite tracked in #212 (expires 2027-03-31)',
      },
    ]);
  });

  it('puts start line and column in the region, and a redacted snippet', () => {
    const res = run().results.find((r) => r.ruleId === 'no-hardcoded-secrets');
    expect(res?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 7,
      startColumn: 16,
      snippet: { text: 'GITHUB_TOKEN = "ghp_***"' },
    });
    expect(render(makeAuditFixture(), {})).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
  });

  it('lists notices and probes that could not run as notifications', () => {
    expect(run().invocations[0]?.toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: 'probe pip-audit could not run: pip-audit is not installed' } },
      {
        level: 'note',
        message: { text: 'pip-audit is not installed: install it to auto-answer 1 more item' },
      },
      {
        level: 'note',
        message: { text: '2 files skipped (too large): data/catalogue.json, static/vendor/app.min.js' },
      },
    ]);
  });

  it('leaves out originalUriBaseIds when the audited path is relative (a file URI must be absolute)', () => {
    const audit = makeAuditFixture();
    audit.repo = { path: 'shopfront' };
    expect(run(audit).originalUriBaseIds).toBeUndefined();
    expect(validate(sarif(audit))).toBe(true);
  });
});

describe('fingerprints', () => {
  const fingerprintOf = (audit: Audit, id: string, n = 0) =>
    run(audit).results.filter((r) => r.ruleId === id)[n]?.partialFingerprints['vouch/v1'];

  function withEvidence(change: (e: Evidence) => void): Audit {
    const audit = makeAuditFixture();
    const e = audit.items.find((i) => i.id === 'no-eval-exec')?.evidence[0];
    if (e === undefined) throw new Error('fixture changed');
    change(e);
    return audit;
  }

  it.each([
    { name: 'the code moved down 30 lines', change: (e: Evidence) => (e.line = 72), same: true },
    { name: 'the column changed', change: (e: Evidence) => (e.column = 4), same: true },
    {
      name: 'the indentation changed',
      change: (e: Evidence) => (e.snippet = '    return  eval(request.args["expr"])'),
      same: true,
    },
    {
      name: 'the message was reworded',
      change: (e: Evidence) => (e.message = 'eval() is dangerous'),
      same: true,
    },
    {
      name: 'the snippet changed',
      change: (e: Evidence) => (e.snippet = 'return eval(request.form["expr"])'),
      same: false,
    },
    { name: 'the file was renamed', change: (e: Evidence) => (e.file = 'app/api.py'), same: false },
  ])('$name → same fingerprint: $same', ({ change, same }) => {
    const before = fingerprintOf(makeAuditFixture(), 'no-eval-exec');
    const after = fingerprintOf(withEvidence(change), 'no-eval-exec');
    expect(before).toMatch(/^[0-9a-f]{64}:1$/);
    expect(after === before).toBe(same);
  });

  it('tells identical findings in one file apart by their order', () => {
    const audit = makeAuditFixture();
    const item = audit.items.find((i) => i.id === 'no-eval-exec');
    const first = item?.evidence[0];
    if (item === undefined || first === undefined) throw new Error('fixture changed');
    item.evidence.splice(1, 0, { ...first, line: 90 });
    const a = fingerprintOf(audit, 'no-eval-exec', 0);
    const b = fingerprintOf(audit, 'no-eval-exec', 1);
    expect(a?.endsWith(':1')).toBe(true);
    expect(b?.endsWith(':2')).toBe(true);
    expect(a?.slice(0, 64)).toBe(b?.slice(0, 64));
  });

  it('hashes the redacted snippet, never the secret', () => {
    const e: Evidence = {
      message: 'm',
      file: 'a.py',
      snippet: `t = "${FAKE_GITHUB_TOKEN}"`,
      check: 0,
      counted: true,
    };
    expect(fingerprintKey('x', e)).not.toContain(FAKE_GITHUB_TOKEN);
  });
});

describe('sarif helpers', () => {
  it.each([
    { id: 'no-eval-exec', expected: 'NoEvalExec' },
    { id: 'sql-parameterized', expected: 'SqlParameterized' },
    { id: 'deps-pinned', expected: 'DepsPinned' },
    { id: 'a', expected: 'A' },
    { id: 'x--y_z', expected: 'XYZ' },
  ])('pascalCase($id) = $expected', ({ id, expected }) => {
    expect(pascalCase(id)).toBe(expected);
  });

  it.each([
    { cwe: 'CWE-95', expected: 'external/cwe/cwe-95' },
    { cwe: 'cwe-798', expected: 'external/cwe/cwe-798' },
    { cwe: '502', expected: 'external/cwe/cwe-502' },
    { cwe: ' CWE-78 ', expected: 'external/cwe/cwe-78' },
    { cwe: 'CWE-XSS', expected: undefined },
  ])('cweTag($cwe) = $expected', ({ cwe, expected }) => {
    expect(cweTag(cwe)).toBe(expected);
  });

  it.each([
    { file: 'app/views.py', expected: 'app/views.py' },
    { file: './app/views.py', expected: 'app/views.py' },
    { file: 'app\\win\\path.py', expected: 'app/win/path.py' },
    { file: 'docs/my file #1.py', expected: 'docs/my%20file%20%231.py' },
    { file: 'src/ünï.py', expected: 'src/%C3%BCn%C3%AF.py' },
  ])('relativeUri($file) = $expected', ({ file, expected }) => {
    expect(relativeUri(file)).toBe(expected);
  });
});
