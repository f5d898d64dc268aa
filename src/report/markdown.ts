/**
 * A deliberately small Markdown-to-HTML converter for checklist guidance: paragraphs, headings,
 * fenced code blocks, lists, inline code, bold, italics and http(s) links. Everything is escaped
 * first, so no input can produce a tag or attribute this file does not write itself.
 */

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; text: string }
  | { kind: 'code'; lang: string; lines: string[] }
  | { kind: 'ul' | 'ol'; items: string[][] };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let current: Block | undefined;
  const close = () => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence !== null) {
      close();
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker))
        body.push(lines[i++] ?? '');
      blocks.push({ kind: 'code', lang: fence[2] ?? '', lines: body });
      continue;
    }
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      close();
      blocks.push({ kind: 'h', text: heading[1] ?? '' });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet === null ? ORDERED.exec(line) : null;
    const listKind = bullet !== null ? 'ul' : ordered !== null ? 'ol' : undefined;
    if (listKind !== undefined) {
      if (current?.kind !== listKind) {
        close();
        current = { kind: listKind, items: [] };
      }
      current.items.push([(bullet ?? ordered)?.[1] ?? '']);
      continue;
    }
    if (current?.kind === 'ul' || current?.kind === 'ol') {
      // An indented line continues the last list item; anything else starts a paragraph.
      const last = current.items[current.items.length - 1];
      if (/^\s/.test(line) && last !== undefined) {
        last.push(line.trim());
        continue;
      }
      close();
    }
    if (current?.kind !== 'p') {
      close();
      current = { kind: 'p', lines: [] };
    }
    current.lines.push(line.trim());
  }
  close();
  return blocks;
}

/** Inline Markdown of one block's text: code spans, bold, italics, links, backslash escapes. */
export function inlineHtml(text: string): string {
  // Code spans first: their content is literal, so it must not see the other rules.
  const parts = text.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  let out = '';
  for (let i = 0; i < parts.length; i += 3) {
    out += inlineText(parts[i] ?? '');
    const code = parts[i + 2];
    if (code !== undefined) {
      const trimmed = /^ .* $/.test(code) && code.trim() !== '' ? code.slice(1, -1) : code;
      out += `<code>${escapeHtml(trimmed)}</code>`;
    }
  }
  return out;
}

function inlineText(text: string): string {
  return (
    escapeHtml(text)
      // A backslash-escaped punctuation character becomes an entity the rules below ignore.
      .replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => `&#${c.charCodeAt(0)};`)
      .replace(
        /\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g,
        '<a href="$2" rel="noopener noreferrer">$1</a>',
      )
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
      .replace(/__(?=\S)([\s\S]*?\S)__/g, '<strong>$1</strong>')
      .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, '$1<em>$2</em>')
  );
}

/** Converts Markdown to HTML (block and inline), escaping all text. */
export function markdownToHtml(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return `<p>${inlineHtml(b.lines.join('\n'))}</p>`;
        case 'h':
          return `<h4>${inlineHtml(b.text)}</h4>`;
        case 'code': {
          const cls = b.lang === '' ? '' : ` class="language-${escapeHtml(b.lang)}"`;
          return `<pre><code${cls}>${escapeHtml(b.lines.join('\n'))}</code></pre>`;
        }
        case 'ul':
        case 'ol':
          return `<${b.kind}>${b.items.map((item) => `<li>${inlineHtml(item.join('\n'))}</li>`).join('')}</${b.kind}>`;
      }
    })
    .join('\n');
}
