/** Escaping for text placed into Markdown (GitHub Flavored Markdown, as in PR comments). */

/**
 * Escapes text so Markdown reads it literally: emphasis, links, HTML, code and table pipes.
 * Line breaks become spaces, because every place a report prints text is one line (a table
 * cell, a list item) and a stray newline would end it.
 */
export function mdInline(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/**
 * Wraps text in a code span that survives any backticks inside it (the fence is one backtick
 * longer than the longest run in the text) and, in a table, any pipe (GFM splits cells before it
 * parses code spans, so a pipe needs its backslash even there).
 */
export function codeSpan(text: string, inTable = false): string {
  let body = text.replace(/\r\n|\r|\n/g, ' ');
  if (inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A leading or trailing backtick would join the fence; CommonMark strips one padding space.
  const pad =
    body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
