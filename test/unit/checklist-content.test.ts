import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

// The default checklist is data other people key reports and sign-offs by; these tests hold it
// to the item list, the schema and the probes that exist, all read from their own files so a
// change to any of them is caught here.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const checklistPath = path.join(repoRoot, 'checklists/python-security.yaml');
const schemaPath = path.join(repoRoot, 'checklists/checklist.schema.json');
const probesDocPath = path.join(repoRoot, 'docs/probes.md');
// In CI the shared folder is a sibling of the repository.
const itemsDocPath = path.resolve(repoRoot, '../shared/CHECKLIST-ITEMS.md');
const guidePath = path.resolve(repoRoot, '../shared/guide/python-security-best-practices.md');

interface RawCondition {
  probe: string;
  with?: Record<string, unknown>;
}
interface RawCheck extends RawCondition {
  on_match?: string;
  on_none?: string;
  on_unavailable?: string;
}
interface RawItem {
  id: string;
  category: string;
  guidance?: string;
  remediation?: string;
  references?: { guide?: string; cwe?: string[]; owasp?: string[] };
  applies_if?: RawCondition | RawCondition[];
  checks?: RawCheck[];
}
interface RawChecklist {
  categories?: { id: string }[];
  items: RawItem[];
}

/** Cells of a Markdown table's body rows, the table found by its first header cell. */
function markdownTable(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => cells(line)[0] === firstHeader);
  if (start < 0) throw new Error(`no table headed "${firstHeader}"`);
  const rows: string[][] = [];
  // start + 1 is the |---| separator.
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

function cells(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return [];
  // Split on pipes not escaped as \| (the items table has `\|safe` in a question).
  return trimmed
    .slice(1, trimmed.endsWith('|') ? -1 : undefined)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function unquote(cell: string): string {
  return cell.replace(/^`|`$/g, '');
}

/** Markdown headings outside fenced code, without list numbering ("1. Code Injection" → "Code Injection"). */
function headings(markdown: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^#{1,6}\s+(?:\d+\.\s+)?(.+?)\s*$/.exec(line);
    if (match?.[1]) found.add(match[1]);
  }
  return found;
}

function conditionsOf(item: RawItem): RawCondition[] {
  if (item.applies_if === undefined) return [];
  return Array.isArray(item.applies_if) ? item.applies_if : [item.applies_if];
}

function listParam(call: RawCondition, key: string): string[] {
  const value = call.with?.[key];
  return Array.isArray(value) ? value.map(String) : [];
}

const text = fs.readFileSync(checklistPath, 'utf8');
const checklist = parse(text) as RawChecklist;
const itemsTable = markdownTable(fs.readFileSync(itemsDocPath, 'utf8'), 'category').map((row) => ({
  category: row[0] ?? '',
  id: row[1] ?? '',
  auto: row[3] ?? '',
}));
const probesDoc = fs.readFileSync(probesDocPath, 'utf8');
const probeIds = new Set(markdownTable(probesDoc, 'probe').map((row) => unquote(row[0] ?? '')));
const ruleIds = new Set(markdownTable(probesDoc, 'rule').map((row) => unquote(row[0] ?? '')));
const guideSections = headings(fs.readFileSync(guidePath, 'utf8'));
const byId = new Map(checklist.items.map((item) => [item.id, item]));
const allCalls: { item: string; call: RawCheck }[] = checklist.items.flatMap((item) => [
  ...(item.checks ?? []).map((call) => ({ item: item.id, call })),
  ...conditionsOf(item).map((call) => ({ item: item.id, call })),
]);

describe('markdownTable', () => {
  it.each([
    {
      md: '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\ntext',
      expected: [
        ['1', '2'],
        ['3', '4'],
      ],
    },
    { md: 'intro\n| a | b |\n|---|---|\n| x \\| y | `z` |', expected: [['x | y', '`z`']] },
    { md: '| b | a |\n|---|---|\n| 1 | 2 |\n\n| a | c |\n|---|---|\n| 5 | 6 |', expected: [['5', '6']] },
  ])('reads the body of the table headed "a" in %#', ({ md, expected }) => {
    expect(markdownTable(md, 'a')).toEqual(expected);
  });

  it('refuses a document without the table', () => {
    expect(() => markdownTable('| x |\n|---|', 'a')).toThrow(/no table/);
  });
});

