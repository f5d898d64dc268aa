import { describe, expect, test } from 'vitest';
import {
  blockStrings,
  looksLikeCode,
  pythonConfigSegments,
  yamlConfigSegments,
} from '../../../src/probes/embedded-configs.js';

const starts = (text: string): number[] => {
  const out: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    out.push(at);
    at += line.length + 1;
  }
  return out;
};

/** `line:text` of each segment, 1-based lines. */
const shown = (lines: string[], segments: Map<number, { from: number; to: number }[]>): string[] =>
  [...segments].flatMap(([i, parts]) => parts.map((p) => `${i + 1}:${(lines[i] ?? '').slice(p.from, p.to)}`));

describe('blockStrings', () => {
  test.each([
    { name: 'assigned', text: 'X = """a\nb"""', expected: ['a\nb'] },
    { name: 'passed, with a prefix', text: "f(rb'''a''')", expected: ['a'] },
    { name: 'returned', text: 'def f():\n    return """a"""', expected: ['a'] },
    { name: 'a docstring is not a value', text: 'def f():\n    """doc"""\n', expected: [] },
    { name: 'a module docstring is not a value', text: '"""doc\nmore"""\nX = 1', expected: [] },
    { name: 'a one-quote string is not a block', text: 'X = "a"', expected: [] },
    { name: 'quotes in a comment start nothing', text: '# """\nX = 1', expected: [] },
    { name: 'an escaped quote does not close it', text: 'X = """a\\"""b"""', expected: ['a\\"""b'] },
    { name: 'an unclosed block runs to the end', text: 'X = """a\nb', expected: ['a\nb'] },
  ])('$name', ({ text, expected }) => {
    expect(blockStrings(text).map((b) => text.slice(b.start, b.end))).toEqual(expected);
  });
});

describe('looksLikeCode', () => {
  test.each([
    ['def connect():\n    password = pw', true],
    ['import os\npassword = x', true],
    ['from app import settings', true],
    ['    return password', true],
    ['if ok:\n    x = 1', true],
    ['const password = x;', true],
    ['@app.route("/")', true],
    ['[database]\npassword = Zx9!k2LmQ', false],
    ['db:\n  password: x\nif: ok', false],
    ['<config><password>x</password></config>', false],
    ['{"password": "x"}', false],
    ['export PASSWORD=abc', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeCode(text)).toBe(expected);
  });
});

describe('pythonConfigSegments', () => {
  test.each([
    {
      name: 'the lines of an embedded INI, its first and last line cut at the quotes',
      text: 'INI = """[db]\npassword = x\nuser = y"""  # note',
      expected: ['1:[db]', '2:password = x', '3:user = y'],
    },
    {
      name: 'one-line block string',
      text: "PROPS = '''a=b'''",
      expected: ['1:a=b'],
    },
    { name: 'a docstring is left out', text: 'def f():\n    """\n    password = x\n    """', expected: [] },
    {
      name: 'code kept in a string is left out',
      text: 'SCRIPT = """\nimport os\npassword = x\n"""',
      expected: [],
    },
  ])('$name', ({ text, expected }) => {
    expect(shown(text.split('\n'), pythonConfigSegments(text, starts(text)))).toEqual(expected);
  });
});

describe('yamlConfigSegments', () => {
  test.each([
    {
      name: 'a literal block under a key, to the first line indented no deeper',
      text: 'data:\n  app.ini: |\n    [db]\n\n    password = x\n  other: 1',
      expected: ['3:    [db]', '5:    password = x'],
    },
    { name: 'a folded block in a list', text: '- >-\n  a = b\nc: d', expected: ['2:  a = b'] },
    {
      name: 'a block with an indentation indicator and a comment',
      text: 'k: |2 # c\n   a = b',
      expected: ['2:   a = b'],
    },
    { name: 'a plain scalar is no block', text: 'k: a | b\n  c = d', expected: [] },
    { name: 'a quoted pipe is no block', text: 'k: "|"\n  c = d', expected: [] },
    { name: 'a script of code is left out', text: 'run: |\n  import os\n  x = 1', expected: [] },
  ])('$name', ({ text, expected }) => {
    const lines = text.split('\n');
    expect(shown(lines, yamlConfigSegments(lines))).toEqual(expected);
  });
});
