/** What the CLI prints and writes: never a secret, never outside where it should, never a crash. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportPaths, writeReports } from '../../../src/cli/reports.js';
import { withoutCredentials } from '../../../src/cli/signoff.js';
import { formatSummary } from '../../../src/cli/summary.js';
import { UsageError } from '../../../src/errors.js';
import { makeAuditFixture } from '../../fixtures/audit-fixture.js';

const TOKEN = 'ghp_R4nd0mT0k3nV4lu3F0rT3st1ngAbCdEf1234';
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vouch-cli-'));
  made.push(d);
  return d;
}

describe('withoutCredentials', () => {
  const rows: { url: string; expected: string }[] = [
    { url: 'https://github.com/a/b.git', expected: 'https://github.com/a/b.git' },
    { url: 'git@github.com:a/b.git', expected: 'git@github.com:a/b.git' },
    { url: 'https://user@host/a.git', expected: 'https://host/a.git' },
    { url: 'https://user:secret@host/a.git', expected: 'https://host/a.git' },
    // The old pattern stopped at the first "@" and kept "ss@" of the password.
    { url: 'https://user:p@ss@host/a.git', expected: 'https://host/a.git' },
    { url: 'ssh://git:pw@host:22/a.git', expected: 'ssh://host:22/a.git' },
    { url: `https://x-access-token:${TOKEN}@github.com/a/b.git`, expected: 'https://github.com/a/b.git' },
    { url: `https://host/a.git?token=${TOKEN}`, expected: 'https://host/a.git?token=ghp_***' },
  ];
  it.each(rows)('$url', ({ url, expected }) => {
    expect(withoutCredentials(url)).toBe(expected);
  });
});

describe('formatSummary redacts every line, not only evidence', () => {
  const places: { name: string; change: (a: ReturnType<typeof makeAuditFixture>) => void }[] = [
    {
      name: 'a notice quoting bandit’s stderr',
      change: (a) => a.notices.push(`bandit failed: bandit exited with code 2: KeyError: '${TOKEN}'`),
    },
    {
      name: 'a probe reason',
      change: (a) => {
        const p = a.probes[0];
        if (p) p.reason = `could not run: token=${TOKEN}`;
      },
    },
    {
      name: 'an item reason',
      change: (a) => {
        const i = a.items.find((x) => x.verdict === 'review' || x.verdict === 'unanswered');
        if (i) i.reasons = [`see ${TOKEN}`];
      },
    },
  ];
  it.each(places)('$name', ({ change }) => {
    const audit = makeAuditFixture();
    change(audit);
    const text = formatSummary(audit, { color: false, verbose: true, reports: [] });
    expect(text).toContain('ghp_***');
    expect(text).not.toContain('R4nd0mT0k3n');
  });
});

describe('formatSummary shows no escape sequence from the repository', () => {
  it('in a file name, a message, a title and a notice', () => {
    const audit = makeAuditFixture();
    const item = audit.items.find((i) => i.verdict === 'fail');
    const evidence = item?.evidence[0];
    if (item === undefined || evidence === undefined) throw new Error('fixture: no failing evidence');
    evidence.file = '\u001b]0;PWNED\u0007\u001b[2J.py';
    evidence.message = 'eval \u001b[2K\r✔ all passed';
    item.title = 'title \u009b31m';
    audit.notices.push('notice \u001b]52;c;ZWNobw==\u0007');
    for (const color of [false, true]) {
      const text = formatSummary(audit, { color, verbose: true, reports: ['\u001b[1mreport.md'] });
      // With colour on, vouch's own SGR codes are the only escapes left.
      // eslint-disable-next-line no-control-regex
      const escapes = text.match(/\u001b\[[0-9;]*m|\u001b|\u009b/gu) ?? [];
      // eslint-disable-next-line no-control-regex
      expect(escapes.every((e) => /^\u001b\[[0-9;]*m$/u.test(e) && color)).toBe(true);
      expect(text).toContain('\\x1b]0;PWNED\\x07\\x1b[2J.py');
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\r\u0007]/u);
    }
  });
});

describe('reportPaths and writeReports', () => {
  it('refuses an empty --output', () => {
    expect(() => reportPaths(dir(), ['md'], '')).toThrow(UsageError);
  });

  it('refuses to write the default reports through a .vouch symlink', () => {
    const root = dir();
    const outside = dir();
    symlinkSync(outside, join(root, '.vouch'));
    expect(() => reportPaths(root, ['md'], undefined)).toThrow(/\.vouch is a symbolic link/);
  });

  it('turns a write failure into a one-line UsageError (exit 2), not an internal error', () => {
    const root = dir();
    writeFileSync(join(root, 'file'), '');
    const paths = reportPaths(root, ['md', 'json'], join(root, 'file', 'sub/'));
    expect(() => writeReports(makeAuditFixture(), paths)).toThrow(
      /^cannot write the report .*: (ENOTDIR|EEXIST)$/,
    );
  });

  it('writes into .vouch as a real folder', () => {
    const root = dir();
    mkdirSync(join(root, '.vouch'));
    const paths = reportPaths(root, ['md'], undefined);
    expect(writeReports(makeAuditFixture(), paths)).toHaveLength(1);
  });
});