describe('the reference documents parse', () => {
  it('CHECKLIST-ITEMS.md lists the 32 items', () => {
    expect(itemsTable).toHaveLength(32);
    expect(itemsTable.every((row) => /^[a-z0-9-]+$/.test(row.id) && /^[a-z-]+$/.test(row.category))).toBe(
      true,
    );
  });

  it('docs/probes.md lists the ten probes and the rules', () => {
    expect(probeIds.size).toBe(10);
    expect(ruleIds.has('py-eval')).toBe(true);
    expect([...ruleIds].every((rule) => rule.startsWith('py-'))).toBe(true);
  });
});

describe('python-security.yaml', () => {
  it('starts with the yaml-language-server schema line', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./checklist.schema.json');
  });

  it('validates against checklist.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object);
    const valid = validate(checklist);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('has unique item ids and declares exactly the categories of the item list', () => {
    const ids = checklist.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = (checklist.categories ?? []).map((category) => category.id).sort();
    expect(declared).toEqual([...new Set(itemsTable.map((row) => row.category))].sort());
  });

  it.each(itemsTable)('holds $id in category $category', ({ id, category }) => {
    expect(byId.get(id)?.category).toBe(category);
  });

  it.each(checklist.items)(
    '$id has guidance, remediation, a guide section, a CWE and an OWASP reference',
    (item) => {
      expect(item.guidance?.trim()).toMatch(/```python\n[\s\S]+```/);
      expect(item.remediation?.trim().length).toBeGreaterThan(0);
      expect(guideSections).toContain(item.references?.guide);
      expect(item.references?.cwe?.length).toBeGreaterThan(0);
      expect(item.references?.owasp?.length).toBeGreaterThan(0);
    },
  );

  it.each(allCalls)('$item calls a documented probe ($call.probe)', ({ call }) => {
    expect(probeIds).toContain(call.probe);
  });

  it.each(allCalls.filter(({ call }) => call.probe === 'python' && call.with?.rules !== undefined))(
    '$item uses only documented python rules',
    ({ call }) => {
      const rules = listParam(call, 'rules');
      expect(rules.length).toBeGreaterThan(0);
      expect(rules.filter((rule) => !ruleIds.has(rule))).toEqual([]);
    },
  );

  it.each(allCalls.filter(({ call }) => call.probe === 'pattern' || call.with?.contains !== undefined))(
    '$item has a regular expression that compiles',
    ({ call }) => {
      const source = String(call.with?.regex ?? call.with?.contains);
      const flags = call.with?.flags === undefined ? '' : String(call.with.flags);
      expect(() => new RegExp(source, flags)).not.toThrow();
    },
  );

  // What the text checks must and must not match: a false pass or fail here is a wrong verdict.
  it.each([
    { item: 'output-encoding', line: '<p>{{ comment.body|safe }}</p>', matches: true },
    { item: 'output-encoding', line: '{%- autoescape false %}', matches: true },
    { item: 'output-encoding', line: '{% autoescape off %}', matches: true },
    { item: 'output-encoding', line: '<p>{{ comment.body|safeguard }}</p>', matches: false },
    { item: 'output-encoding', line: '{% autoescape true %}', matches: false },
    { item: 'deps-vulnerability-scan', line: '      - run: pip-audit -r requirements.txt', matches: true },
    { item: 'deps-vulnerability-scan', line: '    - uses: pypa/gh-action-pip-audit@v1', matches: true },
    { item: 'deps-vulnerability-scan', line: '  safety check --full-report', matches: true },
    { item: 'deps-vulnerability-scan', line: 'description = "Type safety for config files"', matches: false },
    { item: 'bandit-in-use', line: '[tool.bandit]', matches: true },
    { item: 'bandit-in-use', line: '  - id: bandit', matches: true },
    { item: 'bandit-in-use', line: 'name = "banditry"', matches: false },
    { item: 'security-in-ci', line: '      - uses: github/codeql-action/init@v3', matches: true },
    { item: 'security-in-ci', line: '      - run: gitleaks detect', matches: true },
    { item: 'security-in-ci', line: '      - run: pytest -q', matches: false },
    { item: 'security-headers', line: 'SECURE_HSTS_SECONDS = 31536000', matches: true },
    { item: 'security-headers', line: 'SECURE_HSTS_SECONDS = 0', matches: false },
    { item: 'security-headers', line: 'SECURE_HSTS_SECONDS=0', matches: false },
    { item: 'security-headers', line: "    'csp.middleware.CSPMiddleware',", matches: true },
    { item: 'csrf-protection', line: "    'django.middleware.csrf.CsrfViewMiddleware',", matches: true },
    { item: 'security-tests', line: 'def test_path_traversal_is_refused(tmp_path):', matches: true },
    { item: 'security-tests', line: 'def test_parses_config():', matches: false },
  ])('$item: text check on "$line" matches: $matches', ({ item, line, matches }) => {
    const call = byId
      .get(item)
      ?.checks?.find((check) => check.with?.regex !== undefined || check.with?.contains !== undefined);
    const source = String(call?.with?.regex ?? call?.with?.contains);
    const flags = call?.with?.flags === undefined ? '' : String(call.with.flags);
    expect(new RegExp(source, flags).test(line)).toBe(matches);
  });

  describe('bandit checks', () => {
    let known: Set<string>;
    beforeAll(async () => {
      // bandit 1.6.2 has no list command; its --help ends with the tests it loaded.
      const { stdout } = await execa('bandit', ['-h']);
      known = new Set(stdout.match(/\bB\d{3}\b/g) ?? []);
    });

    it.each(allCalls.filter(({ call }) => call.probe === 'bandit'))(
      '$item names real bandit tests and answers without bandit',
      ({ call }) => {
        const tests = listParam(call, 'tests');
        expect(tests.length).toBeGreaterThan(0);
        expect(tests.filter((test) => !known.has(test))).toEqual([]);
        expect(call.on_unavailable).toBe('skip');
      },
    );
  });

  // A manual item must stay unanswered for a person: its checks may attach evidence but never
  // decide (skip on match and on none). Every other item needs a check that can decide.
  const manual = itemsTable.filter((row) => row.auto.startsWith('manual') && !row.auto.includes('fail'));
  it('treats the manual items of the list as manual', () => {
    expect(manual.map((row) => row.id)).toContain('security-review');
    expect(manual.length).toBeGreaterThanOrEqual(8);
  });

  it.each(itemsTable)('$id decides automatically exactly when the list says it can', ({ id, auto }) => {
    const checks = byId.get(id)?.checks ?? [];
    const decides = checks.some((check) => check.on_match !== 'skip' || check.on_none !== 'skip');
    const isManual = auto.startsWith('manual') && !auto.includes('fail');
    expect(decides).toBe(!isManual);
  });

  it.each(itemsTable.filter((row) => row.auto.includes('na without a web framework')))(
    '$id is not applicable without a web framework',
    ({ id }) => {
      const conditions = conditionsOf(byId.get(id) ?? ({} as RawItem));
      const declared = conditions.find((c) => c.probe === 'dependency');
      const imported = conditions.find((c) => c.probe === 'python');
      expect(listParam(declared ?? { probe: '' }, 'names')).toEqual(
        expect.arrayContaining(['flask', 'django', 'fastapi']),
      );
      expect(listParam(imported ?? { probe: '' }, 'imports')).toEqual(
        expect.arrayContaining(['flask', 'django', 'fastapi']),
      );
    },
  );
});
