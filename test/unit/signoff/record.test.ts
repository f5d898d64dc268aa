import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../../../src/audit/types.js';
import type { Statement } from '../../../src/signoff/record.js';
import {
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  buildStatement,
  canonicalJson,
  parseStatement,
  refusalReasons,
  renderSignoffMarkdown,
  signerIdentity,
} from '../../../src/signoff/record.js';
import { makeAudit, makeItem } from './helpers.js';

const now = new Date('2026-11-28T12:00:00Z');
const clean = { dirty: false, allowDirty: false, now };
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('refusalReasons', () => {
  const rows: {
    name: string;
    items: AuditItem[];
    ctx?: Partial<typeof clean> & { maxAgeDays?: number; acceptStale?: boolean };
    noCommit?: boolean;
    expected: string[];
  }[] = [
    {
      name: 'all decided: no reason',
      items: [
        makeItem('a', 'pass'),
        makeItem('b', 'na'),
        makeItem('c', 'waived', { waiver: { reason: 'r' } }),
      ],
      expected: [],
    },
    {
      name: 'unanswered items, named in audit order',
      items: [
        makeItem('input-validated', 'unanswered'),
        makeItem('ok', 'pass'),
        makeItem('security-review', 'unanswered'),
      ],
      expected: ['unanswered: input-validated, security-review'],
    },
    { name: 'needs review', items: [makeItem('x', 'review')], expected: ['needs review: x'] },
    {
      name: 'fails without a waiver',
      items: [makeItem('no-eval-exec', 'fail')],
      expected: ['fails without a waiver: no-eval-exec'],
    },
    {
      name: 'an expired waiver (verdict back to fail) is named by its date, not as a plain failure',
      items: [
        makeItem('deps-pinned', 'fail', {
          waiver: { reason: 'legacy', expires: '2026-01-01' },
          reasons: ['waiver expired on 2026-01-01'],
        }),
      ],
      expected: ['waiver expired on 2026-01-01: deps-pinned'],
    },
    {
      name: 'a waiver that lapsed since the audit (still waived, date now past)',
      items: [makeItem('deps-pinned', 'waived', { waiver: { reason: 'legacy', expires: '2026-11-27' } })],
      expected: ['waiver expired on 2026-11-27: deps-pinned'],
    },
    {
      name: 'a waiver expiring today still holds',
      items: [makeItem('deps-pinned', 'waived', { waiver: { reason: 'legacy', expires: '2026-11-28' } })],
      expected: [],
    },
    {
      name: 'an expired waiver on an item that now passes does not block',
      items: [makeItem('deps-pinned', 'pass', { waiver: { reason: 'legacy', expires: '2026-01-01' } })],
      expected: [],
    },
    {
      name: 'expired waivers grouped by date, dates in order',
      items: [
        makeItem('b', 'fail', { waiver: { reason: 'r', expires: '2026-05-01' } }),
        makeItem('a', 'review', { waiver: { reason: 'r', expires: '2026-01-01' } }),
        makeItem('c', 'fail', { waiver: { reason: 'r', expires: '2026-05-01' } }),
      ],
      expected: ['waiver expired on 2026-01-01: a', 'waiver expired on 2026-05-01: b, c'],
    },
    {
      name: 'disabled items never block',
      items: [
        makeItem('off', 'na', { source: 'disabled', note: 'not a web app' }),
        makeItem('off2', 'unanswered', { source: 'disabled' }),
      ],
      expected: [],
    },
    {
      name: 'answers older than --max-age',
      items: [
        makeItem('old', 'pass', { source: 'manual', answeredAt: '2026-07-01T00:00:00Z' }),
        makeItem('fresh', 'pass', { source: 'manual', answeredAt: '2026-11-01T00:00:00Z' }),
        makeItem('old-waiver', 'waived', { waiver: { reason: 'r' }, answeredAt: '2026-01-01' }),
        makeItem('auto', 'pass'),
      ],
      ctx: { maxAgeDays: 90 },
      expected: ['answer older than 90 days: old, old-waiver'],
    },
    {
      name: 'an answer without a date cannot be shown fresh',
      items: [
        makeItem('undated', 'pass', { source: 'override' }),
        makeItem('garbled', 'na', { source: 'manual', answeredAt: 'last week' }),
      ],
      ctx: { maxAgeDays: 30 },
      expected: ['answer without a date (needed by --max-age 30): undated, garbled'],
    },
    {
      name: 'max age off by default: old answers are fine',
      items: [makeItem('old', 'pass', { source: 'manual', answeredAt: '2020-01-01' })],
      expected: [],
    },
    {
      name: 'uncommitted changes',
      items: [makeItem('a', 'pass')],
      ctx: { dirty: true },
      expected: ['uncommitted changes in the work tree (commit them, or use --allow-dirty to record them)'],
    },
    {
      name: '--allow-dirty lets a dirty tree through',
      items: [makeItem('a', 'pass')],
      ctx: { dirty: true, allowDirty: true },
      expected: [],
    },
    {
      name: 'no commit to name',
      items: [makeItem('a', 'pass')],
      noCommit: true,
      expected: ['no commit to sign off: the project must be a git repository with at least one commit'],
    },
    {
      name: 'every reason at once, in a fixed order',
      items: [
        makeItem('f', 'fail'),
        makeItem('u', 'unanswered'),
        makeItem('r', 'review'),
        makeItem('w', 'fail', { waiver: { reason: 'r', expires: '2026-01-01' } }),
        makeItem('o', 'pass', { source: 'manual', answeredAt: '2025-01-01' }),
      ],
      ctx: { dirty: true, maxAgeDays: 90 },
      expected: [
        'unanswered: u',
        'needs review: r',
        'fails without a waiver: f',
        'waiver expired on 2026-01-01: w',
        'answer older than 90 days: o',
        'uncommitted changes in the work tree (commit them, or use --allow-dirty to record them)',
      ],
    },
    {
      name: 'a stale answer refuses, each listed with its reasons',
      items: [
        makeItem('rate-limiting', 'pass', {
          source: 'manual',
          stale: [
            { kind: 'cite-deleted', path: 'app/limits.py', text: 'app/limits.py was deleted in 4f2c1e0' },
            { kind: 'new-findings', text: '1 new finding since the answer (app/api.py:88)' },
          ],
        }),
        makeItem('w', 'waived', {
          waiver: { reason: 'r' },
          stale: [{ kind: 'item-changed', text: "the checklist item's text changed since the answer" }],
        }),
      ],
      expected: [
        'stale answer: rate-limiting — app/limits.py was deleted in 4f2c1e0; 1 new finding since the answer (app/api.py:88)',
        "stale answer: w — the checklist item's text changed since the answer",
      ],
    },
    {
      name: '--accept-stale: stale answers do not refuse',
      items: [
        makeItem('rate-limiting', 'pass', {
          source: 'manual',
          stale: [
            { kind: 'cite-deleted', path: 'app/limits.py', text: 'app/limits.py was deleted in 4f2c1e0' },
          ],
        }),
      ],
      ctx: { acceptStale: true },
      expected: [],
    },
  ];
  it.each(rows)('$name', ({ items, ctx, noCommit, expected }) => {
    const audit = makeAudit(items, { commit: noCommit ? undefined : COMMIT });
    expect(refusalReasons(audit, { ...clean, ...ctx })).toEqual(expected);
  });
});

