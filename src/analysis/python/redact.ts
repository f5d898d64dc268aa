/** Redaction of secrets in source snippets: a reader sees where a secret is, never what it is. */

/** Keeps the first two characters of a value; short values are hidden entirely. */
export function redactValue(value: string): string {
  return value.length > 4 ? `${value.slice(0, 2)}***` : '***';
}

/** Config key names such as `SECRET_KEY` or `DJANGO_SECRET_KEY` are not secrets: kept readable. */
const KEY_NAME = /^(?:[A-Z][A-Z0-9]*_)*SECRET_KEY$|^secret_key$/;

const STRING_START = /(?:\b[rRbBuUfF]{1,2})?('''|"""|'|")/g;

/**
 * Redacts the content of every string literal on one source line. A string left open at the
 * end of the line (a triple-quoted one, or a quote in a comment) is redacted to the end: too
 * much hidden is harmless, too little is a leak.
 */
export function redactLine(line: string): string {
  let out = '';
  let index = 0;
  STRING_START.lastIndex = 0;
  for (let match = STRING_START.exec(line); match; match = STRING_START.exec(line)) {
    const quote = match[1] ?? '"';
    const contentStart = match.index + match[0].length;
    const end = closingQuote(line, contentStart, quote);
    const content = line.slice(contentStart, end === -1 ? line.length : end);
    out +=
      line.slice(index, contentStart) +
      (content === '' || KEY_NAME.test(content) ? content : redactValue(content));
    if (end === -1) return out;
    out += quote;
    index = end + quote.length;
    STRING_START.lastIndex = index;
  }
  return out + line.slice(index);
}

function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
    } else if (line.startsWith(quote, i)) {
      return i;
    }
  }
  return -1;
}
