import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../src/audit/types.js';
import { render as renderHtml } from '../../../src/report/html.js';
import { render as renderJson } from '../../../src/report/json.js';
import { render as renderJunit } from '../../../src/report/junit.js';
import { render as renderMd } from '../../../src/report/md.js';
import { render as renderSarif } from '../../../src/report/sarif.js';
import { makeAuditFixture } from '../../fixtures/audit-fixture.js';
import { errorsText, reportJsonValidator, sarifValidator } from '../../support/schemas.js';

const DELETED = 'app/limits.py was deleted in 4f2c1e0';
const RANGE = 'app/views.py:40-60 changed in 9a8b7c6 (lines 42-44)';

/** The fixture with its first passed item answered by a person, citing two places, now stale. */
function staleAudit(): { audit: Audit; id: string } {
  const audit = makeAuditFixture();
  const at = audit.items.findIndex((i) => i.verdict === 'pass');
  const item = audit.items[at]!;
  audit.items[at] = {
    ...item,
    source: 'manual',
    answeredBy: 'Ann <ann@example.org>',
    cites: ['app/limits.py', 'app/views.py:40-60'],
    stale: [
      { kind: 'cite-deleted', path: 'app/limits.py', text: DELETED },
      { kind: 'cite-changed', path: 'app/views.py', text: RANGE },
    ],
  };
  return { audit, id: item.id };
}

describe('every report lists stale answers with the reason', () => {
  it('Markdown: a "Stale answers" section naming the item and both reasons', () => {
    const { audit, id } = staleAudit();
    const md = renderMd(audit, {});
    const section = md.slice(md.indexOf('## Stale answers'));
    expect(section).toContain(`\`${id}\``);
    expect(section).toContain(DELETED);
    expect(section).toContain(RANGE);
  });

  it('JSON: items[].stale and cites, summary.stale, valid against the schema', () => {
    const { audit, id } = staleAudit();
    const doc = JSON.parse(renderJson(audit, {}));
    const validate = reportJsonValidator();
    expect(validate(doc) ? '' : errorsText(validate.errors)).toBe('');
    const item = doc.items.find((i: { id: string }) => i.id === id);
    expect(item.cites).toEqual(['app/limits.py', 'app/views.py:40-60']);
    expect(item.stale).toEqual([
      { kind: 'cite-deleted', path: 'app/limits.py', text: DELETED },
      { kind: 'cite-changed', path: 'app/views.py', text: RANGE },
    ]);
    expect(doc.summary.stale).toBe(1);
    expect(doc.items.filter((i: { stale: unknown }) => i.stale !== null)).toHaveLength(1);
  });

  it('SARIF: a warning per reason (the changed file located, the deleted one at repository level), valid', () => {
    const { audit, id } = staleAudit();
    const log = JSON.parse(renderSarif(audit, {}));
    const validate = sarifValidator();
    expect(validate(log) ? '' : errorsText(validate.errors)).toBe('');
    const results = log.runs[0].results.filter(
      (r: { ruleId: string; properties: { staleKind?: string } }) =>
        r.ruleId === id && r.properties.staleKind,
    );
    expect(
      results.map(
        (r: {
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }) => [
          r.level,
          r.locations[0]!.physicalLocation.artifactLocation.uri,
          r.message.text.endsWith(`the answer is stale: ${DELETED}`) ||
            r.message.text.endsWith(`the answer is stale: ${RANGE}`),
        ],
      ),
    ).toEqual([
      ['warning', '(repository)', true],
      ['warning', 'app/views.py', true],
    ]);
  });

  it('JUnit: a stale pass is skipped with the reason, not passed', () => {
    const { audit, id } = staleAudit();
    const xml = renderJunit(audit, {});
    const at = xml.indexOf(`name="${id}:`);
    const testcase = xml.slice(at, xml.indexOf('</testcase>', at));
    expect(testcase).toContain(
      '<skipped message="stale answer (pass): app/limits.py was deleted in 4f2c1e0;',
    );
  });

  it('HTML: a stale section linking the item, and a callout on the item', () => {
    const { audit, id } = staleAudit();
    const html = renderHtml(audit, {});
    expect(html).toContain(`<h2 id="stale-h">Stale answers</h2>`);
    expect(html).toContain(`<a href="#item-${id}">`);
    const article = html.slice(html.indexOf(`id="item-${id}"`));
    expect(article.slice(0, article.indexOf('</article>'))).toContain(`<li>${DELETED}</li>`);
  });

  it('an audit without stale answers has no stale section anywhere', () => {
    const audit = makeAuditFixture();
    expect(renderMd(audit, {})).not.toContain('Stale answers');
    expect(renderHtml(audit, {})).not.toContain('stale-h');
    expect(JSON.parse(renderJson(audit, {})).summary.stale).toBe(0);
  });
});
