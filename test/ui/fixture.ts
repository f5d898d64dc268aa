import type { Audit, AuditItem, Evidence, Source, Verdict } from '../../src/audit/types.js';
import type { Category, Item, Severity } from '../../src/checklist/types.js';

/** A GitHub token shape the redactor recognises; it must never reach the screen in clear. */
export const LEAKED_TOKEN = 'ghp_R8x2Lq9ZtW4mK7vB1nC5dF3hJ6pS0yA2eG4u';

export const CATEGORIES: Category[] = [
  { id: 'injection', title: 'Code injection' },
  { id: 'secrets', title: 'Secrets' },
  { id: 'deps', title: 'Dependencies' },
];

interface Spec {
  id: string;
  category: string;
  title: string;
  auto: Verdict;
  severity?: Severity;
  source?: Source;
  evidence?: Evidence[];
  reasons?: string[];
  guidance?: string;
}

function checklistItem(spec: Spec): Item {
  return {
    id: spec.id,
    category: spec.category,
    title: spec.title,
    question: `Is it true that ${spec.title.toLowerCase()}?`,
    severity: spec.severity ?? 'medium',
    guidance: spec.guidance ?? `Guidance for ${spec.id}.`,
    remediation: `Fix ${spec.id}.`,
    references: {},
    checks: [],
  };
}

/** An audit item as the engine hands it over: no person's answer yet. */
export function auditItem(spec: Spec): AuditItem {
  return {
    id: spec.id,
    title: spec.title,
    category: spec.category,
    severity: spec.severity ?? 'medium',
    verdict: spec.auto,
    source: spec.source ?? (spec.auto === 'unanswered' ? 'none' : 'auto'),
    autoVerdict: spec.auto,
    reasons: spec.reasons ?? [`${spec.id}: automatic reason`],
    evidence: spec.evidence ?? [],
    item: checklistItem(spec),
  };
}

const SPECS: Spec[] = [
  {
    id: 'no-eval-exec',
    category: 'injection',
    title: 'Untrusted input never reaches eval or exec',
    auto: 'fail',
    severity: 'high',
    reasons: ['bandit B307 matched 1 place'],
    evidence: [
      {
        message: 'Use of possibly insecure function eval',
        file: 'app/views.py',
        line: 42,
        snippet: 'result = eval(request.args["expr"])',
        rule: 'B307',
        context: 'code',
        check: 0,
        counted: true,
      },
      {
        message: 'eval in a test',
        file: 'tests/test_views.py',
        line: 7,
        rule: 'py-eval',
        context: 'test',
        check: 0,
        counted: false,
      },
    ],
    guidance: [
      '## Why',
      'Never pass **untrusted** input to `eval`. See [the guide](https://example.org/eval).',
      '',
      '```python',
      'ast.literal_eval(text)',
      '```',
    ].join('\n'),
  },
  {
    id: 'no-shell-true',
    category: 'injection',
    title: 'Subprocess calls never use shell=True',
    auto: 'pass',
  },
  { id: 'sql-params', category: 'injection', title: 'SQL uses bound parameters', auto: 'review' },
  { id: 'no-pickle', category: 'injection', title: 'Untrusted data is never unpickled', auto: 'unanswered' },
  {
    id: 'no-hardcoded-secrets',
    category: 'secrets',
    title: 'No credentials in the source',
    auto: 'fail',
    severity: 'high',
    evidence: [
      {
        message: 'GitHub token',
        file: 'settings.py',
        line: 3,
        snippet: `TOKEN = "${LEAKED_TOKEN}"`,
        rule: 'github-token',
        context: 'code',
        check: 0,
        counted: true,
      },
    ],
  },
  { id: 'env-files-ignored', category: 'secrets', title: '.env files are ignored by git', auto: 'pass' },
  { id: 'secret-rotation', category: 'secrets', title: 'Secrets can be rotated quickly', auto: 'unanswered' },
  { id: 'pinned-deps', category: 'deps', title: 'Dependencies are pinned', auto: 'review' },
  {
    id: 'vuln-scan',
    category: 'deps',
    title: 'Dependencies are scanned for known vulnerabilities',
    auto: 'na',
  },
  { id: 'dependabot', category: 'deps', title: 'Dependency updates are automated', auto: 'unanswered' },
];

/** Ten items over three categories: 2 fail, 2 pass, 2 review, 3 unanswered, 1 n/a. */
export function fixtureItems(): AuditItem[] {
  return SPECS.map(auditItem);
}

/** Ids of the items that need a person, in display order. */
export const NEEDING = ['sql-params', 'no-pickle', 'secret-rotation', 'pinned-deps', 'dependabot'];

/** Ids in display order (the fixture's items are already grouped by category). */
export const DISPLAY_ORDER = SPECS.map((s) => s.id);

/** An audit around `items` (the fixture's ten by default). */
export function fixtureAudit(items: AuditItem[] = fixtureItems()): Audit {
  return {
    tool: { name: 'vouch', version: '0.1.0' },
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 1234,
    repo: { path: '/tmp/demo-repo', commit: 'abc1234' },
    checklist: {
      id: 'python-security',
      title: 'Python security',
      version: '1',
      categories: CATEGORIES,
      items: items.map((i) => i.item),
      sources: [],
      sha256: '0'.repeat(64),
    },
    items,
    probes: [],
    notices: [],
    tools: { bandit: { status: 'ran' } },
    summary: {
      total: items.length,
      counts: { fail: 0, pass: 0, review: 0, unanswered: 0, waived: 0, na: 0 },
    },
  };
}

/** `n` items, all unanswered, in one category: for scrolling and burst tests. */
export function manyItems(n: number, category = 'injection'): AuditItem[] {
  return Array.from({ length: n }, (_, i) =>
    auditItem({
      id: `item-${String(i + 1).padStart(2, '0')}`,
      category,
      title: `Manual item number ${i + 1}`,
      auto: 'unanswered',
    }),
  );
}
