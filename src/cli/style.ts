import type { Verdict } from '../audit/types.js';

/** Colour only on a terminal, never with NO_COLOR; FORCE_COLOR turns it on anywhere. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

const CODES = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  bold: 1,
  dim: 2,
} as const;
export type Color = keyof typeof CODES;

export function paint(on: boolean, color: Color, text: string): string {
  return on ? `\u001B[${CODES[color]}m${text}\u001B[${color === 'bold' || color === 'dim' ? 22 : 39}m` : text;
}

/** A mark and a word per verdict, so output reads without colour. */
export const VERDICT_MARK: Record<Verdict, { mark: string; word: string; color: Color }> = {
  fail: { mark: '✖', word: 'fail', color: 'red' },
  review: { mark: '?', word: 'review', color: 'yellow' },
  unanswered: { mark: '·', word: 'unanswered', color: 'gray' },
  waived: { mark: '~', word: 'waived', color: 'magenta' },
  pass: { mark: '✔', word: 'pass', color: 'green' },
  na: { mark: '–', word: 'n/a', color: 'gray' },
};
