/** `--output` as people type it, on the built CLI: the file name's ending picks the format. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitRepoFrom, REPO, vouch } from './helpers.js';

const HARDENED = join(REPO, 'examples', 'hardened-flask-app');
let root = '';
beforeAll(() => {
  root = gitRepoFrom(HARDENED);
});

const AUDIT = ['--non-interactive', '--no-bandit', '--no-pip-audit', '--fail-on', 'none'];

describe('--output without --format', () => {
  it.each([
    { name: 'report.md', starts: /^# /, format: 'md' },
    { name: 'report.json', starts: /^\{\s*"schemaVersion"/, format: 'json' },
    { name: 'report.sarif', starts: /"version": "2\.1\.0"/, format: 'sarif' },
    { name: 'report.xml', starts: /^<\?xml[^>]*>\s*<testsuites/, format: 'junit' },
    { name: 'report.junit.xml', starts: /^<\?xml[^>]*>\s*<testsuites/, format: 'junit' },
    { name: 'report.html', starts: /^<!doctype html>/i, format: 'html' },
  ])('$name writes one $format report there and nothing else', async ({ name, starts }) => {
    const out = mkdtempSync(join(tmpdir(), 'vouch-out-'));
    const file = join(out, name);
    const r = await vouch([root, ...AUDIT, '--output', file, '--quiet']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(readdirSync(out)).toEqual([name]);
    expect(readFileSync(file, 'utf8')).toMatch(starts);
    expect(existsSync(join(root, '.vouch', 'vouch-report.md'))).toBe(false);
  });

  it('a new folder name with no report ending is created for the default formats', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vouch-out-')), 'reports');
    const r = await vouch([root, ...AUDIT, '--output', out]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['vouch-report.json', 'vouch-report.md']);
    expect(String(r.stdout)).toContain('vouch-report.md');
  });

  it.each([
    {
      args: ['--format', 'json', '--output', 'r.md'],
      message: /^vouch: --format json does not match --output \S*r\.md \(a name for md\)/,
    },
    {
      args: ['--format', 'md,json', '--output', 'r.html'],
      message: /^vouch: --format md,json does not match --output \S*r\.html \(a name for html\)/,
    },
  ])('$args is one line and exit 2, nothing written', async ({ args, message }) => {
    const out = mkdtempSync(join(tmpdir(), 'vouch-out-'));
    const r = await vouch([root, ...AUDIT, ...args.map((a) => (a.includes('.') ? join(out, a) : a))]);
    expect(r.exitCode).toBe(2);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });
});
