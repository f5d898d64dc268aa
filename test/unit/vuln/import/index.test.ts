import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/errors.js';
import { parseImport, readImports } from '../../../../src/vuln/import/index.js';

describe('telling the format of an imported report by its content', () => {
  const rows: { name: string; text: string; want: string }[] = [
    { name: 'pip-audit', text: '{"dependencies": [], "fixes": []}', want: 'pip-audit' },
    {
      name: 'osv-scanner',
      text: '{"results": [{"source": {"path": "r.txt"}, "packages": []}]}',
      want: 'osv-scanner',
    },
    { name: 'SARIF', text: '{"version": "2.1.0", "runs": []}', want: 'sarif' },
    {
      name: 'not JSON',
      text: 'Found 2 known vulnerabilities in 1 package',
      want: 'not JSON (pip-audit -f json, osv-scanner --format json or SARIF expected)',
    },
    {
      name: 'foreign JSON (bandit -f json)',
      text: '{"errors": [], "results": [], "metrics": {}}',
      want: 'not a pip-audit, osv-scanner or SARIF report',
    },
    {
      name: 'foreign JSON (a package.json)',
      text: '{"name": "x", "version": "1.0.0"}',
      want: 'not a pip-audit, osv-scanner or SARIF report',
    },
  ];
  it.each(rows)('$name', ({ text, want }) => {
    const r = parseImport('f.json', text, '/r');
    expect(typeof r === 'string' ? r : r.kind).toBe(want);
  });
});

describe('readImports', () => {
  it('names the file that cannot be read, in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-import-'));
    const good = join(dir, 'audit.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, '{"dependencies": []}');
    writeFileSync(bad, '<html>');
    expect(readImports([good], dir).map((r) => r.kind)).toEqual(['pip-audit']);
    expect(() => readImports([good, bad], dir)).toThrow(UsageError);
    expect(() => readImports([bad], dir)).toThrow(`--import ${bad}: not JSON`);
    expect(() => readImports([join(dir, 'missing.json')], dir)).toThrow(
      /--import .*missing\.json: cannot read it \(ENOENT\)/,
    );
  });
});
