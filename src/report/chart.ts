/**
 * The HTML report's summary chart: one stacked bar of verdicts for all items and one per
 * category, as inline SVG. Every bar carries its counts in words beside it, so it reads in
 * greyscale print and to a screen reader as well as in colour.
 */
import type { Verdict } from '../audit/types.js';
import { VERDICTS } from '../audit/types.js';
import { escapeHtml } from './markdown.js';

export interface ChartRow {
  label: string;
  counts: Record<Verdict, number>;
}

export const VERDICT_COLOUR: Record<Verdict, { fill: string; text: string }> = {
  fail: { fill: '#c62828', text: '#ffffff' },
  review: { fill: '#f59e0b', text: '#1f2937' },
  unanswered: { fill: '#64748b', text: '#ffffff' },
  waived: { fill: '#7c3aed', text: '#ffffff' },
  pass: { fill: '#2e7d32', text: '#ffffff' },
  na: { fill: '#cbd5e1', text: '#1f2937' },
};

export const VERDICT_NAME: Record<Verdict, string> = {
  fail: 'fail',
  review: 'review',
  unanswered: 'unanswered',
  waived: 'waived',
  pass: 'pass',
  na: 'n/a',
};

const LABEL_W = 190;
const BAR_W = 380;
const TEXT_X = LABEL_W + BAR_W + 14;
const WIDTH = 960;
const ROW_H = 30;
const BAR_H = 20;
const GAP_AFTER_FIRST = 10;
/** Below this width a segment has no room for its number (the words beside the bar still say it). */
const MIN_LABEL_W = 22;

/** Words for a row's counts: `2 fail · 1 review · 3 pass`. */
export function countsInWords(counts: Record<Verdict, number>): string {
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_NAME[v]}`);
  return parts.length === 0 ? 'no items' : parts.join(' · ');
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function bar(row: ChartRow, y: number, strong: boolean): string {
  const total = VERDICTS.reduce((sum, v) => sum + row.counts[v], 0);
  const words = countsInWords(row.counts);
  const out = [
    `<g role="listitem" aria-label="${escapeHtml(`${row.label}: ${words}`)}">`,
    `<text x="${LABEL_W - 10}" y="${y + BAR_H / 2}" class="chart-label${strong ? ' chart-strong' : ''}" text-anchor="end" dominant-baseline="central">${escapeHtml(row.label)}</text>`,
  ];
  let x = LABEL_W;
  if (total === 0) {
    out.push(
      `<rect x="${LABEL_W}" y="${y}" width="${BAR_W}" height="${BAR_H}" fill="#f1f5f9" stroke="#cbd5e1"/>`,
    );
  }
  for (const v of VERDICTS) {
    const n = row.counts[v];
    if (n === 0 || total === 0) continue;
    const w = (BAR_W * n) / total;
    const c = VERDICT_COLOUR[v];
    out.push(
      `<rect x="${round(x)}" y="${y}" width="${round(w)}" height="${BAR_H}" fill="${c.fill}" stroke="#ffffff" stroke-width="1"><title>${escapeHtml(`${n} ${VERDICT_NAME[v]}`)}</title></rect>`,
    );
    if (w >= MIN_LABEL_W) {
      out.push(
        `<text x="${round(x + w / 2)}" y="${y + BAR_H / 2}" fill="${c.text}" class="chart-count" text-anchor="middle" dominant-baseline="central">${n}</text>`,
      );
    }
    x += w;
  }
  out.push(
    `<text x="${TEXT_X}" y="${y + BAR_H / 2}" class="chart-words" dominant-baseline="central">${escapeHtml(words)}</text>`,
    '</g>',
  );
  return out.join('');
}

/** The chart: the first row is the overall bar, set apart from the category rows. */
export function verdictChart(rows: readonly ChartRow[], title: string): string {
  const legendY = 4;
  const top = legendY + 30;
  const height = top + rows.length * ROW_H + (rows.length > 1 ? GAP_AFTER_FIRST : 0);
  const legend: string[] = [];
  let lx = LABEL_W;
  for (const v of VERDICTS) {
    const c = VERDICT_COLOUR[v];
    legend.push(
      `<rect x="${lx}" y="${legendY}" width="14" height="14" rx="2" fill="${c.fill}"/>`,
      `<text x="${lx + 19}" y="${legendY + 7}" class="chart-legend" dominant-baseline="central">${VERDICT_NAME[v]}</text>`,
    );
    lx += 30 + VERDICT_NAME[v].length * 7.5;
  }
  const bars = rows.map((row, i) => bar(row, top + i * ROW_H + (i > 0 ? GAP_AFTER_FIRST : 0), i === 0));
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeHtml(title)}</title>`,
    `<g aria-hidden="true">${legend.join('')}</g>`,
    `<g role="list">${bars.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
