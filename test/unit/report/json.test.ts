import { describe, expect, it } from 'vitest';
import { errorsText, reportJsonValidator } from '../../support/schemas.js';
import type { Audit } from '../../../src/audit/types.js';
import { render } from '../../../src/report/json.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const validate = reportJsonValidator();

const signoff = {
  release: '1.4.0',
  signer: 'Dana Reviewer <dana@example.org>',
  time: '2026-11-28T15:00:00Z',
  commit: '4f1c2a9be0d17c3e8a6b5d4c3b2a19087f6e5d4c',
  signed: true,
  file: '.vouch/signoffs/1.4.0.intoto.json',
};

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };

function parse(audit: Audit, withSignoff = false): Json {
  return JSON.parse(render(audit, withSignoff ? { signoff } : {})) as Json;
}

function errorsOf(doc: unknown): string {
  return validate(doc) ? '' : errorsText(validate.errors);
}

describe('json report', () => {
  it('matches the snapshot', async () => {
    await expect(render(makeAuditFixture(), { signoff })).toMatchFileSnapshot(
      './__snapshots__/vouch-report.json',
    );
  });

  it.each([
    { name: 'the fixture', audit: makeAuditFixture(), withSignoff: false },
    { name: 'the fixture with a sign-off', audit: makeAuditFixture(), withSignoff: true },
    {
      name: 'an audit outside git with no items',
      audit: {
        ...makeAuditFixture(),
        items: [],
        repo: { path: 'some/relative/dir' },
        probes: [],
        notices: [],
      },
      withSignoff: false,
    },
  ])('validates against schemas/report.schema.json: $name', ({ audit, withSignoff }) => {
    expect(errorsOf(parse(audit, withSignoff))).toBe('');
  });

  it.each([
    { name: 'an unknown top-level key', change: (d: Json) => ({ ...d, extra: 1 }) },
    {
      name: 'a verdict outside the set',
      change: (d: Json) => ({ ...d, items: [{ ...d.items[0], verdict: 'ok' }] }),
    },
    {
      name: 'the whole checklist item dumped',
      change: (d: Json) => ({ ...d, items: [{ ...d.items[0], item: {} }] }),
    },
    {
      name: 'a missing key instead of null',
      change: (d: Json) => ({ ...d, items: [{ ...d.items[0], note: undefined }] }),
    },
    { name: 'a wrong schemaVersion', change: (d: Json) => ({ ...d, schemaVersion: 2 }) },
  ])('the schema rejects $name', ({ change }) => {
    const doc = JSON.parse(JSON.stringify(change(parse(makeAuditFixture())))) as unknown;
    expect(errorsOf(doc)).not.toBe('');
  });

  it('keeps the audit facts as they are, with null for what is missing', () => {
    const audit = makeAuditFixture();
    audit.repo = { path: '../relative/shopfront' };
    const doc = parse(audit) as Record<string, unknown>;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.repo).toEqual({ path: '../relative/shopfront', commit: null, dirty: null, branch: null });
    expect(doc.generatedAt).toBe('2026-11-28T14:03:12.000Z');
    expect(doc.summary).toEqual({
      total: 10,
      counts: { fail: 2, review: 2, unanswered: 1, waived: 1, pass: 3, na: 1 },
      stale: 0,
    });
    expect(doc.signoff).toBeNull();
  });

  it.each([
    {
      id: 'no-shell-injection',
      expected: {
        verdict: 'waived',
        source: 'manual',
        autoVerdict: 'fail',
        waiver: {
          reason: 'Deploy script runs only in CI with a fixed host list; rewrite tracked in #212',
          expires: '2027-03-31',
        },
        answeredBy: 'Dana Reviewer <dana@example.org>',
      },
    },
    {
      id: 'env-files-ignored',
      expected: {
        verdict: 'na',
        source: 'disabled',
        note: 'Secrets come from Vault; the project has no .env files',
        waiver: null,
      },
    },
    { id: 'debug-disabled', expected: { verdict: 'pass', source: 'override', autoVerdict: 'fail' } },
    {
      id: 'security-review',
      expected: { verdict: 'unanswered', source: 'none', note: null, answeredBy: null, evidence: [] },
    },
  ])('item $id', ({ id, expected }) => {
    const item = parse(makeAuditFixture()).items.find((i) => i.id === id);
    expect(item).toMatchObject(expected);
    expect(item).not.toHaveProperty('item');
    expect(item).not.toHaveProperty('guidance');
  });

  it('lists evidence with every field, shown-only evidence marked not counted', () => {
    const item = parse(makeAuditFixture()).items.find((i) => i.id === 'no-eval-exec');
    expect(item?.evidence).toEqual([
      {
        file: 'app/views.py',
        line: 42,
        column: 12,
        message: 'eval() called on a value that is not a literal',
        snippet: 'return eval(request.args["expr"])',
        rule: 'py-eval',
        context: 'code',
        counted: true,
        suppressed: null,
      },
      {
        file: 'tests/test_views.py',
        line: 10,
        column: 12,
        message: 'eval() called on a value that is not a literal',
        snippet: 'assert eval("1 + 1") == 2',
        rule: 'py-eval',
        context: 'test',
        counted: false,
        suppressed: null,
      },
    ]);
  });

  it('redacts secrets in snippets, notes, reasons, notices and probe reasons', () => {
    const audit = makeAuditFixture();
    const item = audit.items[0];
    if (item === undefined) throw new Error('fixture has items');
    item.note = `token ${FAKE_GITHUB_TOKEN} was rotated`;
    item.reasons = [`found ${FAKE_GITHUB_TOKEN}`];
    audit.notices = [`notice ${FAKE_GITHUB_TOKEN}`];
    const p = audit.probes[0];
    if (p !== undefined) p.reason = `reason ${FAKE_GITHUB_TOKEN}`;
    const text = render(audit, {});
    expect(text).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(text.match(/ghp_\*\*\*/g)?.length).toBe(5);
  });
});
