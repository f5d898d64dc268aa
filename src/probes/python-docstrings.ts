/**
 * String literals of a Python file, found by a small tokenizer (not a parser): comments, quotes
 * (with prefixes and escapes), brackets and backslash continuations are enough to tell a string
 * statement from a string value.
 *
 * A string that stands alone as a statement is documentation: docstrings and the like. Their
 * examples (`user = User(password='password1')` in pydantic's docstrings, RFC sample tokens in
 * oauthlib's) show how to call an API; like a Markdown page they are docs. A string assigned or
 * passed (`CONFIG = """password = ..."""`) is data and stays code.
 */

const PREFIX = /^[rRbBuUfF]{0,2}$/;

/** One string literal: offsets of its content (inside the quotes) and the lines it spans. */
export interface StringLiteral {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  triple: boolean;
  /** True when the string is a statement of its own (a docstring), not a value. */
  standsAlone: boolean;
}

// The characters the tokenizer acts on; everything between them is skipped in one search.
const OUTSIDE = /[\n#()[\]{}"']/g;
const INSIDE_DOUBLE = /["\n\\]/g;
const INSIDE_SINGLE = /['\n\\]/g;

/** Every string literal of a Python text, in order. */
export function stringLiterals(text: string): StringLiteral[] {
  const out: StringLiteral[] = [];
  let line = 1;
  let depth = 0; // open brackets: inside them a string is a value
  let lineStart = 0; // index where the current line starts
  let continued = false; // the previous line ended with a backslash
  let i = 0;
  while (i < text.length) {
    OUTSIDE.lastIndex = i;
    if (OUTSIDE.exec(text) === null) break;
    i = OUTSIDE.lastIndex - 1;
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
    } else {
      // A quote: the string runs to the same quote (three of them for a triple-quoted one).
      const q = char === '"' ? '"' : "'";
      const triple = text.startsWith(q.repeat(3), i);
      const quote = triple ? q.repeat(3) : q;
      const standsAlone = triple && depth === 0 && !continued && PREFIX.test(text.slice(lineStart, i).trim());
      const startLine = line;
      i += quote.length;
      const start = i;
      const inside = q === '"' ? INSIDE_DOUBLE : INSIDE_SINGLE;
      while (i < text.length) {
        inside.lastIndex = i;
        if (inside.exec(text) === null) {
          i = text.length;
          break;
        }
        i = inside.lastIndex - 1;
        const at = text[i];
        if (at === q) {
          if (text.startsWith(quote, i)) break;
          i++; // one quote inside a triple-quoted string
        } else if (at === '\n') {
          if (!triple) break; // a one-line string cannot go on: leave the newline to the loop
          line++;
          lineStart = i + 1;
          i++;
        } else if (text[i + 1] === '\n') {
          line++; // a backslash continues the string on the next line
          lineStart = i + 2;
          i += 2;
        } else {
          i += 2; // an escaped character (a quote among them) does not close the string
        }
      }
      const end = Math.min(i, text.length);
      if (text.startsWith(quote, i)) i += quote.length;
      out.push({ start, end, startLine, endLine: line, triple, standsAlone });
    }
  }
  return out;
}

/** 1-based numbers of the lines a docstring-like string statement spans. */
export function docstringLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const s of stringLiterals(text)) {
    if (s.standsAlone) for (let n = s.startLine; n <= s.endLine; n++) lines.add(n);
  }
  return lines;
}
