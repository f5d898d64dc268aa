import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../src/audit/types.js';
import { render } from '../../../src/report/junit.js';
import { stripInvalidXml, xmlAttr, xmlText } from '../../../src/report/xml.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';
import { findAll, parseXml, type XmlElement } from './xml-check.js';

function parsed(audit: Audit = makeAuditFixture()): XmlElement {
  return parseXml(render(audit, {}));
}

function testcase(root: XmlElement, id: string): XmlElement {
  const found = findAll(root, 'testcase').find((t) => t.attrs.name?.startsWith(`${id}: `));
  if (found === undefined) throw new Error(`no testcase ${id}`);
  return found;
}

describe('the XML checker used here', () => {
  it.each([
    { xml: '<a><b/></a>', ok: true },
    { xml: '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; 2">t &lt; u &#10;</a>\n', ok: true },
    { xml: '<a><b></a></b>', ok: false },
    { xml: '<a>1 < 2</a>', ok: false },
    { xml: '<a>fish & chips</a>', ok: false },
    { xml: '<a>&nbsp;</a>', ok: false },
    { xml: '<a x=1/>', ok: false },
    { xml: '<a x="1" x="2"/>', ok: false },
    { xml: '<a x="<"/>', ok: false },
    { xml: '<a/><b/>', ok: false },
    { xml: '<a>\u0001</a>', ok: false },
    { xml: '<a>&#1;</a>', ok: false },
    { xml: '<a>', ok: false },
    { xml: '<a x="1"y="2"/>', ok: false },
  ])('$xml well-formed: $ok', ({ xml, ok }) => {
    if (ok) expect(() => parseXml(xml)).not.toThrow();
    else expect(() => parseXml(xml)).toThrow();
  });
});

