import { describe, expect, it } from 'vitest';
import type { Audit, AuditItem, Evidence } from '../../../src/audit/types.js';
import { MD_BUDGET, render } from '../../../src/report/md.js';
import { codeSpan, mdInline } from '../../../src/report/md-text.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const signoff = {
  release: '1.4.0',
  signer: 'Dana Reviewer <dana@example.org>',
  time: '2026-11-28T15:00:00Z',
  commit: '4f1c2a9be0d17c3e8a6b5d4c3b2a19087f6e5d4c',
  signed: true,
  file: '.vouch/signoffs/1.4.0.intoto.json',
};

/** Cells of a GFM table row: split on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/);
}

function tableRows(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('|'));
}

function item(audit: Audit, id: string): AuditItem {
  const found = audit.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`fixture has no ${id}`);
  return found;
}

describe('markdown report', () => {
  it('matches the snapshot', async () => {
    await expect(render(makeAuditFixture(), { signoff })).toMatchFileSnapshot(
      './__snapshots__/vouch-report.md',
    );
  });

  it('puts the sections in reading order', () => {
    const md = render(makeAuditFixture(), { signoff });
    const headings = md.split('\n').filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      '# vouch security report: shopfront',
      '## Summary',
      '## Items by category',
      '## Failing items',
      '## Needs a person',
      '## Waived',
      '## Overridden by a person',
      '## Disabled by configuration',
      '## Notices',
      '## Sign-off',
    ]);
  });

  it('has the repository, commit and date under the title', () => {
    const md = render(makeAuditFixture(), {});
    expect(md).toContain(
      '**Repository** `/home/dev/src/shopfront` · **Branch** `main` · **Commit** `4f1c2a9be0d1` · **Date** 2026-11-28 14:03 UTC',
    );
  });

  it.each([
    { verdict: 'fail', count: 2 },
    { verdict: 'review', count: 2 },
    { verdict: 'unanswered', count: 1 },
    { verdict: 'waived', count: 1 },
    { verdict: 'pass', count: 3 },
    { verdict: 'not applicable', count: 1 },
  ])('summary row: $verdict $count', ({ verdict, count }) => {
    const rows = tableRows(render(makeAuditFixture(), {}));
    expect(rows.some((r) => new RegExp(`^\\| \\S+ ${verdict} \\| ${count} \\|$`).test(r))).toBe(true);
  });

  it('lists every item in a category table with severity, verdict and source', () => {
    const md = render(makeAuditFixture(), {});
    expect(md).toContain(
      '| `debug-disabled` Debug mode off in production | medium | ✅ pass | override (automatic: fail) |',
    );
    expect(md).toContain(
      '| `env-files-ignored` .env files kept out of git | medium | ➖ not applicable | disabled |',
    );
    expect(tableRows(md).filter((r) => r.includes('`')).length).toBe(10);
  });

  it('shows failing evidence with file:line, message and snippet, and the remediation', () => {
    const md = render(makeAuditFixture(), {});
    expect(md).toContain(
      '- `app/views.py:42:12` — eval() called on a value that is not a literal (py-eval)<br>`return eval(request.args["expr"])`',
    );
    expect(md).toContain('_(in tests, not counted)_');
    expect(md).toContain('Replace `eval()` with `ast.literal_eval()`');
    expect(md).toContain('``run: echo `cat .pypirc-pass` | twine upload --password-stdin dist/*``');
  });

  it('shows no sign-off block without a sign-off', () => {
    expect(render(makeAuditFixture(), {})).not.toContain('Sign-off');
    expect(render(makeAuditFixture(), { signoff: { ...signoff, signed: false } })).toContain(
      '📝 Recorded without a signature',
    );
  });

  it('redacts the token', () => {
    const md = render(makeAuditFixture(), {});
    expect(md).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(md).toContain('`GITHUB_TOKEN = "ghp_***"`');
  });

  it.each([
    { title: 'pipes | in | titles', id: 'a-b' },
    { title: 'back`ticks` and ``two``', id: 'c-d' },
    { title: 'both `a|b` | `` ` ``', id: 'e-f' },
    { title: 'line\nbreak', id: 'g-h' },
  ])('keeps a table row at 4 cells with $title', ({ title }) => {
    const audit = makeAuditFixture();
    const it0 = item(audit, 'no-eval-exec');
    it0.title = title;
    const row = tableRows(render(audit, {})).find((r) => r.includes('`no-eval-exec`'));
    expect(row).toBeDefined();
    expect(cells(row ?? '')).toHaveLength(4);
  });

  it('does not let a note start markup: HTML, links, emphasis stay text', () => {
    const audit = makeAuditFixture();
    item(audit, 'debug-disabled').note = '<script>alert(1)</script> [click](javascript:x) **bold**';
    const md = render(audit, {});
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\[click\\](javascript:x) \\*\\*bold\\*\\*');
  });
});

describe('markdown length', () => {
  function bigAudit(items: number, evidencePerItem: number): Audit {
    const audit = makeAuditFixture();
    const template = item(audit, 'no-eval-exec');
    audit.items = Array.from({ length: items }, (_, n) => ({
      ...template,
      id: `big-item-${n}`,
      evidence: Array.from({ length: evidencePerItem }, (_e, k): Evidence => ({
        message: `finding number ${k} with a long explanation of what is wrong here and why it matters`,
        file: `src/package_${n}/module_${k}.py`,
        line: k + 1,
        snippet: `result = eval(compile(source_${k}, "<string>", "eval"), globals_${k}, locals_${k})`,
        rule: 'py-eval',
        check: 0,
        counted: true,
      })),
    }));
    audit.summary = {
      total: items,
      counts: { fail: items, review: 0, unanswered: 0, waived: 0, pass: 0, na: 0 },
    };
    return audit;
  }

  it.each([
    { items: 10, evidence: 50, more: '- … and 40 more' },
    { items: 40, evidence: 50, more: '- … and 45 more' },
  ])(
    '$items failing items × $evidence evidence fit a GitHub comment ($more)',
    ({ items, evidence, more }) => {
      const md = render(bigAudit(items, evidence), {});
      expect(md.length).toBeLessThanOrEqual(MD_BUDGET);
      expect(MD_BUDGET).toBeLessThan(65_536);
      expect(md).toContain(more);
      // Every failing item is still named, whatever got cut.
      expect(md).toContain(`big-item-${items - 1}`);
    },
  );

  it('lists failing items one line each when even one evidence line an item is too long', () => {
    const md = render(bigAudit(120, 50), {});
    expect(md.length).toBeLessThanOrEqual(MD_BUDGET);
    expect(md).toContain('Evidence and remediation are left out to fit a GitHub comment');
    expect(md).toContain(
      '- ❌ `big-item-119` No eval() or exec() on untrusted input (high) — 50 findings, first at `src/package_119/module_0.py:1`',
    );
    expect(md).not.toContain('truncated');
  });

  it('cuts a report that cannot fit even one line an item, and says so', () => {
    const md = render(bigAudit(1500, 1), {});
    expect(md.length).toBeLessThanOrEqual(MD_BUDGET);
    expect(md).toContain('report truncated to fit a GitHub comment');
  });

  it('leaves a report that fits alone', () => {
    const md = render(makeAuditFixture(), {});
    expect(md).not.toContain('… and');
    expect(md).not.toContain('left out');
  });
});

describe('markdown escaping helpers', () => {
  it.each([
    { text: 'plain words', expected: 'plain words' },
    { text: 'a|b', expected: 'a\\|b' },
    { text: '*x* _y_ `z`', expected: '\\*x\\* \\_y\\_ \\`z\\`' },
    { text: '<b>&amp;', expected: '\\<b\\>\\&amp;' },
    { text: '[a](b) ~c~ \\', expected: '\\[a\\](b) \\~c\\~ \\\\' },
    { text: 'two\nlines\r\nhere', expected: 'two lines here' },
  ])('mdInline($text)', ({ text, expected }) => {
    expect(mdInline(text)).toBe(expected);
  });

  it.each([
    { text: 'x = 1', inTable: false, expected: '`x = 1`' },
    { text: 'a `b` c', inTable: false, expected: '``a `b` c``' },
    { text: 'a ``b`` c', inTable: false, expected: '```a ``b`` c```' },
    { text: '`edge`', inTable: false, expected: '`` `edge` ``' },
    { text: ' both ', inTable: false, expected: '`  both  `' },
    { text: 'a | b', inTable: false, expected: '`a | b`' },
    { text: 'a | b', inTable: true, expected: '`a \\| b`' },
    { text: 'l1\nl2', inTable: false, expected: '`l1 l2`' },
  ])('codeSpan($text, $inTable)', ({ text, inTable, expected }) => {
    expect(codeSpan(text, inTable)).toBe(expected);
  });
});
