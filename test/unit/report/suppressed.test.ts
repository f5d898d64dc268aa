/** Every report shows evidence a marker in the source suppressed as suppressed: marker, reason, file:line. */
import { describe, expect, it } from 'vitest';
import type { Audit, AuditItem, Evidence } from '../../../src/audit/types.js';
import { render as renderHtml } from '../../../src/report/html.js';
import { render as renderJson } from '../../../src/report/json.js';
import { render as renderJunit } from '../../../src/report/junit.js';
import { render as renderMd } from '../../../src/report/md.js';
import { render as renderSarif } from '../../../src/report/sarif.js';
import { itemBodyLines } from '../../../src/ui/item-text.js';
import { errorsText, reportJsonValidator, sarifValidator } from '../../support/schemas.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const VOUCH_MARKER = '# vouch: ignore[no-unsafe-deserialization]';
const REASON = 'payload signed with hmac';

function find(audit: Audit, id: string): AuditItem {
  const item = audit.items.find((i) => i.id === id);
  if (item === undefined) throw new Error(`no item ${id}`);
  return item;
}

/**
 * The fixture with a failing item that also has one suppressed finding (bare `# nosec`), and an
 * item that passes because its only finding is suppressed by vouch's marker, whose reason quotes
 * a token (it must print redacted).
 */
function withSuppressed(countSuppressed = false): Audit {
  const audit = makeAuditFixture();
  const evalItem = find(audit, 'no-eval-exec');
  evalItem.evidence.push({
    message: 'eval() called on a value that is not a literal',
    file: 'app/tools.py',
    line: 9,
    snippet: 'return eval(expr)  # nosec',
    rule: 'py-eval',
    context: 'code',
    check: 0,
    counted: countSuppressed,
    suppressed: { kind: 'nosec', marker: '# nosec', reason: '' },
  });
  const pickle = find(audit, 'no-unsafe-deserialization');
  const suppressed: Evidence = {
    ...(pickle.evidence[0] as Evidence),
    counted: countSuppressed,
    suppressed: { kind: 'vouch', marker: VOUCH_MARKER, reason: `${REASON}; was ${FAKE_GITHUB_TOKEN}` },
  };
  pickle.evidence = [suppressed];
  if (!countSuppressed) {
    pickle.verdict = 'pass';
    pickle.autoVerdict = 'pass';
    pickle.reasons = ['python: no match (1 suppressed by a marker in the source, not counted)'];
  }
  return audit;
}

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  suppressions?: { kind: string; justification: string }[];
}

function sarifResults(audit: Audit): SarifResult[] {
  const log = JSON.parse(renderSarif(audit, {})) as { runs: { results: SarifResult[] }[] };
  return log.runs[0]?.results ?? [];
}

const at = (r: SarifResult): string =>
  `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`;

