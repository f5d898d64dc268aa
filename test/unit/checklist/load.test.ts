import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecklists, type ProbeSpec } from '../../../src/checklist/load.js';
import { UsageError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-checklist-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEAD = `id: demo
title: Demo
version: "1"
categories:
  - id: web
    title: Web
items:
`;
const ITEM = `  - id: a-item
    category: web
    title: A
    question: Is it?
    severity: high
`;

/** Probes known to the loader in these tests: two, with parameter schemas. */
const PROBES: ProbeSpec[] = [
  {
    id: 'python',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { rules: { type: 'array', items: { type: 'string' } } },
    },
  },
  {
    id: 'pattern',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['regex'],
      properties: { regex: { type: 'string' } },
    },
    validate: (p) => {
      try {
        new RegExp(String(p.regex));
        return [];
      } catch {
        return [`invalid regex: ${String(p.regex)}`];
      }
    },
  },
];

function problemsOf(files: string[]): string[] {
  try {
    loadChecklists(files, { probes: PROBES, cwd: dir });
  } catch (error) {
    if (error instanceof UsageError) return error.details;
    throw error;
  }
  return [];
}

const bomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'id: x',
].join('\n');

// One row per broken checklist: the file's text and the exact problems expected.
const rows: { name: string; text: string; expected: string[] }[] = [
  { name: 'empty.yaml', text: '', expected: ['empty.yaml:1:1: the checklist is empty'] },
  {
    name: 'comment-only.yaml',
    text: '# nothing\n',
    expected: ['comment-only.yaml:1:1: the checklist is empty'],
  },
  {
    name: 'syntax.yaml',
    text: 'id: demo\ntitle: [unclosed\nversion: "1"\n',
    expected: [
      'syntax.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'tab-indent.yaml',
    text: 'id: demo\nitems:\n\t- id: x\n',
    expected: ['tab-indent.yaml:3:1: Tabs are not allowed as indentation'],
  },
  // These two crashed the loader (a stack overflow: RangeError, or a fatal V8 error on the next read).
  {
    name: 'nested-too-deep.yaml',
    text: `id: demo\ntitle: T\nversion: "1"\nitems:\n  - ${'['.repeat(1000)}${']'.repeat(1000)}\n`,
    expected: ['nested-too-deep.yaml:5:67: nested deeper than 64 levels'],
  },
  {
    name: 'nested-on-one-line.yaml',
    text: `id: demo\n${': '.repeat(3131)}`,
    expected: ['nested-on-one-line.yaml:2:129: nested deeper than 64 levels'],
  },
  {
    name: 'duplicate-key.yaml',
    text: 'id: demo\nid: again\ntitle: T\nversion: "1"\nitems: []\n',
    expected: ['duplicate-key.yaml:2:1: Map keys must be unique'],
  },
  {
    name: 'not-a-map.yaml',
    text: '- just\n- a list\n',
    expected: ['not-a-map.yaml:1:1: the checklist must be object'],
  },
  {
    name: 'missing-items.yaml',
    text: 'id: demo\ntitle: T\nversion: "1"\n',
    expected: ['missing-items.yaml:1:1: the checklist: missing required key "items"'],
  },
  {
    name: 'bad-severity.yaml',
    text: HEAD + ITEM.replace('severity: high', 'severity: critical'),
    expected: ['bad-severity.yaml:12:15: items[0].severity must be one of: high, medium, low'],
  },
  {
    name: 'unknown-key.yaml',
    text: HEAD + ITEM + '    owner: me\n',
    expected: ['unknown-key.yaml:13:5: unknown key "owner" in items[0]'],
  },
  {
    name: 'wrong-type.yaml',
    text: HEAD + ITEM.replace('title: A', 'title: [A, B]'),
    expected: ['wrong-type.yaml:10:12: items[0].title must be string'],
  },
  {
    name: 'bad-id.yaml',
    text: HEAD + ITEM.replace('id: a-item', 'id: A_Item'),
    expected: ['bad-id.yaml:8:9: items[0].id must be kebab-case (lower-case words joined by "-")'],
  },
  {
    name: 'duplicate-id.yaml',
    text: HEAD + ITEM + ITEM,
    expected: ['duplicate-id.yaml:13:9: duplicate item id "a-item" (first defined at duplicate-id.yaml:8)'],
  },
  {
    name: 'unknown-category.yaml',
    text: HEAD + ITEM.replace('category: web', 'category: crypto'),
    expected: ['unknown-category.yaml:9:15: item "a-item" names unknown category "crypto" (known: web)'],
  },
  {
    name: 'bad-outcome.yaml',
    text: HEAD + ITEM + '    checks:\n      - probe: python\n        on_match: explode\n',
    expected: [
      'bad-outcome.yaml:15:19: items[0].checks[0].on_match must be one of: pass, fail, review, na, skip',
    ],
  },
  {
    name: 'unknown-probe.yaml',
    text: HEAD + ITEM + '    checks:\n      - probe: telepathy\n',
    expected: ['unknown-probe.yaml:14:16: unknown probe "telepathy" (known: python, pattern)'],
  },
  {
    name: 'bad-probe-params.yaml',
    text: HEAD + ITEM + '    checks:\n      - probe: python\n        with: { rulez: [x] }\n',
    expected: ['bad-probe-params.yaml:15:17: probe "python": unknown key "rulez" in items[0].checks[0].with'],
  },
  {
    name: 'bad-regex.yaml',
    text: HEAD + ITEM + '    checks:\n      - probe: pattern\n        with: { regex: "(unclosed" }\n',
    expected: ['bad-regex.yaml:15:15: probe "pattern": invalid regex: (unclosed'],
  },
  {
    name: 'alias-bomb.yaml',
    text: bomb,
    expected: ['alias-bomb.yaml:1:1: Excessive alias count indicates a resource exhaustion attack'],
  },
  {
    name: 'huge.yaml',
    text: `# ${'x'.repeat(10 * 1024 * 1024)}\n`,
    expected: ['huge.yaml:1:1: file is 10.0 MiB; the limit is 2 MiB'],
  },
  {
    name: 'several-problems.yaml',
    text: HEAD + ITEM.replace('severity: high', 'severity: urgent') + '    colour: red\n',
    expected: [
      'several-problems.yaml:13:5: unknown key "colour" in items[0]',
      'several-problems.yaml:12:15: items[0].severity must be one of: high, medium, low',
    ],
  },
];

describe('loadChecklists reports every problem as FILE:LINE:COL', () => {
  it.each(rows)('$name', ({ name, text, expected }) => {
    const problems = problemsOf([file(name, text)]);
    expect(problems.sort()).toEqual([...expected].sort());
  });

  it('a missing file is a problem, not a crash', () => {
    expect(problemsOf([join(dir, 'nope.yaml')])).toEqual(['nope.yaml:1:1: no such checklist file']);
  });

  it('combines files: a later one adds categories and items', () => {
    const a = file('base.yaml', HEAD + ITEM);
    const b = file(
      'extra.yaml',
      'id: extra\ntitle: Extra\nversion: "1"\ncategories:\n  - id: ops\n    title: Ops\nitems:\n' +
        ITEM.replace('a-item', 'b-item').replace('web', 'ops'),
    );
    const c = loadChecklists([a, b], { probes: PROBES, cwd: dir });
    expect(c.items.map((i) => i.id)).toEqual(['a-item', 'b-item']);
    expect(c.categories.map((x) => x.id)).toEqual(['web', 'ops']);
    expect(c.sources.map((s) => s.file)).toEqual(['base.yaml', 'extra.yaml']);
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.id).toBe('demo');
  });

  it("a later file may use an earlier file's category; an id clash across files is an error", () => {
    const a = file('base2.yaml', HEAD + ITEM);
    const b = file('clash.yaml', 'id: extra\ntitle: Extra\nversion: "1"\nitems:\n' + ITEM);
    expect(problemsOf([a, b])).toEqual([
      'clash.yaml:5:9: duplicate item id "a-item" (first defined at base2.yaml:8)',
    ]);
  });

  it('fills check defaults: fail on a match, pass on none, review when unavailable', () => {
    const f = file('defaults.yaml', HEAD + ITEM + '    checks:\n      - probe: python\n');
    const c = loadChecklists([f], { probes: PROBES, cwd: dir });
    expect(c.items[0]?.checks[0]).toEqual({
      probe: 'python',
      on_match: 'fail',
      on_none: 'pass',
      on_unavailable: 'review',
    });
  });

  it('the digest changes when the file changes', () => {
    const f1 = file('d1.yaml', HEAD + ITEM);
    const f2 = file('d2.yaml', HEAD + ITEM.replace('Is it?', 'Is it really?'));
    const s1 = loadChecklists([f1], { cwd: dir }).sha256;
    const s2 = loadChecklists([f2], { cwd: dir }).sha256;
    expect(s1).not.toBe(s2);
  });
});
