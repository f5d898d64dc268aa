/** Which report formats are written where, from --format, --output and the settings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOfFileName, resolveReports, type ReportRequest } from '../../../src/cli/reports.js';
import { UsageError } from '../../../src/errors.js';

let base = '';
let root = '';
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vouch-targets-'));
  root = join(base, 'repo');
  mkdirSync(root);
  mkdirSync(join(base, 'existing-dir'));
  mkdirSync(join(base, 'dir.md'));
  writeFileSync(join(base, 'existing-file'), '');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('formatOfFileName', () => {
  it.each([
    ['report.md', 'md'],
    ['REPORT.MD', 'md'],
    ['out/r.json', 'json'],
    ['r.sarif', 'sarif'],
    ['r.sarif.json', 'sarif'],
    ['r.xml', 'junit'],
    ['r.junit.xml', 'junit'],
    ['r.html', 'html'],
    ['r.htm', 'html'],
    ['reports', undefined],
    ['r.txt', undefined],
    ['r.pdf', undefined],
    ['md', undefined],
    ['.md', undefined],
    ['r.md/', undefined],
  ])('%s → %s', (name, format) => {
    expect(formatOfFileName(name)).toBe(format);
  });
});

/** Request fields with `@` standing for the temp folder; results relative to it. */
type Row = {
  name: string;
  request: Omit<ReportRequest, 'root'>;
  expected: Record<string, string>;
};

const rows: Row[] = [
  {
    name: 'nothing given: md and json in .vouch/',
    request: {},
    expected: { md: 'repo/.vouch/vouch-report.md', json: 'repo/.vouch/vouch-report.json' },
  },
  {
    name: 'a .md file without --format: md',
    request: { output: '@/report.md' },
    expected: { md: 'report.md' },
  },
  {
    name: 'a .json file without --format: json',
    request: { output: '@/r.json' },
    expected: { json: 'r.json' },
  },
  {
    name: 'a .sarif file without --format: sarif',
    request: { output: '@/r.sarif' },
    expected: { sarif: 'r.sarif' },
  },
  {
    name: 'a .xml file without --format: junit',
    request: { output: '@/r.xml' },
    expected: { junit: 'r.xml' },
  },
  {
    name: 'a .junit.xml file without --format: junit',
    request: { output: '@/r.junit.xml' },
    expected: { junit: 'r.junit.xml' },
  },
  {
    name: 'a .html file without --format: html',
    request: { output: '@/r.html' },
    expected: { html: 'r.html' },
  },
  {
    name: 'the ending wins over the settings formats',
    request: { output: '@/r.html', settingsFormat: ['md', 'json'] },
    expected: { html: 'r.html' },
  },
  {
    name: '--format agreeing with the ending',
    request: { format: 'sarif', output: '@/r.sarif' },
    expected: { sarif: 'r.sarif' },
  },
  {
    name: '--format agreeing, any case',
    request: { format: 'MD', output: '@/R.MD' },
    expected: { md: 'R.MD' },
  },
  {
    name: 'one format to a file with no report ending',
    request: { format: 'md', output: '@/notes.txt' },
    expected: { md: 'notes.txt' },
  },
  {
    name: 'one format to a new name with no ending: a file',
    request: { format: 'json', output: '@/report' },
    expected: { json: 'report' },
  },
  {
    name: 'several formats to a new name: a folder',
    request: { output: '@/reports' },
    expected: { md: 'reports/vouch-report.md', json: 'reports/vouch-report.json' },
  },
  {
    name: 'several formats to a new nested name: a folder',
    request: { format: 'sarif,html', output: '@/a/b' },
    expected: { sarif: 'a/b/vouch-report.sarif', html: 'a/b/vouch-report.html' },
  },
  {
    name: 'a trailing slash is a folder',
    request: { format: 'md', output: '@/new/' },
    expected: { md: 'new/vouch-report.md' },
  },
  {
    name: 'an existing folder is a folder, one format too',
    request: { format: 'md', output: '@/existing-dir' },
    expected: { md: 'existing-dir/vouch-report.md' },
  },
  {
    name: 'an existing folder named like a report is a folder',
    request: { output: '@/dir.md' },
    expected: { md: 'dir.md/vouch-report.md', json: 'dir.md/vouch-report.json' },
  },
  {
    name: 'the settings formats into a folder',
    request: { output: '@/existing-dir', settingsFormat: ['sarif'] },
    expected: { sarif: 'existing-dir/vouch-report.sarif' },
  },
  {
    name: 'the settings output names a file: its format',
    request: { settingsOutput: '@/repo/report.md' },
    expected: { md: 'repo/report.md' },
  },
  {
    name: '--output beats the settings output',
    request: { output: '@/r.json', settingsOutput: '@/repo/report.md' },
    expected: { json: 'r.json' },
  },
];

function expand(value: string | undefined): string | undefined {
  return value?.replaceAll('@', base);
}

describe('resolveReports', () => {
  it.each(rows)('$name', ({ request, expected }) => {
    const paths = resolveReports({
      ...request,
      root,
      output: expand(request.output),
      settingsOutput: expand(request.settingsOutput),
    });
    expect(Object.fromEntries([...paths].map(([f, p]) => [f, relative(base, p)]))).toEqual(expected);
  });

  it.each([
    {
      request: { format: 'json', output: '@/r.md' },
      message: /^--format json does not match --output .*r\.md \(a name for md\)/,
    },
    {
      request: { format: 'md,json', output: '@/r.md' },
      message: /^--format md,json does not match --output .*r\.md/,
    },
    {
      request: { format: 'html', output: '@/r.junit.xml' },
      message: /^--format html does not match --output .*\(a name for junit\)/,
    },
    {
      request: { format: 'md', settingsOutput: '@/repo/r.json' },
      message: /^--format md does not match the settings' output .*r\.json/,
    },
    {
      request: { output: '@/existing-file' },
      message: /^--output .*existing-file must be a folder when writing 2 formats$/,
    },
    {
      request: { format: 'md,sarif', output: '@/existing-file' },
      message: /must be a folder when writing 2 formats$/,
    },
    { request: { output: '' }, message: /^--output needs a file or folder$/ },
    { request: { format: 'pdf', output: '@/r.pdf' }, message: /^unknown report format "pdf"/ },
  ])('$request is a one-line usage error', ({ request, message }) => {
    let caught: unknown;
    try {
      resolveReports({
        ...request,
        root,
        output: expand(request.output),
        settingsOutput: expand(request.settingsOutput),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});
