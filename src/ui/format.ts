import type { Summary } from '../audit/types.js';
import { VERDICTS } from '../audit/types.js';
import { VERDICT_MARK, VERDICT_WORD } from './verdict-style.js';

/** 1204 → "1,204" (fixed locale, so output does not depend on the machine). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Milliseconds as "4.2s" (or "1m 05s" past a minute). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}

/** A text progress bar: `[#######-------------]`, readable without colour. */
export function progressBar(done: number, total: number, width: number): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** "✖ 3 fail  ? 5 review  ..." in the order of VERDICTS, omitting verdicts nobody has. */
export function countsLine(summary: Summary): string {
  return VERDICTS.filter((v) => summary.counts[v] > 0)
    .map((v) => `${VERDICT_MARK[v]} ${summary.counts[v]} ${VERDICT_WORD[v]}`)
    .join('  ');
}
