/**
 * The tokenizer skips to the characters it acts on instead of stepping through every one. The
 * reference below is the character-by-character version it replaced: on any text both must find
 * the same string literals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringLiterals, type StringLiteral } from '../../../src/probes/python-docstrings.js';

const PREFIX = /^[rRbBuUfF]{0,2}$/;

function reference(text: string): StringLiteral[] {
  const out: StringLiteral[] = [];
  let line = 1;
  let depth = 0; // open brackets: inside them a string is a value
  let lineStart = 0; // index where the current line starts
  let continued = false; // the previous line ended with a backslash
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\n') {
      continued = i > 0 && text[i - 1] === '\\';
      line++;
      lineStart = i + 1;
      i++;
    } else if (char === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '(' || char === '[' || char === '{') {
      depth++;
      i++;
    } else if (char === ')' || char === ']' || char === '}') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (char === '"' || char === "'") {
      const triple = text.startsWith(char.repeat(3), i);
      const quote = triple ? char.repeat(3) : char;
      const before = text.slice(lineStart, i).trim();
      const standsAlone = triple && depth === 0 && !continued && PREFIX.test(before);
      const startLine = line;
      i += quote.length;
      const start = i;
      while (i < text.length && !text.startsWith(quote, i)) {
        const inside = text[i];
        if (inside === '\n') {
          if (!triple) break; // a one-line string cannot go on: leave the newline to the loop
          line++;
          lineStart = i + 1;
          i++;
        } else if (inside === '\\' && text[i + 1] === '\n') {
          line++;
          lineStart = i + 2;
          i += 2;
        } else {
          i += inside === '\\' ? 2 : 1; // an escaped quote does not close the string
        }
      }
      const end = Math.min(i, text.length);
      if (text.startsWith(quote, i)) i += quote.length;
      out.push({ start, end, startLine, endLine: line, triple, standsAlone });
    } else {
      i++;
    }
  }
  return out;
}

/** Python files of this repository (examples and fixtures): real code with real strings. */
function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) out.push(...pythonFiles(path));
    else if (name.endsWith('.py')) out.push(path);
  }
  return out;
}

describe('stringLiterals', () => {
  const rows: { text: string }[] = [
    { text: '' },
    { text: 'x = "a\\"b"\n' },
    { text: '"""doc\nstring"""\nx = 1\n' },
    { text: "s = '''one ' two '' three'''\n" },
    { text: 'x = "unterminated\ny = 2\n' },
    { text: 'x = """never closed\n' },
    { text: 'x = "ends in backslash\\' },
    { text: 'f(\n  """inside brackets"""\n)\n' },
    { text: 'x = 1 \\\n"""continued"""\n' },
    { text: '# "not a string"\nr"""raw"""\n' },
    { text: 's = "a\\\nb"\n' },
  ];
  it.each(rows)('$text', ({ text }) => {
    expect(stringLiterals(text)).toEqual(reference(text));
  });

  it('finds what the character-by-character tokenizer finds, on any text', () => {
    const piece = fc.constantFrom(
      '"',
      "'",
      '"""',
      "'''",
      '\\',
      '\n',
      '#',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      'r',
      'x = ',
      ' ',
      'a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(stringLiterals(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds what the character-by-character tokenizer finds, on the Python files of this repository', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const files = [...pythonFiles(join(root, 'examples')), ...pythonFiles(join(root, 'test'))];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const found: StringLiteral[] = stringLiterals(text);
      expect(found, file).toEqual(reference(text));
    }
  });
});
