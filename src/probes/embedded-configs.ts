/**
 * Config files kept inside other files: a Python module's `CONFIG = """..."""` or
 * `parser.read_string('''...''')`, a YAML block scalar (a Kubernetes ConfigMap's
 * `application.properties: |`). Their lines are written in the embedded file's syntax (INI,
 * YAML, XML, JSON, .properties) rather than the host's, so the secrets probe reads them as such.
 *
 * Python: a string that stands alone as a statement is a docstring (see `docstringLines`):
 * documentation, not a value, and left out (the tokenizer is `stringLiterals`).
 */
import { stringLiterals } from './python-docstrings.js';

/** The content of one triple-quoted string value: offsets into the text, from after the opening quotes to before the closing ones. */
export interface BlockString {
  start: number;
  end: number;
}

/** Every triple-quoted string in the text that is a value (assigned, passed, returned), not a docstring. */
export function blockStrings(text: string): BlockString[] {
  return stringLiterals(text)
    .filter((s) => s.triple && !s.standsAlone)
    .map(({ start, end }) => ({ start, end }));
}

// Lines that make a string's text source code (a script kept as a string, a test fixture of
// code) rather than a config file: there `password = pw` is an assignment of a variable.
const CODE_LINE =
  /^\s*(?:(?:async\s+)?def\s+\w+\s*\(|class\s+\w+\s*[(:]|import\s+\w|from\s+[.\w]+\s+import\s|return\b|(?:if|elif|while|for|with)\s.+:\s*$|@[\w.]+\s*(?:\(|$)|(?:const|let|var)\s+\w+\s*=|function\b|print\()/m;

/** True when a string's text reads as program source rather than configuration. */
export function looksLikeCode(content: string): boolean {
  return CODE_LINE.test(content);
}

/** Part of one line: [from, to) as 0-based columns. */
export interface LineSegment {
  from: number;
  to: number;
}

/**
 * For each 0-based line index, the parts of that line inside a config-like triple-quoted string
 * value of a Python file (source code kept in a string is left out). `lineStarts` are the offsets
 * where lines begin.
 */
export function pythonConfigSegments(
  text: string,
  lineStarts: readonly number[],
): Map<number, LineSegment[]> {
  const out = new Map<number, LineSegment[]>();
  for (const block of blockStrings(text)) {
    if (block.end <= block.start || looksLikeCode(text.slice(block.start, block.end))) continue;
    let line = lineIndexOf(lineStarts, block.start);
    for (; line < lineStarts.length && (lineStarts[line] ?? 0) < block.end; line++) {
      const lineStart = lineStarts[line] ?? 0;
      const nextStart = lineStarts[line + 1] ?? text.length + 1;
      const from = Math.max(block.start, lineStart) - lineStart;
      const to = Math.min(block.end, nextStart - 1) - lineStart;
      if (to > from) out.set(line, [...(out.get(line) ?? []), { from, to }]);
    }
  }
  return out;
}

// A key (or a list item) whose value is a literal or folded block: `config.ini: |`, `- >-`.
const YAML_BLOCK_START = /^(?<indent> *)(?:- +)*(?:[^\s#][^#]*?:|-) +[|>][1-9+-]{0,2} *(?:#.*)?$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * For each 0-based line index of a YAML file, the line when it is inside a block scalar that
 * holds config-like text (a CI step's script of code is left out).
 */
export function yamlConfigSegments(lines: readonly string[]): Map<number, LineSegment[]> {
  const out = new Map<number, LineSegment[]>();
  let i = 0;
  while (i < lines.length) {
    const start = YAML_BLOCK_START.exec(lines[i] ?? '');
    i++;
    if (start === null) continue;
    const indent = start.groups?.['indent']?.length ?? 0;
    const first = i;
    while (i < lines.length && ((lines[i] ?? '').trim() === '' || indentOf(lines[i] ?? '') > indent)) i++;
    const block = lines.slice(first, i);
    if (looksLikeCode(block.join('\n'))) continue;
    block.forEach((line, n) => {
      if (line.trim() !== '') out.set(first + n, [{ from: 0, to: line.length }]);
    });
  }
  return out;
}

function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
