import { describe, expect, it } from 'vitest';
import { itemBodyLines, markdownToPlain, wrapLine } from '../../src/ui/item-text.js';
import { fixtureItems, LEAKED_TOKEN } from './fixture.js';

describe('markdownToPlain', () => {
  it.each([
    ['## Why\nText', ['Why', 'Text']],
    ['Use **bold** and __this__', ['Use bold and this']],
    ['See [the guide](https://x.org/a).', ['See the guide (https://x.org/a).']],
    ['* one\n+ two\n- three', ['- one', '- two', '- three']],
    ['Before\n```python\nx = 1\n  y = 2\n```\nAfter', ['Before', '    x = 1', '      y = 2', 'After']],
    ['~~~\ncode\n~~~', ['    code']],
    ['\n\nText\n\n', ['Text']],
    ['keep `inline` code', ['keep `inline` code']],
    // A paragraph written over several YAML lines reflows as one line (the screen wraps it).
    [
      'Code that assumes a shape\nit never checked fails.\n\nNext.',
      ['Code that assumes a shape it never checked fails.', '', 'Next.'],
    ],
    ['1. First step\n   continues here\n2. Second', ['1. First step continues here', '2. Second']],
  ])('%j', (markdown, expected) => {
    expect(markdownToPlain(markdown)).toEqual(expected);
  });
});

describe('wrapLine', () => {
  it.each([
    ['short', 10, ['short']],
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['  - indented words here', 12, ['  - indented', '  words here']],
    ['abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['\tx', 10, ['    x']],
  ])('%j at %i', (line, width, expected) => {
    expect(wrapLine(line, width)).toEqual(expected);
    for (const l of wrapLine(line, width)) expect(l.length).toBeLessThanOrEqual(width);
  });
});

describe('itemBodyLines', () => {
  const items = fixtureItems();
  const evalItem = items.find((i) => i.id === 'no-eval-exec')!;
  const secretItem = items.find((i) => i.id === 'no-hardcoded-secrets')!;

  it.each([
    ['a note', { note: `pasted ${LEAKED_TOKEN} here` }],
    ['a waiver reason', { waiver: { reason: `token ${LEAKED_TOKEN}` }, source: 'manual' as const }],
    ['a reason', { reasons: [`matched ${LEAKED_TOKEN}`] }],
  ])('never shows a secret in %s', (_name, patch) => {
    const text = itemBodyLines({ ...evalItem, ...patch }, 200).join('\n');
    expect(text).not.toContain(LEAKED_TOKEN);
  });

  it('shows terminal control sequences from the repository as visible text', () => {
    const item = { ...evalItem, evidence: [{ ...evalItem.evidence[0]!, file: 'a\u001B]0;pwned\u0007.py' }] };
    const text = itemBodyLines(item, 200).join('\n');
    expect(text).not.toContain('\u001B');
    expect(text).toContain('a\\x1b]0;pwned\\x07.py');
  });

  it('shows the question, the automatic verdict, its reasons, evidence and guidance', () => {
    const text = itemBodyLines(evalItem, 200).join('\n');
    expect(text).toContain('Is it true that untrusted input never reaches eval or exec?');
    expect(text).toContain('Automatic verdict: ✖ fail');
    expect(text).toContain('  - bandit B307 matched 1 place');
    expect(text).toContain('app/views.py:42  [B307] Use of possibly insecure function eval');
    expect(text).toContain('      result = eval(request.args["expr"])');
    expect(text).toContain('tests/test_views.py:7  [py-eval] eval in a test  (shown only: test code)');
    expect(text).toContain('Never pass untrusted input to `eval`. See the guide (https://example.org/eval).');
    expect(text).toContain('      ast.literal_eval(text)');
    expect(text).not.toContain('```');
    expect(text).toContain('How to fix:');
  });

  it('never shows a secret from a snippet in clear', () => {
    const text = itemBodyLines(secretItem, 79).join('\n');
    expect(text).toContain('settings.py:3');
    expect(text).not.toContain(LEAKED_TOKEN);
    expect(text).toContain('***');
  });

  it('wraps every line to the width', () => {
    for (const line of itemBodyLines(evalItem, 30)) expect(line.length).toBeLessThanOrEqual(30);
  });

  it("shows a person's answer, waiver and a note waiting for an answer", () => {
    const waived = {
      ...evalItem,
      verdict: 'waived' as const,
      source: 'manual' as const,
      waiver: { reason: 'legacy', expires: '2027-01-31' },
      note: 'see #4',
      answeredBy: 'alice',
      answeredAt: '2026-11-28T12:00:00Z',
    };
    const text = itemBodyLines(waived, 79, 'draft').join('\n');
    expect(text).toContain('Your answer: ~ waived by alice on 2026-11-28');
    expect(text).toContain('waiver: legacy (until 2027-01-31)');
    expect(text).toContain('note: see #4');
    expect(text).toContain('Note (saved with your answer): draft');
  });
});
