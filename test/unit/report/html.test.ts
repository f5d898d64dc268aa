import { describe, expect, it } from 'vitest';
import type { Audit, AuditItem, Evidence } from '../../../src/audit/types.js';
import { countsInWords, verdictChart } from '../../../src/report/chart.js';
import { HTML_EVIDENCE_CAP, render } from '../../../src/report/html.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const signoff = {
  release: '1.4.0',
  signer: 'Dana Reviewer <dana@example.org>',
  time: '2026-11-28T15:00:00Z',
  commit: '4f1c2a9be0d17c3e8a6b5d4c3b2a19087f6e5d4c',
  signed: true,
  file: '.vouch/signoffs/1.4.0.intoto.json',
};

function item(audit: Audit, id: string): AuditItem {
  const found = audit.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`fixture has no ${id}`);
  return found;
}

/** The HTML of one item's <article>. */
function article(html: string, id: string): string {
  const start = html.indexOf(`<article class="item v-`, html.indexOf(`id="item-${id}"`) - 60);
  return html.slice(start, html.indexOf('</article>', start));
}

describe('html report', () => {
  it('matches the snapshot', async () => {
    await expect(render(makeAuditFixture(), { signoff })).toMatchFileSnapshot(
      './__snapshots__/vouch-report.html',
    );
  });

  it('is one self-contained page: no script, no external asset, a CSP that forbids both', () => {
    const html = render(makeAuditFixture(), { signoff });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|\son[a-z]+=/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only links are to documentation, opened by a click.
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="https:\/\//);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).toContain('<title>vouch security report: shopfront</title>');
  });

  it('has print styles', () => {
    expect(render(makeAuditFixture(), {})).toMatch(/@media print \{[\s\S]*break-inside: avoid/);
  });

  it('renders an XSS attempt in a note, a title and a snippet as inert text', () => {
    const audit = makeAuditFixture();
    const attack = '<script>alert("xss")</script><img src=x onerror="alert(1)">';
    item(audit, 'debug-disabled').note = attack;
    item(audit, 'no-eval-exec').title = attack;
    const e = item(audit, 'no-eval-exec').evidence[0];
    if (e !== undefined) e.snippet = attack;
    audit.notices = [attack];
    audit.checklist.categories = audit.checklist.categories.map((c) => ({ ...c, title: attack }));
    const html = render(audit, {});
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
  });

  it.each([
    {
      id: 'no-eval-exec',
      badge: '✗ fail',
      has: ['app/views.py:42:12', 'in tests, not counted', '<details open>'],
    },
    {
      id: 'no-shell-injection',
      badge: '‖ waived',
      has: [
        '<strong>Waived:</strong> Deploy script',
        '(expires 2027-03-31)',
        'Dana Reviewer &lt;dana@example.org&gt;',
      ],
    },
    { id: 'no-unsafe-deserialization', badge: '! review', has: ['app/cache.py:23:16', '<details open>'] },
    {
      id: 'debug-disabled',
      badge: '✓ pass',
      has: ['<strong>Overridden</strong> (automatic verdict: fail). DEBUG = True is only', '<details>'],
    },
    {
      id: 'env-files-ignored',
      badge: '– n/a',
      has: ['<strong>Disabled by configuration:</strong> Secrets come from Vault'],
    },
    {
      id: 'security-review',
      badge: '? unanswered',
      has: ['Has the code had a security review for this release?'],
    },
  ])('item $id shows its badge and details', ({ id, badge, has }) => {
    const html = article(render(makeAuditFixture(), {}), id);
    expect(html).toContain(`>${badge}</span>`);
    for (const text of has) expect(html).toContain(text);
  });

  it('renders guidance Markdown: code blocks, inline code, bold, lists', () => {
    const html = render(makeAuditFixture(), {});
    expect(html).toContain('<pre><code class="language-python">import ast');
    expect(html).toContain('<strong>remote code execution</strong>');
    expect(html).toContain('<ol><li>Revoke and rotate the credential now.</li>');
    expect(html).toContain('<li>keep <code>shell=False</code> (the default)</li>');
  });

  it('groups items by category, in checklist order', () => {
    const html = render(makeAuditFixture(), {});
    const sections = [...html.matchAll(/<section class="category" id="category-([a-z-]+)"/g)].map(
      (m) => m[1],
    );
    expect(sections).toEqual(['code-injection', 'configuration', 'dependencies', 'process']);
  });

  it('shows the sign-off only when there is one', () => {
    expect(render(makeAuditFixture(), {})).not.toContain('Sign-off');
    const html = render(makeAuditFixture(), { signoff });
    expect(html).toContain(
      'Release <strong>1.4.0</strong> signed off by <strong>Dana Reviewer &lt;dana@example.org&gt;</strong>',
    );
    expect(html).toContain('Signed with an SSH key · record <code>.vouch/signoffs/1.4.0.intoto.json</code>');
    expect(render(makeAuditFixture(), { signoff: { ...signoff, signed: false } })).toContain(
      'Recorded without a signature',
    );
  });

  it('redacts the token', () => {
    const html = render(makeAuditFixture(), {});
    expect(html).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(html).toContain('GITHUB_TOKEN = &quot;ghp_***&quot;');
  });

  it(`lists at most ${HTML_EVIDENCE_CAP} evidence an item`, () => {
    const audit = makeAuditFixture();
    const template = item(audit, 'no-eval-exec').evidence[0] as Evidence;
    item(audit, 'no-eval-exec').evidence = Array.from({ length: HTML_EVIDENCE_CAP + 7 }, (_, k) => ({
      ...template,
      line: k + 1,
    }));
    const html = article(render(audit, {}), 'no-eval-exec');
    expect(html.match(/<span class="loc mono">/g)?.length).toBe(HTML_EVIDENCE_CAP);
    expect(html).toContain('… and 7 more (the JSON report lists every one)');
  });
});

describe('summary chart', () => {
  const counts = { fail: 2, review: 2, unanswered: 1, waived: 1, pass: 3, na: 1 };

  it.each([
    { counts, words: '2 fail · 2 review · 1 unanswered · 1 waived · 3 pass · 1 n/a' },
    { counts: { ...counts, review: 0, unanswered: 0, waived: 0, na: 0 }, words: '2 fail · 3 pass' },
    { counts: { fail: 0, review: 0, unanswered: 0, waived: 0, pass: 0, na: 0 }, words: 'no items' },
  ])('says $words in words', ({ counts: c, words }) => {
    expect(countsInWords(c)).toBe(words);
    expect(verdictChart([{ label: 'All', counts: c }], 't')).toContain(`>${words}</text>`);
  });

  it('draws segments proportional to the counts, widths adding up to the bar', () => {
    const svg = verdictChart([{ label: 'All', counts }], 'Verdicts');
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="20"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(6);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(380, 1);
    expect(widths[4]).toBeCloseTo(380 * 0.3, 1);
  });

  it('labels the chart for screen readers and escapes row labels', () => {
    const svg = verdictChart([{ label: '<b>&', counts }], 'Verdicts: x');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="chart-title">Verdicts: x</title>');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });

  it('has one bar for all items and one per category in the report', () => {
    const html = render(makeAuditFixture(), {});
    expect(html.match(/role="listitem"/g)?.length).toBe(5);
    expect(html).toContain(
      'aria-label="All items (10): 2 fail · 2 review · 1 unanswered · 1 waived · 3 pass · 1 n/a"',
    );
    expect(html).toContain('aria-label="Dependencies: 1 review · 1 pass"');
  });
});
