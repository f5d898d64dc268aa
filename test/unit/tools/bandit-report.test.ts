import { processLoads } from '../../../src/repo/collect.js';
import { describe, expect, it } from 'vitest';
import {
  banditCacheKey,
  parseBanditReport,
  planPieces,
  relativeToRoot,
  snippetFromCode,
  type BanditReport,
} from '../../../src/repo/bandit.js';

const ROOT = '/work/repo';

/** One result as bandit 1.6.2 writes it (`code` holds numbered context lines). */
const result = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: '2 \n3 value = eval(sys.argv[1])\n4 print(value)\n',
  filename: './app.py',
  issue_confidence: 'HIGH',
  issue_severity: 'MEDIUM',
  issue_text: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
  line_number: 3,
  line_range: [3],
  more_info: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval',
  test_id: 'B307',
  test_name: 'blacklist',
  ...over,
});
const report = (results: unknown[], errors: unknown[] = []): string =>
  JSON.stringify({ errors, generated_at: '2026-11-28T00:00:00Z', metrics: { _totals: { loc: 3 } }, results });

describe('parseBanditReport', () => {
  const rows: { name: string; stdout: string; expected: BanditReport | string }[] = [
    {
      name: 'a 1.6.2 result',
      stdout: report([result()]),
      expected: {
        findings: [
          {
            rule: 'B307',
            message: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
            file: 'app.py',
            line: 3,
            column: undefined,
            snippet: 'value = eval(sys.argv[1])',
            severity: 'medium',
            confidence: 'high',
          },
        ],
        errors: [],
      },
    },
    {
      name: 'newer bandit: col_offset, tab-numbered code, absolute path',
      stdout: report([
        result({
          col_offset: 8,
          code: '3\tvalue = eval(x)\n',
          filename: `${ROOT}/pkg/app.py`,
          issue_severity: 'LOW',
          issue_confidence: 'UNDEFINED',
        }),
      ]),
      expected: {
        findings: [
          {
            rule: 'B307',
            message: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
            file: 'pkg/app.py',
            line: 3,
            column: 9,
            snippet: 'value = eval(x)',
            severity: 'low',
            confidence: undefined,
          },
        ],
        errors: [],
      },
    },
    {
      name: 'errors[] become error entries; results sorted by file and line',
      stdout: report(
        [
          result({ filename: './b.py', line_number: 9, code: '' }),
          result({ filename: './a.py', line_number: 7, code: '' }),
        ],
        [{ filename: './broken.py', reason: 'syntax error while parsing AST from file' }],
      ),
      expected: {
        findings: [
          expect.objectContaining({ file: 'a.py', line: 7, snippet: undefined }),
          expect.objectContaining({ file: 'b.py', line: 9, snippet: undefined }),
        ] as never,
        errors: [{ file: 'broken.py', message: 'syntax error while parsing AST from file' }],
      },
    },
    {
      name: 'malformed entries are skipped, not fatal',
      stdout: report(
        [null, 'x', result({ test_id: undefined, issue_text: undefined, line_number: 'x' })],
        [42],
      ),
      expected: {
        findings: [expect.objectContaining({ rule: 'blacklist', message: 'blacklist', line: 0 })] as never,
        errors: [],
      },
    },
    { name: 'empty output', stdout: '', expected: 'bandit printed no report' },
    {
      name: 'not JSON',
      stdout: 'Traceback (most recent call last):\n',
      expected: 'bandit printed something that is not JSON ("Traceback (most recent call last):")',
    },
    {
      name: 'JSON of another shape',
      stdout: '{"errors": []}',
      expected: 'bandit printed JSON without a results list',
    },
    { name: 'a JSON list', stdout: '[]', expected: 'bandit printed JSON without a results list' },
  ];
  it.each(rows)('$name', ({ stdout, expected }) => {
    expect(parseBanditReport(stdout, ROOT)).toEqual(expected);
  });
});

describe('snippetFromCode', () => {
  const rows: {
    name: string;
    code: string | undefined;
    line: number;
    rule: string;
    expected: string | undefined;
  }[] = [
    {
      name: 'the flagged line among its neighbours',
      code: '9 a = 1\n10     b = eval(a)  \n11 c\n',
      line: 10,
      rule: 'B307',
      expected: 'b = eval(a)',
    },
    { name: 'line 1 is not line 10', code: '1 first\n10 tenth\n', line: 1, rule: 'B307', expected: 'first' },
    { name: 'no such line', code: '1 a\n2 b\n', line: 5, rule: 'B307', expected: undefined },
    { name: 'no code', code: undefined, line: 1, rule: 'B307', expected: undefined },
    { name: 'a blank line', code: '4    \n', line: 4, rule: 'B307', expected: undefined },
    {
      name: 'cut to 200 characters',
      code: `1 x = "${'a'.repeat(300)}"\n`,
      line: 1,
      rule: 'B307',
      expected: `x = "${'a'.repeat(194)}…`,
    },
    {
      name: 'a hard-coded password literal is masked',
      code: '3 conn = connect(user="app", password="hunter2-long")\n',
      line: 3,
      rule: 'B106',
      expected: 'conn = connect(user="***", password="***")',
    },
    {
      name: 'B105 with single quotes and a prefix',
      code: "7 PASSWORD = r'abc\\'def'\n",
      line: 7,
      rule: 'B105',
      expected: "PASSWORD = r'***'",
    },
  ];
  it.each(rows)('$name', ({ code, line, rule, expected }) => {
    expect(snippetFromCode(code, line, rule)).toBe(expected);
  });

  it('masks a token whatever the rule', () => {
    const token = `ghp_${'0123456789abcdefghijKLMNOPQRSTUVWXYZab'.slice(0, 36)}`;
    const snippet = snippetFromCode(
      `2 requests.get(url, headers={"Authorization": "${token}"}, verify=False)\n`,
      2,
      'B501',
    );
    expect(snippet).toContain('verify=False');
    expect(snippet).not.toContain(token);
  });
});

