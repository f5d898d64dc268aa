import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_SECTIONS, REQUIRED_ITEMS } from '../fixtures/required-items.js';
import { PYTHON_RULES } from '../../src/analysis/python/rule-list.js';
import { PROBES } from '../../src/probes/registry.js';
import { securityToolsProbe, type SecurityToolsParams } from '../../src/probes/security-tools.js';
import { vulnerabilitiesProbe, type VulnerabilitiesParams } from '../../src/probes/vulnerabilities.js';
import { combineOutcomes } from '../../src/audit/verdict.js';
import type { CheckOutcome } from '../../src/checklist/types.js';
import { makeFacts } from './probes/facts.js';

// The default checklist is data other people key reports and sign-offs by; these tests hold it
// to the required item list and guide sections (test/fixtures/required-items.ts), the schema and
// the probes that exist, all read from their own files so a change to any of them is caught here.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const checklistPath = path.join(repoRoot, 'checklists/python-security.yaml');
const schemaPath = path.join(repoRoot, 'checklists/checklist.schema.json');
const probesDocPath = path.join(repoRoot, 'docs/probes.md');
const WF = '.github/workflows/ci.yml';

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
  // Split on pipes not escaped as \| (a cell may hold `\|safe`, a Jinja filter).
  return trimmed
    .slice(1, trimmed.endsWith('|') ? -1 : undefined)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function unquote(cell: string): string {
  return cell.replace(/^`|`$/g, '');
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
const itemsTable = [...REQUIRED_ITEMS];
const probesDoc = fs.readFileSync(probesDocPath, 'utf8');
const probeIds = new Set(markdownTable(probesDoc, 'probe').map((row) => unquote(row[0] ?? '')));
const ruleIds = new Set(markdownTable(probesDoc, 'rule').map((row) => unquote(row[0] ?? '')));
const guideSections = GUIDE_SECTIONS.flatMap((chapter) => chapter.sections);
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

describe('the reference data', () => {
  it('the required items are 32 well-formed, unique ids', () => {
    expect(itemsTable).toHaveLength(32);
    expect(new Set(itemsTable.map((row) => row.id)).size).toBe(32);
    expect(itemsTable.every((row) => /^[a-z0-9-]+$/.test(row.id) && /^[a-z-]+$/.test(row.category))).toBe(
      true,
    );
  });

  it('only rate limiting and security headers depend on a web framework', () => {
    expect(itemsTable.filter((row) => row.webOnly === true).map((row) => row.id)).toEqual([
      'rate-limiting',
      'security-headers',
    ]);
  });

  it('the guide sections are unique and none is also a chapter', () => {
    expect(new Set(guideSections).size).toBe(guideSections.length);
    const chapters = new Set(GUIDE_SECTIONS.map((chapter) => chapter.chapter));
    expect(guideSections.filter((section) => chapters.has(section))).toEqual([]);
  });

  it('docs/probes.md lists every registered probe and every built-in rule', () => {
    expect([...probeIds].sort()).toEqual(PROBES.map((p) => p.id).sort());
    expect([...ruleIds].sort()).toEqual(PYTHON_RULES.map((r) => r.id).sort());
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
    // Django's HSTS, CSP and CSRF settings are the web probe's framework models (test/unit/probes/web.test.ts).
    {
      item: 'security-headers',
      line: '    response.headers["Content-Security-Policy"] = "default-src \'self\'"',
      matches: true,
    },
    {
      item: 'security-headers',
      line: "        self.set_header('Strict-Transport-Security', 'max-age=31536000')",
      matches: true,
    },
    {
      item: 'security-headers',
      line: '    csp = response.headers.get("Content-Security-Policy")',
      matches: false,
    },
    { item: 'output-encoding', line: '{{ user.bio }}', matches: false },
    { item: 'debug-disabled', line: 'pyramid.debug_all = true', matches: true },
    { item: 'debug-disabled', line: 'pyramid.includes = pyramid_debugtoolbar pyramid_tm', matches: true },
    { item: 'debug-disabled', line: 'pyramid.debug_all = false', matches: false },
    { item: 'debug-disabled', line: '# pyramid.includes = pyramid_debugtoolbar', matches: false },
    { item: 'debug-disabled', line: 'pyramid.includes = pyramid_tm', matches: false },
    { item: 'security-tests', line: 'def test_path_traversal_is_refused(tmp_path):', matches: true },
    { item: 'security-tests', line: 'def test_parses_config():', matches: false },
  ])('$item: text check on "$line" matches: $matches', ({ item, line, matches }) => {
    // Any of the item's text checks (an item may have one that fails and one that asks for review).
    const calls =
      byId
        .get(item)
        ?.checks?.filter((check) => check.with?.regex !== undefined || check.with?.contains !== undefined) ??
      [];
    expect(calls.length).toBeGreaterThan(0);
    const matched = calls.some((call) => {
      const source = String(call.with?.regex ?? call.with?.contains);
      const flags = call.with?.flags === undefined ? '' : String(call.with.flags);
      return new RegExp(source, flags).test(line);
    });
    expect(matched).toBe(matches);
  });

  // What the security-tools checks of an item answer, together, for a one-file repository:
  // a run is a pass, a declaration only is for a person, nothing at all is a fail.
  const workflow = (step: string): string =>
    `on: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${step}\n`;
  it.each([
    {
      item: 'deps-vulnerability-scan',
      file: WF,
      text: workflow('      - run: pip-audit -r requirements.txt'),
      verdict: 'pass',
    },
    {
      item: 'deps-vulnerability-scan',
      file: WF,
      text: workflow('      - uses: pypa/gh-action-pip-audit@v1'),
      verdict: 'pass',
    },
    {
      item: 'deps-vulnerability-scan',
      file: WF,
      text: workflow('      - run: safety check --full-report'),
      verdict: 'pass',
    },
    {
      item: 'deps-vulnerability-scan',
      file: WF,
      text: workflow('      - run: pip install safety'),
      verdict: 'fail',
    },
    {
      item: 'deps-vulnerability-scan',
      file: 'pyproject.toml',
      text: '[project]\ndescription = "Type safety for config files"\n',
      verdict: 'fail',
    },
    {
      item: 'deps-vulnerability-scan',
      file: '.github/dependabot.yml',
      text: 'version: 2\n',
      verdict: 'review',
    },
    {
      item: 'bandit-in-use',
      file: '.pre-commit-config.yaml',
      text: 'repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.8.0\n    hooks:\n      - id: bandit\n',
      verdict: 'pass',
    },
    {
      item: 'bandit-in-use',
      file: 'pyproject.toml',
      text: '[tool.bandit]\nexclude_dirs = ["tests"]\n',
      verdict: 'review',
    },
    {
      item: 'bandit-in-use',
      file: WF,
      text: workflow('      - uses: ShiftLeftSecurity/scan-action@master'),
      verdict: 'review',
    },
    {
      item: 'bandit-in-use',
      file: 'pyproject.toml',
      text: '[project]\nname = "banditry"\n',
      verdict: 'fail',
    },
    {
      item: 'security-in-ci',
      file: WF,
      text: workflow('      - uses: github/codeql-action/init@v3'),
      verdict: 'pass',
    },
    {
      item: 'security-in-ci',
      file: WF,
      text: workflow('      - run: gitleaks detect --source .'),
      verdict: 'pass',
    },
    {
      item: 'security-in-ci',
      file: WF,
      text: workflow('      - uses: github/codeql-action/upload-sarif@v3'),
      verdict: 'fail',
    },
    {
      item: 'security-in-ci',
      file: WF,
      text: workflow('      - name: Run bandit\n        run: pytest -q'),
      verdict: 'fail',
    },
  ])('$item: security-tools checks on $file say $verdict', ({ item, file, text, verdict }) => {
    // With them, the vulnerabilities probe's "nothing checks the dependencies" (no pip-audit run here).
    const probes = ['security-tools', 'vulnerabilities'];
    const checks = byId.get(item)?.checks?.filter((check) => probes.includes(check.probe)) ?? [];
    expect(checks.some((check) => check.probe === 'security-tools')).toBe(true);
    const facts = makeFacts({ files: { [file]: text }, pipAudit: { status: 'missing' } });
    const outcomes = checks.map((check) => {
      const result =
        check.probe === 'vulnerabilities'
          ? vulnerabilitiesProbe.run(facts, check.with as VulnerabilitiesParams)
          : securityToolsProbe.run(facts, (check.with ?? {}) as SecurityToolsParams);
      if (result.status !== 'ok') return check.on_unavailable as CheckOutcome;
      return (result.findings.length > 0 ? check.on_match : check.on_none) as CheckOutcome;
    });
    expect(combineOutcomes(outcomes)).toBe(verdict);
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
  const manual = itemsTable.filter((row) => row.answering === 'manual');
  it('treats the manual items of the list as manual', () => {
    expect(manual.map((row) => row.id)).toContain('security-review');
    expect(manual.length).toBeGreaterThanOrEqual(8);
  });

  it.each(itemsTable)('$id decides automatically exactly when the list says it can', ({ id, answering }) => {
    const checks = byId.get(id)?.checks ?? [];
    const decides = checks.some((check) => check.on_match !== 'skip' || check.on_none !== 'skip');
    expect(decides).toBe(answering === 'decides');
  });

  it.each(itemsTable.filter((row) => row.webOnly === true))(
    '$id is not applicable without a web framework',
    ({ id }) => {
      // The web probe's surface: every framework model, bare WSGI/ASGI apps, http.server.
      const conditions = conditionsOf(byId.get(id) ?? ({} as RawItem));
      expect(conditions).toEqual([{ probe: 'web', with: { find: 'surface' } }]);
    },
  );
});
