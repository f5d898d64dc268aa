import { describe, expect, it } from 'vitest';
import {
  covers,
  lineComment,
  markerLookup,
  parseMarkers,
  pythonComments,
  suppressionFor,
  type Marker,
  type SuppressibleFinding,
} from '../../../src/audit/suppression.js';

/** The markers on the one line of a Python source. */
function markersOf(line: string): Marker[] {
  return markerLookup(new Map([['app.py', `${line}\n`]]))('app.py', 1).slice();
}

describe('pythonComments', () => {
  const rows: { name: string; source: string; comments: [number, string][] }[] = [
    { name: 'a trailing comment', source: 'x = eval(s)  # nosec\n', comments: [[1, '# nosec']] },
    { name: 'a comment line', source: 'a = 1\n# noqa: S311\n', comments: [[2, '# noqa: S311']] },
    { name: 'a # inside a string is not a comment', source: 'x = "# nosec"\n', comments: [] },
    {
      name: 'after a string holding a #',
      source: "x = eval('#' + s)  # nosec B307\n",
      comments: [[1, '# nosec B307']],
    },
    { name: 'an escaped quote does not end the string', source: 'x = "a\\" # nosec"\n', comments: [] },
    {
      name: 'inside a triple-quoted string over lines',
      source: 'x = """\npassword = "hunter2"  # nosec\n"""\ny = 1  # real\n',
      comments: [[4, '# real']],
    },
    {
      name: "a triple-quoted string's lines are counted",
      source: "s = '''a\nb'''  # after\n",
      comments: [[2, '# after']],
    },
    {
      name: 'an unterminated single-quoted string ends at the line',
      source: 'x = "open\ny = 2  # nosec\n',
      comments: [[2, '# nosec']],
    },
    { name: 'CRLF line ends are dropped', source: 'x = 1  # nosec\r\ny = 2\r\n', comments: [[1, '# nosec']] },
    {
      name: 'a prefixed string (f, rb) is a string too',
      source: 'q = f"{a} # {b}"  # noqa: S608\n',
      comments: [[1, '# noqa: S608']],
    },
  ];
  it.each(rows)('$name', ({ source, comments }) => {
    expect([...pythonComments(source)]).toEqual(comments);
  });
});

describe('lineComment (files that are not Python)', () => {
  const rows: { line: string; comment: string | undefined }[] = [
    {
      line: 'debug: true  # vouch: ignore[debug-disabled] local only',
      comment: '# vouch: ignore[debug-disabled] local only',
    },
    { line: 'url: "http://x/#frag"', comment: undefined },
    { line: "key = 'a#b'  # note", comment: '# note' },
    {
      line: '{{ body|safe }} {# vouch: ignore[output-encoding] bleached #}',
      comment: '{# vouch: ignore[output-encoding] bleached #}',
    },
    {
      line: '<div>{{ x|safe }}</div> <!-- vouch: ignore[output-encoding] ok -->',
      comment: '<!-- vouch: ignore[output-encoding] ok -->',
    },
    { line: 'plain text', comment: undefined },
  ];
  it.each(rows)('$line', ({ line, comment }) => {
    expect(lineComment(line)).toBe(comment);
  });
});

