/**
 * Masking secrets in text shown to people. Probes mask what they find; reports and the UI run
 * every snippet and message through `redactSecretsInLine` again as a last line of defence.
 */
import { detectSecrets } from '../probes/secret-detectors.js';
import { shannonEntropy } from '../probes/secret-values.js';

/** What replaces the hidden part of a value. Detectors treat it as a placeholder, so masking is idempotent. */
export const MASK = '***';

/**
 * A value with all but its first `keep` characters hidden (4 for tokens, whose prefix names the
 * kind; 2 for assigned values), never showing more than a quarter of it.
 */
export function redactValue(value: string, keep = 4): string {
  const shown = Math.max(0, Math.min(keep, Math.floor(value.length / 4)));
  return value.slice(0, shown) + MASK;
}

/** A span of a line to mask, keeping its first `keep` characters. */
export interface MaskSpan {
  maskStart: number;
  maskEnd: number;
  keep: number;
}

/** The line with every span masked (spans may come in any order; overlapping ones are merged into the first). */
export function maskSpans(line: string, spans: readonly MaskSpan[]): string {
  const ordered = spans.filter((s) => s.maskEnd > s.maskStart).sort((a, b) => a.maskStart - b.maskStart);
  let out = '';
  let at = 0;
  for (const s of ordered) {
    if (s.maskStart < at) continue;
    out += line.slice(at, s.maskStart) + redactValue(line.slice(s.maskStart, s.maskEnd), s.keep);
    at = s.maskEnd;
  }
  return out + line.slice(at);
}

// Long random-looking runs with no name beside them: a key body line, a token of an unknown format.
const RANDOM_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** True for a run mixing upper, lower and digits with the entropy of random base64 (hashes in hex do not qualify). */
function looksRandom(run: string): boolean {
  return /[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && shannonEntropy(run) >= 4.5;
}

// Lines longer than this are cut before scanning: snippets and messages are short, and the
// regexes then cost a bounded time whatever the input. The cut falls on whitespace, so it never
// leaves the first half of a secret that the detectors could no longer recognise.
const MAX_LINE = 16_384;

/**
 * One line (a snippet, a message) with every secret the detectors recognise masked: token
 * formats, passwords in URLs, literals assigned to secret-looking names in any common syntax,
 * and long random-looking runs. Multi-line input is handled line by line.
 */
export function redactSecretsInLine(line: string): string {
  if (line.includes('\n')) return line.split('\n').map(redactSecretsInLine).join('\n');
  const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE).replace(/\S*$/, '')}…` : line;
  const masked = maskSpans(text, detectSecrets(text, 'any'));
  return masked.replace(RANDOM_RUN, (run) => (looksRandom(run) ? redactValue(run) : run));
}
