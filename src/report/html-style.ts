/** The HTML report's stylesheet, inlined into the page (no external assets). */
import { CHART_FONT } from './chart.js';

export const STYLE = `
:root {
  --ink: #1f2937; --muted: #5b6472; --line: #e2e8f0; --paper: #ffffff; --wash: #f6f8fa;
  --fail: #c62828; --review: #b45309; --unanswered: #475569; --waived: #6d28d9; --pass: #2e7d32; --na: #64748b;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", sans-serif;
}
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.88em; }
.page { max-width: 1080px; margin: 0 auto; padding: 28px 28px 48px; }
.masthead { background: #111827; color: #f9fafb; }
.masthead .page { padding-top: 26px; padding-bottom: 22px; }
.masthead h1 { margin: 0 0 12px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
.masthead h1 .product { color: #9ca3af; font-weight: 500; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 6px 24px; margin: 0; }
.facts div { min-width: 0; }
.facts dt { color: #9ca3af; font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts code { color: #f9fafb; }
section.card, article.item {
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
}
section.card { padding: 18px 22px; margin: 20px 0; }
h2 { font-size: 19px; margin: 0 0 10px; }
.headline { font-size: 17px; margin: 0 0 12px; }
.headline .n-fail { color: var(--fail); }
.chart-box { overflow-x: auto; }
.chart { width: 100%; min-width: 640px; height: auto; display: block; }
.chart-label { font-size: ${CHART_FONT.label}px; fill: #1f2937; }
.chart-strong { font-weight: 700; }
.chart-count { font-size: 12px; font-weight: 700; }
.chart-words { font-size: ${CHART_FONT.words}px; fill: #475569; }
.chart-legend { font-size: ${CHART_FONT.legend}px; fill: #475569; }
.notices ul, .signoff p { margin: 6px 0 0; }
.notices li { margin: 2px 0; }
.signoff { border-left: 4px solid var(--pass); }
.signoff.unsigned { border-left-color: var(--review); }
.category { margin-top: 34px; }
.category > h2 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; border-bottom: 2px solid var(--line); padding-bottom: 6px; }
.category > h2 .tally { font-size: 13px; font-weight: 400; color: var(--muted); }
article.item { margin: 12px 0; padding: 14px 18px 12px; border-left: 5px solid var(--na); }
article.item.v-fail { border-left-color: var(--fail); }
article.item.v-review { border-left-color: #f59e0b; }
article.item.v-unanswered { border-left-color: var(--unanswered); }
article.item.v-waived { border-left-color: var(--waived); }
article.item.v-pass { border-left-color: var(--pass); }
.item-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.item-head h3 { margin: 0; font-size: 16px; flex: 1 1 320px; min-width: 0; }
.item-head h3 code { color: var(--muted); font-weight: 500; margin-right: 6px; }
.badge {
  display: inline-block; min-width: 96px; text-align: center; border-radius: 999px; padding: 2px 10px;
  font-size: 11.5px; font-weight: 700; letter-spacing: 0.05em; text-transform: uppercase; color: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.badge.v-fail { background: var(--fail); }
.badge.v-review { background: #f59e0b; color: #1f2937; }
.badge.v-unanswered { background: var(--unanswered); }
.badge.v-waived { background: var(--waived); }
.badge.v-pass { background: var(--pass); }
.badge.v-na { background: #cbd5e1; color: #1f2937; }
.meta { font-size: 12.5px; color: var(--muted); }
.meta .sev-high { color: var(--fail); font-weight: 600; }
.question { margin: 8px 0 6px; font-weight: 500; }
.reasons { margin: 4px 0; padding-left: 20px; color: var(--muted); font-size: 13.5px; }
.callout { margin: 8px 0; padding: 8px 12px; border-radius: 6px; background: var(--wash); font-size: 14px; overflow-wrap: anywhere; }
.callout.waiver { background: #f3effe; }
.callout.override { background: #fff7e6; }
.callout.stale { background: #fff1e0; }
.callout.stale ul { margin: 4px 0 0; padding-left: 20px; }
.stale-mark { margin-left: 8px; padding: 1px 6px; border-radius: 4px; background: #b45309; color: #fff; font-size: 12px; font-weight: 600; }
.callout .who { color: var(--muted); font-size: 12.5px; }
.evidence { list-style: none; margin: 8px 0; padding: 0; }
.evidence li { padding: 6px 0; border-top: 1px dashed var(--line); overflow-wrap: anywhere; }
.evidence li:first-child { border-top: 0; }
.evidence .loc { font-weight: 600; }
.evidence .rule, .evidence .uncounted {
  display: inline-block; font-size: 11.5px; padding: 0 6px; border-radius: 4px; background: var(--wash); color: var(--muted); border: 1px solid var(--line);
}
.evidence li.uncounted-row { color: var(--muted); }
.evidence .suppressed { background: #f3effe; border-color: #d8ccf7; color: #4c3a8a; }
pre { background: #f3f5f8; color: #1f2937; border: 1px solid var(--line); padding: 8px 12px; border-radius: 6px; overflow-x: auto; margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.evidence pre { margin: 4px 0 0; }
:not(pre) > code { background: #eef2f6; padding: 1px 4px; border-radius: 4px; }
.item-head h3 code, .facts code { background: none; padding: 0; }
.md h4, .block-title { font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 12px 0 4px; }
.md p, .md ul, .md ol { margin: 6px 0; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; font-weight: 600; }
.refs { font-size: 12.5px; color: var(--muted); margin: 8px 0 0; }
a { color: #1d4ed8; }
footer { color: var(--muted); font-size: 12.5px; margin-top: 36px; overflow-wrap: anywhere; }
@media (max-width: 640px) { .page { padding: 16px; } .badge { min-width: 0; } .chart { min-width: 560px; } }
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  .masthead { background: #fff; color: #000; border-bottom: 2px solid #000; }
  .masthead h1 .product, .facts dt { color: #444; }
  .facts code { color: #000; }
  .page { max-width: none; padding: 0; }
  .masthead .page { padding: 0 0 10px; }
  section.card, article.item { border-color: #bbb; }
  /* Items may span pages (a long one would leave half a page blank); their parts may not. */
  section.card, .item-head, .question, .callout, .evidence li, pre, .md li { break-inside: avoid; }
  .category > h2, .item-head, .block-title, .md h4 { break-after: avoid; }
  pre { background: #f4f4f4; color: #000; border: 1px solid #ccc; }
  a { color: inherit; text-decoration: none; }
  summary { display: none; }
  .chart, article.item { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart { min-width: 0; }
}
`;
