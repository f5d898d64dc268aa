/**
 * The summary chart's labels, measured in real Chromium: every text of the chart (category
 * labels, long ones wrapped; the words beside the bars; the legend) lies inside the SVG's
 * viewBox, and no label runs into its bar. The report itself forbids scripts (CSP), so the test
 * puts the report's own stylesheet and chart into a page of its own whose script measures each
 * text with getBBox() and writes the numbers into the DOM, read back with --dump-dom.
 * Screenshots at 1280 px and at A4 print width (794 px) are kept in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../../src/audit/types.js';
import { chartLayout, textWidth, wrapLabel, type ChartRow } from '../../../src/report/chart.js';
import { render } from '../../../src/report/html.js';
import { makeAuditFixture } from '../../fixtures/audit-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-chart-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const LONG_TITLES = [
  'Input validation and output encoding',
  'Authentication, authorisation and session management for every public endpoint of the service',
  'Überprüfung der Eingaben und Ausgabekodierung (Änderungen)',
  'Supercalifragilisticexpialidociousconfigurationhardeningwithoutanyspaces',
];

/** The fixture audit with long category titles, and one category holding every verdict. */
function longLabelAudit(): Audit {
  const audit = makeAuditFixture();
  audit.checklist.categories = audit.checklist.categories.map((c, i) => ({
    ...c,
    title: LONG_TITLES[i] ?? c.title,
  }));
  return audit;
}

interface Box {
  cls: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Measured {
  viewBox: { w: number; h: number };
  barX: number;
  texts: Box[];
}

const MEASURE = `
const svg = document.querySelector('svg.chart');
const vb = svg.viewBox.baseVal;
const barX = Math.min(...[...svg.querySelectorAll('g[role=listitem] rect')].map((r) => r.x.baseVal.value));
const texts = [...svg.querySelectorAll('text')].map((t) => {
  const b = t.getBBox();
  return { cls: t.getAttribute('class') || '', text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
});
document.getElementById('out').textContent = encodeURIComponent(JSON.stringify({ viewBox: { w: vb.width, h: vb.height }, barX, texts }));
`;

/** The report's stylesheet and chart in a page that measures them. */
function measuringPage(html: string, width: number): string {
  const style = /<style>[\s\S]*?<\/style>/.exec(html)?.[0] ?? '';
  const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
  expect(style).not.toBe('');
  expect(chart).not.toBe('');
  return `<!doctype html><html><head><meta charset="utf-8">${style}</head><body><main class="page" style="max-width:${width}px"><section class="card summary"><div class="chart-box">${chart}</div></section></main><pre id="out"></pre><script>${MEASURE}</script></body></html>`;
}

async function chromium(file: string, switches: string[]): Promise<string> {
  if (!existsSync(CHROMIUM))
    throw new Error(`headless Chromium is required at ${CHROMIUM} (apt-get install chromium)`);
  const result = await execa(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--user-data-dir=${mkdtempSync(join(dir, 'profile-'))}`,
      ...switches,
      '--',
      pathToFileURL(file).href,
    ],
    { timeout: 60_000, reject: false },
  );
  if (result.exitCode !== 0) throw new Error(`chromium exited with ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

async function measure(audit: Audit, width: number): Promise<Measured> {
  const file = join(dir, `measure-${width}.html`);
  writeFileSync(file, measuringPage(render(audit, {}), width));
  const dom = await chromium(file, ['--dump-dom', `--window-size=${width},1200`]);
  const encoded = /<pre id="out">([^<]*)<\/pre>/.exec(dom)?.[1] ?? '';
  expect(encoded, 'the measuring script ran').not.toBe('');
  return JSON.parse(decodeURIComponent(encoded)) as Measured;
}

describe('the chart shows every label whole (Chromium, getBBox)', () => {
  it.each([
    { name: 'the fixture', audit: makeAuditFixture },
    { name: 'long, wrapped, accented and unbreakable category titles', audit: longLabelAudit },
  ])('$name, at 1280 px and at print width (794 px)', async ({ audit }) => {
    for (const width of [1280, 794]) {
      const m = await measure(audit(), width);
      expect(m.texts.length).toBeGreaterThan(10);
      for (const t of m.texts) {
        const where = `${t.cls} "${t.text}" at ${width} px: x ${t.x.toFixed(1)}..${(t.x + t.w).toFixed(1)} of ${m.viewBox.w}`;
        expect(t.x, where).toBeGreaterThanOrEqual(0);
        expect(t.x + t.w, where).toBeLessThanOrEqual(m.viewBox.w);
        expect(t.y, where).toBeGreaterThanOrEqual(0);
        expect(t.y + t.h, where).toBeLessThanOrEqual(m.viewBox.h);
        // A label ends before the bars begin.
        if (t.cls.startsWith('chart-label')) expect(t.x + t.w, where).toBeLessThanOrEqual(m.barX);
      }
      // Every label's words are on the page, in order, whatever the wrapping.
      const labels = m.texts
        .filter((t) => t.cls.startsWith('chart-label'))
        .map((t) => t.text.replace(/\s+/g, ''));
      for (const title of audit().checklist.categories.map((c) => c.title)) {
        expect(labels).toContain(title.replace(/\s+/g, ''));
      }
    }
  });

  it('takes screenshots (test-results/chart-1280.png, chart-794.png)', async () => {
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    const file = join(dir, 'long.html');
    writeFileSync(file, render(longLabelAudit(), {}));
    for (const width of [1280, 794]) {
      const shot = join(REPO_ROOT, 'test-results', `chart-${width}.png`);
      rmSync(shot, { force: true });
      await chromium(file, [`--screenshot=${shot}`, `--window-size=${width},900`]);
      expect(existsSync(shot)).toBe(true);
    }
  });
});

describe('chart layout without a browser', () => {
  const counts = { fail: 1, review: 1, unanswered: 1, waived: 1, pass: 1, na: 1 };
  const rows: ChartRow[] = [
    { label: 'All items (6)', counts },
    ...LONG_TITLES.map((label) => ({ label, counts })),
  ];

  it('wraps a label only when it is wider than the column, never losing a character', () => {
    for (const label of LONG_TITLES) {
      const lines = wrapLabel(label, 300, 13);
      expect(lines.join('').replace(/\s+/g, '')).toBe(label.replace(/\s+/g, ''));
      for (const line of lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(300);
    }
    expect(wrapLabel('Input validation and output encoding', 300, 13)).toEqual([
      'Input validation and output encoding',
    ]);
    expect(wrapLabel('', 300, 13)).toEqual(['']);
  });

  it('makes the label column as wide as the widest line, and the viewBox wide enough for the words', () => {
    const layout = chartLayout(rows);
    const widest = Math.max(...layout.lines.flatMap((ls, i) => ls.map((l) => textWidth(l, 13, i === 0))));
    expect(layout.labelW).toBeGreaterThan(widest);
    expect(layout.width).toBeGreaterThan(
      layout.textX + textWidth('1 fail · 1 review · 1 unanswered · 1 waived · 1 pass · 1 n/a', 12.5),
    );
  });
});

describe('wrapLabel in a column too narrow for one character', () => {
  it('still ends, one character a line', () => {
    expect(wrapLabel('ab cd', 1, 13)).toEqual(['a', 'b', 'c', 'd']);
  });
});
