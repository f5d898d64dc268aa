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

const BAR_W = 380;
const MIN_WIDTH = 960;
const ROW_H = 30;
const BAR_H = 20;
const GAP_AFTER_FIRST = 10;
/** Below this width a segment has no room for its number (the words beside the bar still say it). */
const MIN_LABEL_W = 22;
/** Font sizes of the chart's text, in the SVG's units (html-style.ts sets the same). */
export const CHART_FONT = { label: 13, words: 12.5, legend: 12.5 } as const;
/** A category label wider than this wraps onto more lines rather than squeezing the bars. */
const MAX_LABEL_W = 300;
const LABEL_LINE_H = 16;
/** Space between a label's end and its bar, and kept free on the left of the longest label. */
const LABEL_GAP = 10;
const LEFT_PAD = 6;
const WORDS_GAP = 14;

// Advance widths in em, rounded up, of the widest of the fonts the stylesheet names (DejaVu Sans,
// then Segoe UI, Roboto, Helvetica are narrower): an estimate that errs towards more room.
const NARROW = new Set([..."ijlI.,:;'!|()[]{} "]);
const SLIGHT = new Set([...'frt-/"*']);
const WIDE = new Set([...'mwMW@%']);

/**
 * The width `text` takes at `size` units, estimated without a browser (the report has no script
 * to measure it): generous per-character advances, bold a little wider.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.34;
    else if (SLIGHT.has(ch)) em += 0.45;
    else if (WIDE.has(ch)) em += 1.0;
    else if (ch >= 'A' && ch <= 'Z') em += 0.76;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else if (ch.charCodeAt(0) < 0x80) em += 0.62;
    else em += 1.0; // Accented letters, CJK, symbols: as wide as a wide letter, or wider.
  }
  return em * size * (bold ? 1.08 : 1);
}

/**
 * A label cut into lines no wider than `max`, at spaces (a word longer than `max` is cut
 * where it must): the chart shows every label whole, however long.
 */
export function wrapLabel(label: string, max: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (t: string): boolean => textWidth(t, size, bold) <= max;
  for (const word of label.split(/\s+/).filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > 1 && !fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Where things go: computed from the labels and the words, so nothing is cut off. */
export interface ChartLayout {
  /** The bars start here; every label ends LABEL_GAP before it. */
  labelW: number;
  /** The words beside the bars start here. */
  textX: number;
  /** The viewBox width. */
  width: number;
  /** Each row's label lines. */
  lines: string[][];
}

export function chartLayout(rows: readonly ChartRow[]): ChartLayout {
  const lines = rows.map((row, i) => wrapLabel(row.label, MAX_LABEL_W, CHART_FONT.label, i === 0));
  const widest = Math.max(
    0,
    ...lines.flatMap((ls, i) => ls.map((l) => textWidth(l, CHART_FONT.label, i === 0))),
  );
  const labelW = Math.ceil(LEFT_PAD + widest + LABEL_GAP);
  const textX = labelW + BAR_W + WORDS_GAP;
  const words = Math.max(0, ...rows.map((row) => textWidth(countsInWords(row.counts), CHART_FONT.words)));
  const legend = legendWidth();
  const width = Math.ceil(Math.max(MIN_WIDTH, textX + words + LEFT_PAD, labelW + legend + LEFT_PAD));
  return { labelW, textX, width, lines };
}

function legendStep(v: Verdict): number {
  return 19 + textWidth(VERDICT_NAME[v], CHART_FONT.legend) + 12;
}

function legendWidth(): number {
  return VERDICTS.reduce((sum, v) => sum + legendStep(v), 0);
}

function rowHeight(lineCount: number): number {
  return Math.max(ROW_H, lineCount * LABEL_LINE_H + (ROW_H - BAR_H));
}

/** Words for a row's counts: `2 fail · 1 review · 3 pass`. */
export function countsInWords(counts: Record<Verdict, number>): string {
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_NAME[v]}`);
  return parts.length === 0 ? 'no items' : parts.join(' · ');
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function bar(row: ChartRow, y: number, strong: boolean, lines: string[], layout: ChartLayout): string {
  const { labelW } = layout;
  const total = VERDICTS.reduce((sum, v) => sum + row.counts[v], 0);
  const words = countsInWords(row.counts);
  // The label's lines centred on the bar's middle, each ending just before the bar.
  const mid = y + BAR_H / 2;
  const first = mid - ((lines.length - 1) * LABEL_LINE_H) / 2;
  const tspans = lines
    .map(
      (line, i) =>
        `<tspan x="${labelW - LABEL_GAP}" y="${round(first + i * LABEL_LINE_H)}">${escapeHtml(line)}</tspan>`,
    )
    .join('');
  const out = [
    `<g role="listitem" aria-label="${escapeHtml(`${row.label}: ${words}`)}">`,
    `<text class="chart-label${strong ? ' chart-strong' : ''}" text-anchor="end" dominant-baseline="central">${tspans}</text>`,
  ];
  let x = labelW;
  if (total === 0) {
    out.push(
      `<rect x="${labelW}" y="${y}" width="${BAR_W}" height="${BAR_H}" fill="#f1f5f9" stroke="#cbd5e1"/>`,
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
        `<text x="${round(x + w / 2)}" y="${mid}" fill="${c.text}" class="chart-count" text-anchor="middle" dominant-baseline="central">${n}</text>`,
      );
    }
    x += w;
  }
  out.push(
    `<text x="${layout.textX}" y="${mid}" class="chart-words" dominant-baseline="central">${escapeHtml(words)}</text>`,
    '</g>',
  );
  return out.join('');
}

/** The chart: the first row is the overall bar, set apart from the category rows. */
export function verdictChart(rows: readonly ChartRow[], title: string): string {
  const layout = chartLayout(rows);
  const legendY = 4;
  const top = legendY + 30;
  const legend: string[] = [];
  let lx = layout.labelW;
  for (const v of VERDICTS) {
    const c = VERDICT_COLOUR[v];
    legend.push(
      `<rect x="${round(lx)}" y="${legendY}" width="14" height="14" rx="2" fill="${c.fill}"/>`,
      `<text x="${round(lx + 19)}" y="${legendY + 7}" class="chart-legend" dominant-baseline="central">${VERDICT_NAME[v]}</text>`,
    );
    lx += legendStep(v);
  }
  const bars: string[] = [];
  let y = top;
  rows.forEach((row, i) => {
    const lines = layout.lines[i] ?? [row.label];
    const h = rowHeight(lines.length);
    // A taller row keeps its bar in the middle of its band.
    bars.push(bar(row, round2(y + (h - ROW_H) / 2), i === 0, lines, layout));
    y += h + (i === 0 && rows.length > 1 ? GAP_AFTER_FIRST : 0);
  });
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${Math.ceil(y)}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeHtml(title)}</title>`,
    `<g aria-hidden="true">${legend.join('')}</g>`,
    `<g role="list">${bars.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
