import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsText, reportJsonValidator, sarifValidator } from '../support/schemas.js';
import { findAll, parseXml } from '../unit/report/xml-check.js';
import { gitRepoFrom, REPO, vouch } from './helpers.js';

const validateJson = reportJsonValidator();
const validateSarif = sarifValidator();

describe.each([
  ['vulnerable-flask-app', 1],
  ['hardened-flask-app', 0],
])('every report format on the real audit of %s', (example, exitCode) => {
  it('writes md, json, sarif, junit and html that their consumers accept', async () => {
    const root = gitRepoFrom(join(REPO, 'examples', example));
    const out = join(root, '..', 'reports');
    const r = await vouch([
      root,
      '--non-interactive',
      '--format',
      'md,json,sarif,junit,html',
      '--output',
      `${out}/`,
    ]);
    expect(r.exitCode).toBe(exitCode);
    const read = (name: string) => readFileSync(join(out, name), 'utf8');

    const json = JSON.parse(read('vouch-report.json')) as { items: { id: string; verdict: string }[] };
    expect(validateJson(json), errorsText(validateJson.errors)).toBe(true);
    expect(json.items).toHaveLength(32);

    const sarif = JSON.parse(read('vouch-report.sarif')) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(validateSarif(sarif), errorsText(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0]?.tool.driver.rules).toHaveLength(32);
    const failing = json.items.filter((i) => i.verdict === 'fail').map((i) => i.id);
    const errorRules = new Set(
      sarif.runs[0]?.results.filter((x) => x.level === 'error').map((x) => x.ruleId),
    );
    expect([...errorRules].sort()).toEqual([...failing].sort());

    const junit = parseXml(read('vouch-report.junit.xml'));
    expect(findAll(junit, 'testcase')).toHaveLength(32);
    expect(findAll(junit, 'failure')).toHaveLength(failing.length);

    const html = read('vouch-report.html');
    expect(html).not.toMatch(/<script|<link |src="http/i);
    expect(html).toContain('<svg');

    const md = read('vouch-report.md');
    for (const id of failing) expect(md).toContain(id);
    for (const text of [
      md,
      html,
      read('vouch-report.json'),
      read('vouch-report.sarif'),
      read('vouch-report.junit.xml'),
    ]) {
      expect(text).not.toMatch(/AKIA[0-9A-Z]{16}|ghp_[0-9A-Za-z]{36}/);
    }
  });
});
