import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseFormats, RENDERERS, REPORT_FILE_NAMES, REPORT_FORMATS } from '../../../src/report/index.js';
import { makeAuditFixture } from '../../fixtures/audit-fixture.js';

describe('parseFormats', () => {
  it.each([
    { input: 'md', expected: ['md'] },
    { input: 'sarif,md,json,junit', expected: ['sarif', 'md', 'json', 'junit'] },
    { input: ' html , json ', expected: ['html', 'json'] },
    { input: 'MD,Sarif', expected: ['md', 'sarif'] },
    { input: 'json,json,md', expected: ['json', 'md'] },
    { input: 'md,,json,', expected: ['md', 'json'] },
  ])('$input → $expected', ({ input, expected }) => {
    expect(parseFormats(input)).toEqual(expected);
  });

  it.each([
    { input: 'pdf', message: /unknown report format "pdf"; valid formats: md, json, sarif, junit, html/ },
    {
      input: 'md,xml,csv',
      message: /unknown report formats "xml", "csv"; valid formats: md, json, sarif, junit, html/,
    },
    { input: '', message: /no report format given; valid formats: md, json, sarif, junit, html/ },
    { input: ' , ', message: /no report format given/ },
  ])('$input is a usage error', ({ input, message }) => {
    let caught: unknown;
    try {
      parseFormats(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('the renderer table', () => {
  it('has one renderer and one file name per format, and nothing else', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual([...REPORT_FORMATS].sort());
    expect(REPORT_FILE_NAMES).toEqual({
      md: 'vouch-report.md',
      json: 'vouch-report.json',
      sarif: 'vouch-report.sarif',
      junit: 'vouch-report.junit.xml',
      html: 'vouch-report.html',
    });
  });

  it.each(REPORT_FORMATS.map((format) => ({ format })))(
    '$format is pure: same audit, same text, input untouched',
    ({ format }) => {
      const audit = makeAuditFixture();
      const before = JSON.stringify(audit);
      const first = RENDERERS[format](audit, {});
      expect(RENDERERS[format](makeAuditFixture(), {})).toBe(first);
      expect(JSON.stringify(audit)).toBe(before);
      expect(first.endsWith('\n')).toBe(true);
    },
  );
});