describe('junit report', () => {
  it('matches the snapshot', async () => {
    await expect(render(makeAuditFixture(), {})).toMatchFileSnapshot(
      './__snapshots__/vouch-report.junit.xml',
    );
  });

  it('is well-formed, with the totals on <testsuites>', () => {
    const root = parsed();
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({
      name: 'vouch',
      tests: '10',
      failures: '2',
      skipped: '4',
      errors: '0',
      time: '2.345',
    });
  });

  it.each([
    { suite: 'Code injection', expected: { tests: '3', failures: '1', skipped: '1', errors: '0' } },
    {
      suite: 'Configuration and secrets',
      expected: { tests: '3', failures: '1', skipped: '1', errors: '0' },
    },
    { suite: 'Dependencies', expected: { tests: '2', failures: '0', skipped: '1', errors: '0' } },
    { suite: 'Process', expected: { tests: '2', failures: '0', skipped: '1', errors: '0' } },
  ])('suite $suite', ({ suite, expected }) => {
    const el = findAll(parsed(), 'testsuite').find((s) => s.attrs.name === suite);
    expect(el?.attrs).toMatchObject(expected);
    // The counts agree with the test cases inside.
    const cases = el?.children ?? [];
    expect(String(cases.length)).toBe(expected.tests);
    expect(String(cases.filter((c) => c.children.some((x) => x.name === 'failure')).length)).toBe(
      expected.failures,
    );
    expect(String(cases.filter((c) => c.children.some((x) => x.name === 'skipped')).length)).toBe(
      expected.skipped,
    );
  });

  it.each([
    {
      id: 'no-eval-exec',
      element: 'failure',
      attrs: { type: 'fail', message: 'python: 1 match (1 more in tests, docs or examples, not counted)' },
    },
    {
      id: 'no-unsafe-deserialization',
      element: 'skipped',
      attrs: { message: 'needs review: python: 1 match' },
    },
    {
      id: 'deps-vulnerability-scan',
      element: 'skipped',
      attrs: { message: 'needs review: pip-audit: could not run (pip-audit is not installed)' },
    },
    {
      id: 'security-review',
      element: 'skipped',
      attrs: { message: 'needs review: unanswered: Has the code had a security review for this release?' },
    },
    {
      id: 'env-files-ignored',
      element: 'skipped',
      attrs: { message: 'disabled: Secrets come from Vault; the project has no .env files' },
    },
    { id: 'no-shell-injection', element: 'system-out', attrs: {} },
    { id: 'debug-disabled', element: 'system-out', attrs: {} },
    { id: 'deps-pinned', element: undefined, attrs: {} },
  ])('$id → <$element>', ({ id, element, attrs }) => {
    const tc = testcase(parsed(), id);
    expect(tc.attrs.classname).toMatch(/^vouch\.[a-z-]+$/);
    expect(tc.children.map((c) => c.name).filter((n) => n !== 'system-out')).toEqual(
      element === undefined || element === 'system-out' ? [] : [element],
    );
    if (element !== undefined) expect(tc.children.find((c) => c.name === element)?.attrs).toEqual(attrs);
  });

  it('an na item that is not disabled is "not applicable"', () => {
    const audit = makeAuditFixture();
    const item = audit.items.find((i) => i.id === 'deps-pinned');
    if (item === undefined) throw new Error('fixture changed');
    Object.assign(item, { verdict: 'na', autoVerdict: 'na', reasons: ['not applicable: nothing matched'] });
    expect(testcase(parsed(audit), 'deps-pinned').children[0]?.attrs).toEqual({ message: 'not applicable' });
  });

  it('lists evidence lines (file:line message) in the failure body', () => {
    const failure = testcase(parsed(), 'no-hardcoded-secrets').children[0];
    expect(failure?.text).toContain(
      'app/settings.py:7:16 GitHub personal access token\n    GITHUB_TOKEN = "ghp_***"',
    );
    expect(failure?.text).toContain(
      '.github/workflows/release.yml:31 password piped to `twine` on a command line | visible in the CI log',
    );
    expect(failure?.text).toContain('Remediation: 1. Revoke and rotate the credential now.');
    expect(render(makeAuditFixture(), {})).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
  });

  it('says what was waived, until when', () => {
    const out = testcase(parsed(), 'no-shell-injection').children.find((c) => c.name === 'system-out');
    expect(out?.text).toContain(
      'waived: Deploy script runs only in CI with a fixed host list; rewrite tracked in #212 (expires 2027-03-31)',
    );
  });

  it('stays well-formed whatever the text: markup, quotes, control characters, lone surrogates', () => {
    const audit = makeAuditFixture();
    const nasty = 'a <b> & "c" \'d\' ]]> \u0000\u0008\u001b[31m \uD800 \uFFFE ok 😀';
    for (const item of audit.items) {
      item.title = nasty;
      item.note = nasty;
      item.reasons = [nasty];
      for (const e of item.evidence) {
        e.message = nasty;
        e.snippet = nasty;
      }
    }
    audit.checklist.categories = audit.checklist.categories.map((c) => ({ ...c, title: nasty }));
    const root = parsed(audit);
    const failure = findAll(root, 'failure')[0];
    expect(failure?.attrs.message).toBe('a <b> & "c" \'d\' ]]> [31m   ok 😀');
    expect(findAll(root, 'testsuite')[0]?.attrs.name).toBe('a <b> & "c" \'d\' ]]> [31m   ok 😀');
  });
});

describe('xml escaping', () => {
  it.each([
    { input: 'a & b', text: 'a &amp; b', attr: 'a &amp; b' },
    { input: '<x>', text: '&lt;x&gt;', attr: '&lt;x&gt;' },
    { input: `"q" 'a'`, text: `"q" 'a'`, attr: '&quot;q&quot; &apos;a&apos;' },
    { input: 'l1\nl2\tx\r', text: 'l1\nl2\tx\r', attr: 'l1&#10;l2&#9;x&#13;' },
    { input: 'bell\u0007 nul\u0000', text: 'bell nul', attr: 'bell nul' },
    { input: 'lone \uDC00 pair 😀', text: 'lone  pair 😀', attr: 'lone  pair 😀' },
  ])('$input', ({ input, text, attr }) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttr(input)).toBe(attr);
  });

  it('keeps every character XML allows', () => {
    expect(stripInvalidXml('tab\tnl\ncr\r é \uD7FF \uE000 \uFFFD 😀')).toBe(
      'tab\tnl\ncr\r é \uD7FF \uE000 \uFFFD 😀',
    );
  });
});