describe('parseMarkers', () => {
  type Row = { comment: string; tools?: boolean; markers: Partial<Marker>[] };
  const rows: Row[] = [
    // bandit
    {
      comment: '# nosec',
      markers: [{ kind: 'nosec', text: '# nosec', codes: [], blanket: true, reason: '' }],
    },
    {
      comment: '# nosec B602',
      markers: [{ kind: 'nosec', codes: ['B602'], blanket: false, text: '# nosec B602' }],
    },
    { comment: '# nosec: B602, B607', markers: [{ codes: ['B602', 'B607'], text: '# nosec B602, B607' }] },
    { comment: '# nosec B602,B607', markers: [{ codes: ['B602', 'B607'] }] },
    { comment: '# nosec markupsafe_markup_xss', markers: [{ codes: ['B704'] }] },
    {
      comment: '# nosec B311 - jitter, not a secret',
      markers: [{ codes: ['B311'], reason: 'jitter, not a secret' }],
    },
    {
      comment: '# nosec - constant argv, list form',
      markers: [{ codes: [], blanket: true, reason: 'constant argv, list form' }],
    },
    {
      // bandit reads test names anywhere in the text: only B311 is suppressed, and the marker says so.
      comment: '# nosec used for random jitter',
      markers: [
        {
          codes: ['B311'],
          blanket: false,
          text: '# nosec (bandit reads B311)',
          reason: 'used for random jitter',
        },
      ],
    },
    // An id-shaped typo matches nothing rather than everything.
    { comment: '# nosec B999', markers: [{ codes: ['B999'], blanket: false }] },
    { comment: '#nosec', markers: [{ kind: 'nosec', blanket: true }] },
    // bandit's marker is case-sensitive, and other words are not it.
    { comment: '# NOSEC', markers: [] },
    { comment: '# nosecurity here', markers: [] },
    { comment: '# see nosec docs', markers: [] },
    { comment: '# nosec-begin B602', markers: [] },
    // ruff
    { comment: '# noqa', markers: [{ kind: 'noqa', text: '# noqa', codes: [], blanket: true }] },
    {
      comment: '# noqa: S311',
      markers: [{ kind: 'noqa', codes: ['S311'], blanket: false, text: '# noqa: S311' }],
    },
    { comment: '# noqa: S311, E501', markers: [{ codes: ['S311', 'E501'] }] },
    { comment: '# NOQA:S311', markers: [{ codes: ['S311'] }] },
    {
      comment: '# noqa: S311 dev fixtures only',
      markers: [{ codes: ['S311'], reason: 'dev fixtures only' }],
    },
    { comment: '# noqa: E501', markers: [{ codes: ['E501'], blanket: false }] },
    // `# noqa S311` (no colon) is read as the code the person named, never as everything.
    { comment: '# noqa S311', markers: [{ codes: ['S311'], blanket: false }] },
    // `# noqa:` with no valid code is an invalid directive: nothing.
    { comment: '# noqa: because', markers: [] },
    { comment: '# noqanything', markers: [] },
    // vouch
    {
      comment: '# vouch: ignore[secure-random] seeded test data, never a token',
      markers: [
        {
          kind: 'vouch',
          text: '# vouch: ignore[secure-random]',
          codes: ['secure-random'],
          blanket: false,
          reason: 'seeded test data, never a token',
        },
      ],
    },
    {
      comment: '# vouch: ignore[weak-crypto, secure-random] cache keys',
      markers: [{ codes: ['weak-crypto', 'secure-random'], reason: 'cache keys' }],
    },
    { comment: '# vouch: ignore[no-eval-exec]', markers: [{ codes: ['no-eval-exec'], reason: '' }] },
    { comment: '# vouch: ignore[] why', markers: [] },
    { comment: '# vouch: ignore[Not An Id] why', markers: [] },
    { comment: '# vouch ignore secure-random', markers: [] },
    {
      comment: '{# vouch: ignore[output-encoding] sanitised with bleach #}',
      tools: false,
      markers: [{ kind: 'vouch', codes: ['output-encoding'], reason: 'sanitised with bleach' }],
    },
    {
      comment: '<!-- vouch: ignore[output-encoding] trusted CMS text -->',
      tools: false,
      markers: [{ kind: 'vouch', reason: 'trusted CMS text' }],
    },
    // Outside Python, bandit's and ruff's markers mean nothing.
    { comment: '# nosec', tools: false, markers: [] },
    // Several tools on one line.
    {
      comment: '# vouch: ignore[secure-random] mock data  # noqa: S311',
      markers: [
        { kind: 'noqa', codes: ['S311'] },
        { kind: 'vouch', reason: 'mock data' },
      ],
    },
    { comment: '# type: ignore  # nosec B307', markers: [{ kind: 'nosec', codes: ['B307'] }] },
  ];
  it.each(rows)('$comment', ({ comment, tools, markers }) => {
    const parsed = parseMarkers(comment, tools ?? true);
    expect(parsed).toHaveLength(markers.length);
    markers.forEach((m, i) => expect(parsed[i]).toMatchObject(m));
  });
});

