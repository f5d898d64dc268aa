/**
 * Suppression markers end to end: the built CLI on a temporary git repository whose code marks
 * a `random` token `# noqa: S311`, one `eval` `# nosec` and another with vouch's own marker, and
 * leaves an `exec` unmarked. The marked findings are shown as suppressed in every report and do
 * not count; `count_suppressed = true` makes them count.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsText, reportJsonValidator, sarifValidator } from '../support/schemas.js';
import { gitRepoFrom, vouch } from './helpers.js';

const APP = `import random
import string

ALPHABET = string.ascii_letters + string.digits


def reset_token():
    token = "".join(random.choice(ALPHABET) for _ in range(32))  # noqa: S311
    return token


def calculate(expr):
    return eval(expr)  # nosec


def run_config(source):
    return eval(source)  # vouch: ignore[no-eval-exec] the source is our own settings file


def run_plugin(code):
    exec(code)


def label(text):
    return eval("text  # nosec" + text)
`;

interface Evidence {
  file: string | null;
  line: number | null;
  rule: string | null;
  counted: boolean;
  suppressed: { kind: string; marker: string; reason: string } | null;
}
interface Item {
  id: string;
  verdict: string;
  evidence: Evidence[];
}
interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { region: { startLine: number } } }[];
  suppressions?: { kind: string; justification: string }[];
}

function project(pyproject?: string): string {
  const source = join(mkdtempSync(join(tmpdir(), 'vouch-suppress-')), 'src');
  mkdirSync(source);
  writeFileSync(join(source, 'app.py'), APP);
  if (pyproject !== undefined) writeFileSync(join(source, 'pyproject.toml'), pyproject);
  return gitRepoFrom(source);
}

async function audit(root: string, extra: string[] = []) {
  const out = join(root, '..', 'reports');
  const r = await vouch([
    root,
    '--non-interactive',
    '--format',
    'md,json,sarif',
    '--output',
    `${out}/`,
    ...extra,
  ]);
  const read = (name: string) => readFileSync(join(out, name), 'utf8');
  const json = JSON.parse(read('vouch-report.json')) as { items: Item[] };
  const item = (id: string): Item => {
    const found = json.items.find((i) => i.id === id);
    if (found === undefined) throw new Error(`no item ${id}`);
    return found;
  };
  return { r, json, item, md: read('vouch-report.md'), sarif: read('vouch-report.sarif') };
}

const at = (e: Evidence) => `${e.file}:${e.line}`;

describe.each([
  ['with bandit', []],
  ['with --no-bandit', ['--no-bandit']],
])('suppression markers on a real audit (%s)', (_name, extra) => {
  it('shows marked findings as suppressed and does not count them', async () => {
    const { r, json, item, md, sarif } = await audit(project(), extra);
    expect(r.exitCode, r.stderr).toBe(1);
    const validateJson = reportJsonValidator();
    expect(validateJson(json), errorsText(validateJson.errors)).toBe(true);

    // The only random token is marked: the item passes, and says why.
    const random = item('secure-random');
    expect(random.verdict).toBe('pass');
    const token = random.evidence.find((e) => e.line === 8);
    expect(token).toMatchObject({
      counted: false,
      suppressed: { kind: 'noqa', marker: '# noqa: S311', reason: '' },
    });

    // eval is marked twice; the unmarked exec still fails the item. A `# nosec` inside a string
    // literal marks nothing: that eval counts too.
    const evals = item('no-eval-exec');
    expect(evals.verdict).toBe('fail');
    const byLine = new Map(evals.evidence.map((e) => [at(e), e]));
    expect(byLine.get('app.py:13')).toMatchObject({
      counted: false,
      suppressed: { kind: 'nosec', marker: '# nosec' },
    });
    expect(byLine.get('app.py:17')).toMatchObject({
      counted: false,
      suppressed: {
        kind: 'vouch',
        marker: '# vouch: ignore[no-eval-exec]',
        reason: 'the source is our own settings file',
      },
    });
    expect(byLine.get('app.py:21')).toMatchObject({ counted: true, suppressed: null });
    expect(byLine.get('app.py:25')).toMatchObject({ counted: true, suppressed: null });

    // Markdown: the section names each one with file:line, marker and reason.
    const section = md.slice(md.indexOf('## Suppressed in the source'));
    expect(md).toContain('## Suppressed in the source');
    expect(section).toContain('`secure-random` `app.py:8');
    expect(section).toContain('`# noqa: S311`');
    expect(section).toContain('`no-eval-exec` `app.py:13');
    expect(section).toContain('`# vouch: ignore[no-eval-exec]` — the source is our own settings file');

    // SARIF: suppressed results carry an inSource suppression; the exec is an open error.
    const log = JSON.parse(sarif) as { runs: { results: SarifResult[] }[] };
    const validateSarif = sarifValidator();
    expect(validateSarif(log), errorsText(validateSarif.errors)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    const result = (rule: string, line: number) =>
      results.find((x) => x.ruleId === rule && x.locations[0]?.physicalLocation.region.startLine === line);
    expect(result('secure-random', 8)?.suppressions).toEqual([
      { kind: 'inSource', justification: '# noqa: S311: no reason given' },
    ]);
    expect(result('no-eval-exec', 13)?.suppressions?.[0]?.kind).toBe('inSource');
    expect(result('no-eval-exec', 17)?.suppressions?.[0]?.justification).toBe(
      '# vouch: ignore[no-eval-exec]: the source is our own settings file',
    );
    expect(result('no-eval-exec', 21)).toMatchObject({ level: 'error' });
    expect(result('no-eval-exec', 21)?.suppressions).toBeUndefined();
  });
});

describe('count_suppressed in [tool.vouch]', () => {
  it('makes the marked findings count, still shown as suppressed', async () => {
    const root = project(
      '[project]\nname = "demo"\nversion = "1.0"\n\n[tool.vouch]\ncount_suppressed = true\n',
    );
    const { item, md, sarif } = await audit(root, ['--no-bandit']);
    const random = item('secure-random');
    expect(random.verdict).toBe('fail');
    expect(random.evidence.find((e) => e.line === 8)).toMatchObject({
      counted: true,
      suppressed: { marker: '# noqa: S311' },
    });
    expect(md).toContain('Counted anyway: the settings say `count_suppressed`.');
    const log = JSON.parse(sarif) as { runs: { results: SarifResult[] }[] };
    const token = log.runs[0]?.results.find((x) => x.ruleId === 'secure-random');
    expect(token?.level).toBe('error');
    expect(token?.suppressions).toBeUndefined();
  });
});
