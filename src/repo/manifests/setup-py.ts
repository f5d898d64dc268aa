import type { Manifest } from '../types.js';
import { parsePep508, toDependency } from './pep508.js';

/** A Python token, as far as reading literal lists needs: strings, brackets, commas, colons, the rest. */
interface Token {
  kind: 'string' | 'punct' | 'other';
  value: string;
  offset: number;
}

/**
 * setup.py, best effort and never executed: the string literals of `install_requires=[...]`
 * (group main) and of the lists in `extras_require={...}` (group = extra). A value that is not
 * a literal (a variable, a call) is reported in `errors`, since its content cannot be known.
 */
export function readSetupPy(path: string, content: string): Manifest {
  const manifest: Manifest = { path, kind: 'setup.py', dependencies: [], errors: [] };
  const lineAt = lineIndex(content);
  const add = (token: Token, group: string): void => {
    const line = lineAt(token.offset);
    const req = parsePep508(token.value);
    if (req) manifest.dependencies.push(toDependency(req, { file: path, line, group }));
    else
      manifest.errors.push(
        `${path}:${line}: cannot parse requirement ${JSON.stringify(token.value.slice(0, 120))}`,
      );
  };

  // A name inside text already read (the value of an earlier one, never closed) is not read
  // again: re-reading up to 5000 tokens per occurrence made a file of repeated names take minutes.
  let readUpTo = 0;
  for (const match of content.matchAll(/\binstall_requires\s*=\s*/gu)) {
    if (match.index < readUpTo) continue;
    const { tokens, end } = tokenize(content, match.index + match[0].length);
    readUpTo = end;
    const list = literalList(tokens, 0);
    if (!list) {
      manifest.errors.push(
        `${path}:${lineAt(match.index)}: install_requires is not a literal list; not evaluated`,
      );
      continue;
    }
    for (const token of list.strings) add(token, 'main');
    if (list.partial)
      manifest.errors.push(
        `${path}:${lineAt(match.index)}: install_requires is partly computed; only its literals were read`,
      );
  }

  readUpTo = 0;
  for (const match of content.matchAll(/\bextras_require\s*=\s*/gu)) {
    if (match.index < readUpTo) continue;
    const { tokens, end } = tokenize(content, match.index + match[0].length);
    readUpTo = end;
    if (tokens[0]?.value !== '{') {
      manifest.errors.push(
        `${path}:${lineAt(match.index)}: extras_require is not a literal dict; not evaluated`,
      );
      continue;
    }
    // { 'name': [ ... ], ... }
    const closes = closingBrackets(tokens);
    let i = 1;
    while (i < tokens.length && tokens[i]!.value !== '}') {
      const key = tokens[i];
      if (key?.kind === 'string' && tokens[i + 1]?.value === ':') {
        const list = literalList(tokens, i + 2, closes);
        if (list) {
          for (const token of list.strings) add(token, key.value);
          i = list.end + 1;
          continue;
        }
      }
      i++;
    }
  }
  return manifest;
}

/** For each opening bracket, the index of the bracket (of any kind) that brings the depth back. */
function closingBrackets(tokens: Token[]): Map<number, number> {
  const open: number[] = [];
  const closes = new Map<number, number>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'punct') return;
    if ('[({'.includes(token.value)) open.push(i);
    else if ('])}'.includes(token.value)) {
      const start = open.pop();
      if (start !== undefined) closes.set(start, i);
    }
  });
  return closes;
}

/**
 * A `[...]` or `(...)` starting at tokens[start]: its string items, where it ends, whether anything else was in it.
 * One that never closes (or closes with the wrong bracket) is known from `closes` without reading
 * it: reading each of thousands of nested unclosed lists to the end was quadratic.
 */
function literalList(
  tokens: Token[],
  start: number,
  closes = closingBrackets(tokens),
): { strings: Token[]; end: number; partial: boolean } | undefined {
  const open = tokens[start]?.value;
  if (open !== '[' && open !== '(') return undefined;
  const close = open === '[' ? ']' : ')';
  const end = closes.get(start);
  if (end === undefined || tokens[end]?.value !== close) return undefined;
  const strings: Token[] = [];
  let partial = false;
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punct' && '[({'.includes(token.value)) depth++;
    else if (token.kind === 'punct' && '])}'.includes(token.value)) {
      depth--;
      if (depth === 0) return token.value === close ? { strings, end: i, partial } : undefined;
    } else if (token.kind === 'string' && depth === 1) strings.push(token);
    else if (token.kind === 'other' || (token.kind === 'string' && depth > 1)) partial = true;
  }
  return undefined;
}

/** Tokens from `from` up to the end of the enclosing bracket (at most a few thousand), and where they end. */
function tokenize(text: string, from: number): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let depth = 0;
  let i = from;
  while (i < text.length && tokens.length < 5000) {
    const ch = text[i]!;
    if (/\s/u.test(ch) || ch === '\\') i++;
    else if (ch === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (/^[rRbBuUfF]{0,2}["']/u.test(text.slice(i, i + 3))) {
      const prefix = /^[rRbBuUfF]{0,2}/u.exec(text.slice(i, i + 3))![0];
      const quoteStart = i + prefix.length;
      const quote = text.startsWith(text[quoteStart]!.repeat(3), quoteStart)
        ? text[quoteStart]!.repeat(3)
        : text[quoteStart]!;
      let j = quoteStart + quote.length;
      let value = '';
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === '\\' && !/r/iu.test(prefix)) {
          value += text[j + 1] ?? '';
          j += 2;
        } else value += text[j++];
      }
      tokens.push({ kind: 'string', value, offset: quoteStart });
      i = j + quote.length;
    } else if ('[({'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, offset: i });
      depth++;
      i++;
    } else if ('])}'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, offset: i });
      i++;
      if (--depth <= 0) break;
    } else if (ch === ',' || ch === ':') {
      tokens.push({ kind: 'punct', value: ch, offset: i });
      i++;
    } else {
      const word = /^[A-Za-z0-9_.]+|^./u.exec(text.slice(i, i + 200))![0];
      tokens.push({ kind: 'other', value: word, offset: i });
      i += word.length;
      if (depth === 0) break; // a bare name or call at top level: not a literal
    }
  }
  return { tokens, end: i };
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
