import type { Source, Verdict } from '../audit/types.js';

/** A verdict as a mark and a word, so a row reads the same with or without colour. */
export const VERDICT_MARK: Record<Verdict, string> = {
  fail: '✖',
  pass: '✔',
  review: '?',
  unanswered: '·',
  waived: '~',
  na: '–',
};

export const VERDICT_WORD: Record<Verdict, string> = {
  fail: 'fail',
  pass: 'pass',
  review: 'review',
  unanswered: 'unanswered',
  waived: 'waived',
  na: 'n/a',
};

/** Colour names Ink understands; only ever a second signal next to the mark and word. */
export const VERDICT_COLOR: Record<Verdict, string> = {
  fail: 'red',
  pass: 'green',
  review: 'yellow',
  unanswered: 'gray',
  waived: 'magenta',
  na: 'gray',
};

/** `✖ fail`, `· unanswered`. */
export function verdictLabel(verdict: Verdict): string {
  return `${VERDICT_MARK[verdict]} ${VERDICT_WORD[verdict]}`;
}

/** Who decided the verdict, in the words a row shows: auto, you, you ≠ auto. */
export function sourceLabel(source: Source): string {
  switch (source) {
    case 'auto':
      return 'auto';
    case 'manual':
      return 'you';
    case 'override':
      return 'you ≠ auto';
    case 'disabled':
      return 'disabled';
    case 'none':
      return '';
  }
}

/**
 * NO_COLOR (https://no-color.org): any non-empty value turns colour off. chalk 5 (Ink's colouring)
 * does not read it — only FORCE_COLOR and --no-color — so the UI checks it itself.
 */
export function colorsEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR'];
  return noColor === undefined || noColor === '';
}
