import type { AuditItem, Evidence } from '../audit/types.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';
import { verdictLabel } from './verdict-style.js';

/**
 * Markdown guidance as plain lines: fences dropped, code kept and indented, emphasis markers
 * removed, and each paragraph or list item joined into one line so it wraps to the screen
 * rather than to the width the YAML was written at.
 */
export function markdownToPlain(markdown: string): string[] {
  const out: string[] = [];
  let inFence = false;
  let paragraph: string | undefined;
  const flush = (): void => {
    if (paragraph !== undefined) out.push(inlinePlain(paragraph));
    paragraph = undefined;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${raw}`);
      continue;
    }
    if (raw.trim() === '') {
      flush();
      out.push('');
    } else if (/^\s*#{1,6}\s/.test(raw)) {
      flush();
      out.push(inlinePlain(raw));
    } else if (paragraph === undefined || /^\s*([-*+]\s|\d+[.)]\s|#{1,6}\s|>|\|)/.test(raw)) {
      flush();
      paragraph = raw.trimEnd();
    } else {
      paragraph += ` ${raw.trim()}`;
    }
  }
  flush();
  while (out.length > 0 && out[out.length - 1]?.trim() === '') out.pop();
  while (out.length > 0 && out[0]?.trim() === '') out.shift();
  return out;
}

function inlinePlain(line: string): string {
  return line
    .replace(/^(\s*)#{1,6}\s+/, '$1')
    .replace(/^(\s*)[*+]\s+/, '$1- ')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, text: string, url: string) =>
      text === '' ? url : `${text} (${url})`,
    );
}

/**
 * Wraps one line at word boundaries to `width` columns. Continuation lines keep the line's
 * indentation so code and list items stay readable; words longer than a line are cut.
 */
export function wrapLine(line: string, width: number): string[] {
  const expanded = line.replace(/\t/g, '    ');
  if (expanded.length <= width) return [expanded];
  const indent = /^\s*/.exec(expanded)?.[0] ?? '';
  const pad = indent.length < width / 2 ? indent : '';
  const words = expanded.slice(indent.length).split(/ +/);
  const lines: string[] = [];
  let current = indent;
  const flush = (): void => {
    lines.push(current.trimEnd());
    current = pad;
  };
  for (const word of words) {
    let rest = word;
    const room = width - current.length - (current.trim() === '' ? 0 : 1);
    if (rest.length <= room) {
      current += (current.trim() === '' ? '' : ' ') + rest;
      continue;
    }
    if (current.trim() !== '') flush();
    while (pad.length + rest.length > width) {
      const cut = width - pad.length;
      lines.push(pad + rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = pad + rest;
  }
  if (current.trim() !== '') lines.push(current.trimEnd());
  return lines;
}

function evidenceLines(evidence: readonly Evidence[]): string[] {
  if (evidence.length === 0) return ['Evidence: none'];
  const lines = [`Evidence (${evidence.length}):`];
  for (const e of evidence) {
    const where = e.file === undefined ? '' : `${e.file}${e.line === undefined ? '' : `:${e.line}`}  `;
    const rule = e.rule === undefined ? '' : `[${e.rule}] `;
    const shownOnly = e.counted
      ? ''
      : `  (shown only${e.context === undefined ? '' : `: ${e.context} code`})`;
    lines.push(
      `  ${where}${rule}${redactSecretsInLine(e.message)}${e.suppressed === undefined ? shownOnly : ''}`,
    );
    if (e.suppressed !== undefined) {
      const reason = e.suppressed.reason.trim() === '' ? 'no reason given' : e.suppressed.reason;
      const counts = e.counted ? 'counted (count_suppressed)' : 'not counted';
      lines.push(`      suppressed by ${e.suppressed.marker}: ${reason} (${counts})`);
    }
    // Snippets arrive redacted; redacting again costs nothing and guards against a probe that forgot.
    for (const snippetLine of (e.snippet ?? '').split('\n')) {
      if (snippetLine.trim() !== '') lines.push(`      ${redactSecretsInLine(snippetLine)}`);
    }
  }
  return lines;
}

function answerLines(item: AuditItem, draftNote: string | undefined): string[] {
  const lines: string[] = [];
  if (item.source === 'manual' || item.source === 'override' || item.waiver !== undefined) {
    const who = item.answeredBy === undefined ? '' : ` by ${item.answeredBy}`;
    const when = item.answeredAt === undefined ? '' : ` on ${item.answeredAt.slice(0, 10)}`;
    const given = item.waiver === undefined ? verdictLabel(item.verdict) : verdictLabel('waived');
    lines.push(`Your answer: ${given}${who}${when}${item.source === 'override' ? ' (≠ auto)' : ''}`);
  }
  if (item.waiver !== undefined) {
    lines.push(
      `  waiver: ${item.waiver.reason}${item.waiver.expires === undefined ? '' : ` (until ${item.waiver.expires})`}`,
    );
  }
  if (item.note !== undefined && item.note !== '') lines.push(`  note: ${item.note}`);
  if (item.cites !== undefined && item.cites.length > 0) lines.push(`  cites: ${item.cites.join(', ')}`);
  if (item.stale !== undefined && item.stale.length > 0) {
    lines.push('Changed since your answer (it is stale):');
    for (const reason of item.stale) lines.push(`  - ${reason.text}`);
    lines.push('  Enter on your answer re-confirms it against what is here now; or choose another.');
  }
  if (draftNote !== undefined) lines.push(`Note (saved with your answer): ${draftNote}`);
  return lines;
}

/**
 * Everything the item screen scrolls through, already wrapped to `width`: the question, the
 * automatic verdict and why, the evidence, the person's answer, guidance and remediation.
 */
export function itemBodyLines(item: AuditItem, width: number, draftNote?: string): string[] {
  const logical: string[] = [
    item.item.question,
    '',
    `Automatic verdict: ${verdictLabel(item.autoVerdict)}`,
    ...item.reasons.map((r) => `  - ${r}`),
    '',
    ...evidenceLines(item.evidence),
  ];
  const answer = answerLines(item, draftNote);
  if (answer.length > 0) logical.push('', ...answer);
  // Everything above comes from the repository or a person: no secret and no terminal control
  // sequence reaches the screen. Guidance below comes from the checklist: escapes only.
  for (let i = 0; i < logical.length; i += 1) logical[i] = printable(redactSecretsInLine(logical[i] ?? ''));
  const guidance = markdownToPlain(item.item.guidance);
  if (guidance.length > 0) logical.push('', 'Guidance:', ...guidance.map((l) => (l === '' ? '' : `  ${l}`)));
  const remediation = markdownToPlain(item.item.remediation);
  if (remediation.length > 0)
    logical.push('', 'How to fix:', ...remediation.map((l) => (l === '' ? '' : `  ${l}`)));
  return logical.flatMap((line) => wrapLine(printable(line), width));
}