describe('suppressed evidence in the reports', () => {
  it('json: carries the marker and reason (redacted), null elsewhere, and fits the schema', () => {
    const audit = withSuppressed();
    const text = renderJson(audit, {});
    expect(text).not.toContain(FAKE_GITHUB_TOKEN);
    const doc = JSON.parse(text) as {
      items: { id: string; evidence: { file: string; counted: boolean; suppressed: unknown }[] }[];
    };
    const validate = reportJsonValidator();
    expect(validate(doc) ? '' : errorsText(validate.errors)).toBe('');
    const pickle = doc.items.find((i) => i.id === 'no-unsafe-deserialization');
    expect(pickle?.evidence[0]).toMatchObject({
      counted: false,
      suppressed: { kind: 'vouch', marker: VOUCH_MARKER, reason: expect.stringContaining(REASON) as unknown },
    });
    const evalItem = doc.items.find((i) => i.id === 'no-eval-exec');
    expect(evalItem?.evidence.map((e) => [e.file, e.suppressed === null])).toEqual([
      ['app/views.py', true],
      ['tests/test_views.py', true],
      ['app/tools.py', false],
    ]);
  });

  it('markdown: a section lists every suppressed finding, and evidence lines say suppressed', () => {
    const md = renderMd(withSuppressed(), {});
    expect(md).not.toContain(FAKE_GITHUB_TOKEN);
    const section = md.slice(md.indexOf('## Suppressed in the source'));
    expect(md).toContain('## Suppressed in the source');
    expect(section).toContain(
      '`no-unsafe-deserialization` `app/cache.py:23:16` `# vouch: ignore[no-unsafe-deserialization]` — payload signed with hmac',
    );
    expect(section).toContain(REASON);
    expect(section).toContain('`no-eval-exec` `app/tools.py:9` `# nosec` — _no reason given_');
    expect(section).toContain('`count_suppressed = true`');
    // In the failing item's evidence, the suppressed line is labelled, escaped for Markdown.
    expect(md).toContain('_(suppressed by # nosec (no reason given), not counted)_');
  });

  it('markdown: no section when nothing is suppressed', () => {
    expect(renderMd(makeAuditFixture(), {})).not.toContain('Suppressed in the source');
  });

  it('sarif: suppressed findings are results with an inSource suppression, valid SARIF', () => {
    const audit = withSuppressed();
    const text = renderSarif(audit, {});
    expect(text).not.toContain(FAKE_GITHUB_TOKEN);
    const validate = sarifValidator();
    expect(validate(JSON.parse(text)) ? '' : errorsText(validate.errors)).toBe('');
    const results = sarifResults(audit);
    const tools = results.find((r) => at(r) === 'app/tools.py:9');
    expect(tools).toMatchObject({
      ruleId: 'no-eval-exec',
      level: 'error',
      suppressions: [{ kind: 'inSource', justification: '# nosec: no reason given' }],
    });
    // The item passes, yet its suppressed finding is still reported (as a review-level match).
    const cache = results.find((r) => at(r) === 'app/cache.py:23');
    expect(cache?.level).toBe('warning');
    expect(cache?.suppressions?.[0]?.kind).toBe('inSource');
    expect(cache?.suppressions?.[0]?.justification).toContain(`${VOUCH_MARKER}: ${REASON}`);
    // The unsuppressed failing evidence stays an open result.
    expect(results.find((r) => at(r) === 'app/views.py:42')?.suppressions).toBeUndefined();
  });

  it('sarif: with count_suppressed they are ordinary results, not suppressed', () => {
    const results = sarifResults(withSuppressed(true));
    const tools = results.find((r) => at(r) === 'app/tools.py:9');
    expect(tools?.level).toBe('error');
    expect(tools?.suppressions).toBeUndefined();
  });

  it('junit: a passing item tells what was suppressed', () => {
    const xml = renderJunit(withSuppressed(), {});
    expect(xml).not.toContain(FAKE_GITHUB_TOKEN);
    const testcase = xml.slice(xml.indexOf('no-unsafe-deserialization:'));
    const out = testcase.slice(0, testcase.indexOf('</testcase>'));
    expect(out).toContain(
      '<system-out>app/cache.py:23:16 suppressed by # vouch: ignore[no-unsafe-deserialization] — payload signed with hmac',
    );
    // The failing item's body labels its suppressed line.
    expect(xml).toContain(
      'app/tools.py:9 eval() called on a value that is not a literal (suppressed by # nosec (no reason given), not counted)',
    );
  });

  it('html: a section and a label on the evidence', () => {
    const html = renderHtml(withSuppressed(), {});
    expect(html).not.toContain(FAKE_GITHUB_TOKEN);
    expect(html).toContain('<h2 id="suppressions-h">Suppressed in the source</h2>');
    expect(html).toContain(
      '<span class="uncounted suppressed">suppressed by # nosec (no reason given), not counted</span>',
    );
    expect(html).toContain(
      'suppressed by # vouch: ignore[no-unsafe-deserialization] — payload signed with hmac',
    );
    expect(renderHtml(makeAuditFixture(), {})).not.toContain('Suppressed in the source');
  });

  it('the item screen shows the marker and reason', () => {
    const audit = withSuppressed();
    const lines = itemBodyLines(find(audit, 'no-eval-exec'), 200);
    expect(lines).toContain('      suppressed by # nosec: no reason given (not counted)');
    const pickle = itemBodyLines(find(audit, 'no-unsafe-deserialization'), 200).join('\n');
    expect(pickle).toContain(`suppressed by ${VOUCH_MARKER}: ${REASON}`);
    expect(pickle).not.toContain(FAKE_GITHUB_TOKEN);
    const counted = itemBodyLines(find(withSuppressed(true), 'no-eval-exec'), 200);
    expect(counted).toContain('      suppressed by # nosec: no reason given (counted (count_suppressed))');
  });
});