function statement(
  items: AuditItem[] = [
    makeItem('b-item', 'pass'),
    makeItem('a-item', 'waived', {
      waiver: { reason: 'legacy', expires: '2027-01-01' },
      note: 'ok for now',
      answeredBy: 'Ann',
      answeredAt: '2026-11-01',
    }),
  ],
): Statement {
  return buildStatement(makeAudit(items, { commit: COMMIT }), {
    release: '1.4.0',
    signer: 'Ann Example <ann@example.org>',
    time: '2026-11-28T12:00:00.000Z',
    toolVersion: '0.1.0',
    repoName: 'demo',
    commit: COMMIT,
    branch: 'main',
    allowDirty: false,
    dirty: false,
  });
}

describe('buildStatement', () => {
  it('is an in-toto Statement v1 naming the commit, with every item sorted by id', () => {
    const s = statement();
    expect(s._type).toBe('https://in-toto.io/Statement/v1');
    expect(s.subject).toEqual([{ name: 'demo', digest: { gitCommit: COMMIT } }]);
    expect(s.predicateType).toBe(PREDICATE_TYPE);
    expect(s.predicate.release).toBe('1.4.0');
    expect(s.predicate.signer).toBe('Ann Example <ann@example.org>');
    expect(s.predicate.tool).toEqual({ name: 'vouch', version: '0.1.0' });
    expect(s.predicate.checklist).toEqual({
      id: 'python-security',
      version: '1.0.0',
      sha256: 'a'.repeat(64),
    });
    expect(s.predicate.repository).toEqual({
      name: 'demo',
      commit: COMMIT,
      branch: 'main',
      dirty: false,
      allowDirty: false,
    });
    expect(s.predicate.summary.total).toBe(2);
    expect(s.predicate.items).toEqual([
      {
        id: 'a-item',
        verdict: 'waived',
        source: 'manual',
        note: 'ok for now',
        waiver: { reason: 'legacy', expires: '2027-01-01' },
        answeredBy: 'Ann',
        answeredAt: '2026-11-01',
      },
      { id: 'b-item', verdict: 'pass', source: 'auto' },
    ]);
  });

  it('redacts a secret pasted into a note', () => {
    const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const s = statement([makeItem('x', 'pass', { source: 'manual', note: `rotated ${token}` })]);
    expect(s.predicate.items[0]?.note).not.toContain(token);
    expect(s.predicate.items[0]?.note).toContain('rotated');
  });

  it('reads back through parseStatement', () => {
    const parsed = parseStatement(canonicalJson(statement()), '1.4.0');
    expect(parsed).toEqual({ ok: true, statement: statement() });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, indents by two, ends with a newline and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
  it('gives the same bytes whatever order the keys were built in', () => {
    const s = statement();
    const rebuilt = {
      predicate: s.predicate,
      predicateType: s.predicateType,
      subject: s.subject,
      _type: s._type,
    };
    expect(canonicalJson(rebuilt)).toBe(canonicalJson(s));
    expect(canonicalJson(JSON.parse(canonicalJson(s)))).toBe(canonicalJson(s));
  });
});

describe('parseStatement', () => {
  const good = JSON.parse(canonicalJson(statement())) as Record<string, unknown>;
  type Loose = Record<string, unknown> & {
    predicate: Record<string, unknown> & {
      items: Record<string, unknown>[];
      repository: Record<string, unknown>;
    };
  };
  const edit = (f: (s: Loose) => void): string => {
    const copy = JSON.parse(JSON.stringify(good)) as Loose;
    f(copy);
    return JSON.stringify(copy);
  };
  const rows: { name: string; text: string; release?: string; reason: RegExp }[] = [
    { name: 'not JSON', text: '{"_type": ', reason: /^not valid JSON/ },
    { name: 'an array', text: '[]', reason: /^not a JSON object$/ },
    {
      name: 'another statement type',
      text: edit((s) => (s._type = 'https://in-toto.io/Statement/v0.1')),
      reason: /^_type is "https:\/\/in-toto.io\/Statement\/v0.1", not https:\/\/in-toto.io\/Statement\/v1$/,
    },
    {
      name: 'another predicate type',
      text: edit((s) => (s.predicateType = 'https://slsa.dev/provenance/v1')),
      reason: /^predicateType is "https:\/\/slsa.dev\/provenance\/v1"/,
    },
    {
      name: 'no gitCommit digest',
      text: edit((s) => (s.subject = [{ name: 'demo', digest: { sha256: 'a'.repeat(64) } }])),
      reason: /gitCommit/,
    },
    {
      name: 'predicate names another commit',
      text: edit((s) => (s.predicate.repository.commit = 'f'.repeat(40))),
      reason: /not the subject commit/,
    },
    {
      name: 'renamed file',
      text: canonicalJson(statement()),
      release: '1.5.0',
      reason: /named for release 1.5.0 but records release 1.4.0/,
    },
    {
      name: 'a failing item',
      text: edit((s) => (s.predicate.items[1]!.verdict = 'fail')),
      reason: /item b-item is recorded as fail/,
    },
    {
      name: 'a duplicated item',
      text: edit((s) => s.predicate.items.push({ id: 'a-item', verdict: 'pass', source: 'auto' })),
      reason: /recorded twice/,
    },
    {
      name: 'no signer',
      text: edit((s) => delete s.predicate.signer),
      reason: /predicate.signer is missing/,
    },
  ];
  it.each(rows)('$name', ({ text, release, reason }) => {
    const parsed = parseStatement(text, release);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
  it('accepts the statement as written', () => {
    expect(parseStatement(JSON.stringify(good), '1.4.0').ok).toBe(true);
    expect(STATEMENT_TYPE).toBe('https://in-toto.io/Statement/v1');
  });
});

describe('signerIdentity', () => {
  it.each([
    ['Ann Example <ann@example.org>', 'ann@example.org'],
    ['ann@example.org', 'ann@example.org'],
    ['  Ann  ', 'Ann'],
    ['Ann <a@b.c> ', 'a@b.c'],
  ])('%s → %s', (signer, identity) => {
    expect(signerIdentity(signer)).toBe(identity);
  });
});

describe('renderSignoffMarkdown', () => {
  it('shows the release, commit, signer, checklist and every item, escaping table text', () => {
    const md = renderSignoffMarkdown(
      statement([
        makeItem('no-eval-exec', 'waived', { waiver: { reason: 'legacy | parser', expires: '2027-01-01' } }),
        makeItem('deps-pinned', 'pass'),
      ]),
    );
    expect(md).toContain('# Security sign-off: demo 1.4.0');
    expect(md).toContain(`\`${COMMIT}\` on \`main\``);
    expect(md).toContain('Ann Example \\<ann@example.org\\>');
    expect(md).toContain('python-security 1.0.0');
    expect(md).toContain('| `deps-pinned` | pass | auto |  |');
    expect(md).toContain(
      '| `no-eval-exec` | waived | manual | waiver (until 2027-01-01): legacy \\| parser |',
    );
    expect(md).toContain('`vouch verify --release 1.4.0`');
    expect(md.indexOf('deps-pinned')).toBeLessThan(md.indexOf('no-eval-exec'));
  });
  it('says when the tree was dirty', () => {
    const s = statement();
    s.predicate.repository.dirty = true;
    s.predicate.repository.allowDirty = true;
    expect(renderSignoffMarkdown(s)).toContain('--allow-dirty');
    expect(renderSignoffMarkdown(statement())).not.toContain('--allow-dirty');
  });
});

describe('stale answers and cites in the statement', () => {
  const stale = makeItem('rate-limiting', 'pass', {
    source: 'manual',
    cites: ['app/limits.py', 'app/views.py:40-60'],
    stale: [
      { kind: 'cite-changed', path: 'app/views.py', text: 'app/views.py:40-60 changed in 9a8b7c6 (line 42)' },
    ],
  });
  const build = (acceptStale: boolean) =>
    buildStatement(makeAudit([stale, makeItem('z', 'pass')], { commit: COMMIT }), {
      release: '1.0.0',
      signer: 'Ann <ann@example.org>',
      time: '2026-12-03T10:00:00.000Z',
      toolVersion: '0.1.0',
      repoName: 'shop',
      commit: COMMIT,
      allowDirty: false,
      dirty: false,
      acceptStale,
      citeBlobs: {
        'rate-limiting': {
          'app/limits.py': { path: 'app/rate.py', blob: 'f'.repeat(40) },
          'app/views.py': { path: 'app/views.py', blob: 'e'.repeat(40) },
        },
      },
    });

  it('records each cite with its path and blob id at the signed commit (a renamed file under its new path)', () => {
    expect(build(true).predicate.items[0]?.cites).toEqual([
      { cite: 'app/limits.py', path: 'app/rate.py', blob: 'f'.repeat(40) },
      { cite: 'app/views.py:40-60', path: 'app/views.py', blob: 'e'.repeat(40) },
    ]);
  });

  it('--accept-stale records the accepted stale answers and their reasons, in JSON and Markdown', () => {
    const st = build(true);
    expect(st.predicate.acceptedStale).toEqual([
      { id: 'rate-limiting', reasons: ['app/views.py:40-60 changed in 9a8b7c6 (line 42)'] },
    ]);
    expect(renderSignoffMarkdown(st)).toContain('## Stale answers accepted (--accept-stale)');
    expect(parseStatement(canonicalJson(st)).ok).toBe(true);
    expect(build(false).predicate.acceptedStale).toBeUndefined();
  });

  it('a record with malformed cites is refused when read back', () => {
    const st = build(true);
    const text = canonicalJson(st).replace('"path": "app/rate.py"', '"path": 7');
    expect(parseStatement(text)).toEqual({ ok: false, reason: 'item rate-limiting has malformed cites' });
  });
});