describe('covers and suppressionFor', () => {
  const f = (probe: string, rule: string | undefined, itemId = 'secure-random'): SuppressibleFinding => ({
    probe,
    rule,
    itemId,
  });
  const rows: { name: string; line: string; finding: SuppressibleFinding; marker: string | undefined }[] = [
    // The real-world shapes.
    {
      name: 'noqa S311 on random',
      line: 'tok = random.choice(x)  # noqa: S311',
      finding: f('python', 'py-random-secret'),
      marker: '# noqa: S311',
    },
    {
      name: 'noqa S311 on bandit B311',
      line: 'tok = random.random()  # noqa: S311',
      finding: f('bandit', 'B311'),
      marker: '# noqa: S311',
    },
    {
      name: 'bare nosec on eval',
      line: 'eval(s)  # nosec',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: '# nosec',
    },
    {
      name: 'nosec B307 on eval',
      line: 'eval(s)  # nosec B307',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: '# nosec B307',
    },
    {
      name: 'nosec by name',
      line: 'eval(s)  # nosec: eval',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: '# nosec eval',
    },
    {
      name: 'noqa S704 on Markup',
      line: 'Markup(t)  # noqa: S704',
      finding: f('python', 'py-mark-safe', 'output-encoding'),
      marker: '# noqa: S704',
    },
    {
      name: 'noqa S324 on sha1',
      line: 'hashlib.sha1(x)  # noqa: S324',
      finding: f('python', 'py-weak-hash', 'weak-crypto'),
      marker: '# noqa: S324',
    },
    {
      name: 'nosec B602 on shell=True',
      line: 'run(c, shell=True)  # nosec B602',
      finding: f('python', 'py-subprocess-shell', 'no-shell-injection'),
      marker: '# nosec B602',
    },
    {
      name: 'noqa S605 on os.system',
      line: 'os.system(c)  # noqa: S605',
      finding: f('python', 'py-os-system', 'no-shell-injection'),
      marker: '# noqa: S605',
    },
    {
      name: 'noqa S608 on SQL',
      line: 'cur.execute(q % x)  # noqa: S608',
      finding: f('python', 'py-sql-format', 'sql-parameterized'),
      marker: '# noqa: S608',
    },
    {
      name: 'nosec B105 on a password-like literal',
      line: 'PASSWORD = "x"  # nosec B105',
      finding: f('secrets', 'secret-assignment', 'no-hardcoded-secrets'),
      marker: '# nosec B105',
    },
    {
      name: 'vouch marker for the item',
      line: 'random.random()  # vouch: ignore[secure-random] jitter',
      finding: f('python', 'py-random-secret'),
      marker: '# vouch: ignore[secure-random]',
    },
    {
      name: 'vouch marker covers any probe',
      line: 'x  # vouch: ignore[deps-pinned] dev only',
      finding: f('pinned-dependencies', 'unpinned', 'deps-pinned'),
      marker: '# vouch: ignore[deps-pinned]',
    },
    {
      name: 'one of several item ids',
      line: 'x  # vouch: ignore[weak-crypto, secure-random] ok',
      finding: f('python', 'py-random-secret'),
      marker: '# vouch: ignore[weak-crypto, secure-random]',
    },
    {
      name: 'vouch marker wins over a tool marker',
      line: 'r()  # noqa: S311  # vouch: ignore[secure-random] jitter',
      finding: f('python', 'py-random-secret'),
      marker: '# vouch: ignore[secure-random]',
    },
    // The near misses.
    {
      name: 'wrong tool code (noqa S311 on eval)',
      line: 'eval(s)  # noqa: S311',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: undefined,
    },
    {
      name: 'wrong bandit id (nosec B602 on eval)',
      line: 'eval(s)  # nosec B602',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: undefined,
    },
    {
      // A bare noqa is usually about line length: it names no security code and hides none.
      name: 'a bare noqa hides no security finding',
      line: 'cur.execute("SELECT " + q)  # noqa',
      finding: f('python', 'py-sql-format', 'sql-parameterized'),
      marker: undefined,
    },
    {
      name: 'a non-bandit ruff code (E501) is no blanket',
      line: 'random.random()  # noqa: E501',
      finding: f('python', 'py-random-secret'),
      marker: undefined,
    },
    {
      name: 'different item id',
      line: 'random.random()  # vouch: ignore[weak-crypto] cache',
      finding: f('python', 'py-random-secret'),
      marker: undefined,
    },
    {
      name: 'a marker inside a string literal',
      line: 'x = eval("1  # nosec")',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: undefined,
    },
    {
      name: 'a vouch marker inside a string literal',
      line: 'x = random.random(), "# vouch: ignore[secure-random] no"',
      finding: f('python', 'py-random-secret'),
      marker: undefined,
    },
    {
      name: 'a bare nosec does not hide a token-format secret',
      line: 'KEY = "AKIA..."  # nosec',
      finding: f('secrets', 'aws-access-key-id', 'no-hardcoded-secrets'),
      marker: undefined,
    },
    {
      name: 'a bare nosec does not reach a template pattern',
      line: 'x  # nosec',
      finding: f('pattern', 'safe-filter', 'output-encoding'),
      marker: undefined,
    },
    {
      name: 'an id-shaped typo suppresses nothing',
      line: 'eval(s)  # nosec B30',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: undefined,
    },
    {
      name: 'nosec B105 does not cover eval',
      line: 'eval(s)  # nosec B105',
      finding: f('bandit', 'B307', 'no-eval-exec'),
      marker: undefined,
    },
    {
      name: 'no marker at all',
      line: 'eval(s)',
      finding: f('python', 'py-eval', 'no-eval-exec'),
      marker: undefined,
    },
  ];
  it.each(rows)('$name', ({ line, finding, marker }) => {
    expect(suppressionFor(markersOf(line), finding)?.marker).toBe(marker);
  });

  it('carries the reason written with the marker', () => {
    const s = suppressionFor(
      markersOf('r()  # vouch: ignore[secure-random] seeded fixtures'),
      f('python', 'py-random-secret'),
    );
    expect(s).toEqual({ kind: 'vouch', marker: '# vouch: ignore[secure-random]', reason: 'seeded fixtures' });
  });

  it('a finding without a rule is covered only by vouch marker', () => {
    const [nosec] = parseMarkers('# nosec');
    const [vouch] = parseMarkers('# vouch: ignore[secure-random] x');
    if (nosec === undefined || vouch === undefined) throw new Error('markers not parsed');
    expect(covers(nosec, f('python', undefined))).toBe(false);
    expect(covers(vouch, f('python', undefined))).toBe(true);
  });
});

describe('markerLookup', () => {
  const texts = new Map([
    ['app/views.py', 'import random\n\ntok = random.random()  # noqa: S311\nx = 1\n'],
    ['templates/page.html', '<p>{{ body|safe }}</p> {# vouch: ignore[output-encoding] bleached #}\n'],
    ['settings.yaml', 'debug: true  # nosec\n'],
  ]);
  const lookup = markerLookup(texts);
  const rows: { file: string; line: number; kinds: string[] }[] = [
    { file: 'app/views.py', line: 3, kinds: ['noqa'] },
    { file: 'app/views.py', line: 4, kinds: [] },
    { file: 'templates/page.html', line: 1, kinds: ['vouch'] },
    { file: 'settings.yaml', line: 1, kinds: [] }, // bandit's marker means nothing in YAML
    { file: 'missing.py', line: 1, kinds: [] },
  ];
  it.each(rows)('$file:$line', ({ file, line, kinds }) => {
    expect(lookup(file, line).map((m) => m.kind)).toEqual(kinds);
  });
});