describe('relativeToRoot', () => {
  const rows: { file: string; expected: string }[] = [
    { file: './app.py', expected: 'app.py' },
    { file: './pkg/./x.py', expected: 'pkg/./x.py' },
    { file: 'app.py', expected: 'app.py' },
    { file: `${ROOT}/pkg/app.py`, expected: 'pkg/app.py' },
    { file: './-', expected: '-' },
    { file: './-rf.py', expected: '-rf.py' },
  ];
  it.each(rows)('$file', ({ file, expected }) => {
    expect(relativeToRoot(file, ROOT)).toBe(expected);
  });
});

describe('banditCacheKey', () => {
  const files = [
    { path: 'a.py', sha: '1' },
    { path: 'b.py', sha: '2' },
  ];
  const base = banditCacheKey('1.6.2', ['-s', 'B101'], files);
  const rows: { name: string; key: string; same: boolean }[] = [
    { name: 'same inputs', key: banditCacheKey('1.6.2', ['-s', 'B101'], [...files]), same: true },
    {
      name: 'files in another order',
      key: banditCacheKey('1.6.2', ['-s', 'B101'], [...files].reverse()),
      same: true,
    },
    { name: 'another bandit version', key: banditCacheKey('1.7.0', ['-s', 'B101'], files), same: false },
    { name: 'other arguments', key: banditCacheKey('1.6.2', ['-s', 'B102'], files), same: false },
    { name: 'arguments split differently', key: banditCacheKey('1.6.2', ['-s B101'], files), same: false },
    {
      name: 'a changed file',
      key: banditCacheKey('1.6.2', ['-s', 'B101'], [files[0]!, { path: 'b.py', sha: '3' }]),
      same: false,
    },
    { name: 'a file fewer', key: banditCacheKey('1.6.2', ['-s', 'B101'], [files[0]!]), same: false },
    // Path and sha are kept apart: "a.py"+"12" is not "a.py1"+"2".
    {
      name: 'no ambiguity between path and sha',
      key: banditCacheKey(
        '1.6.2',
        ['-s', 'B101'],
        [
          { path: 'a.py1', sha: '' },
          { path: 'b.py', sha: '2' },
        ],
      ),
      same: false,
    },
  ];
  it.each(rows)('$name', ({ key, same }) => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key === base).toBe(same);
  });
});

describe('planPieces', () => {
  const MB = 1024 * 1024;
  const files = (sizes: number[]): { path: string; size: number }[] =>
    sizes.map((size, i) => ({ path: `f${i}`, size }));
  const weights = (sizes: number[], shards: number): number[] =>
    planPieces(files(sizes), shards).map((piece) =>
      piece.reduce((sum, p) => sum + (sizes[Number(p.slice(1))] ?? 0), 0),
    );
  const rows: { name: string; sizes: number[]; shards: number; pieces: number }[] = [
    { name: 'one process: one piece', sizes: [5 * MB, 5 * MB, 5 * MB], shards: 1, pieces: 1 },
    { name: 'a small tree: one piece per process', sizes: [100, 200, 300, 400], shards: 2, pieces: 2 },
    {
      name: 'under 1 MB on two processes: two pieces',
      sizes: Array<number>(8).fill(MB / 8),
      shards: 2,
      pieces: 2,
    },
    // 6 MB of 30 KB files: half of what is left each time, down to 512 KB pieces.
    {
      name: 'a large tree: shrinking pieces',
      sizes: Array<number>(200).fill(30 * 1024),
      shards: 2,
      pieces: 5,
    },
    { name: 'never more pieces than files', sizes: [30 * MB, 30 * MB], shards: 2, pieces: 2 },
  ];
  it.each(rows)('$name', ({ sizes, shards, pieces }) => {
    const planned = planPieces(files(sizes), shards);
    expect(planned).toHaveLength(pieces);
    expect(planned.flat().sort()).toEqual(
      files(sizes)
        .map((f) => f.path)
        .sort(),
    );
  });

  it('hands out the largest piece first and the smallest last', () => {
    const sizes = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 97) * 1024 + 512);
    const w = weights(sizes, 2);
    expect(Math.max(...w)).toBe(w[0]);
    // Each piece at most the one before it, give or take the file that did not fit.
    w.slice(1).forEach((weight, i) => expect(weight).toBeLessThanOrEqual(w[i]! + 97 * 1024));
    // The tail: the last piece is at most a tenth of the first, so no process runs long alone.
    expect(w.at(-1)!).toBeLessThanOrEqual(w[0]! / 10);
    expect(w.at(-1)!).toBeLessThanOrEqual(512 * 1024);
  });

  it('puts the largest files in the first pieces', () => {
    const sizes = [1, 1, 1, 900, 1, 1, 800, 1].map((n) => n * 1024);
    expect(planPieces(files(sizes), 2)[0]).toContain('f3');
  });
});

describe('processLoads (--verbose)', () => {
  it.each([
    { name: 'no processes', loads: undefined, expected: '' },
    { name: 'none ran', loads: [], expected: '' },
    {
      name: 'two processes',
      loads: [
        { busyMs: 9800, pieces: 4, files: 300 },
        { busyMs: 9640, pieces: 1, files: 1 },
      ],
      expected: '; processes busy 9.8 s (4 pieces, 300 files), 9.6 s (1 piece, 1 file)',
    },
  ])('$name', ({ loads, expected }) => {
    expect(processLoads(loads)).toBe(expected);
  });
});
