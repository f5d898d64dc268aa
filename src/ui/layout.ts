/**
 * Line budgets for each screen. Ink redraws the whole terminal (and flickers) once a frame is as
 * tall as the terminal, so every screen keeps its frame at `rows - 1` lines; these numbers are the
 * contract between the reducer (which scrolls) and the components (which draw).
 */
export const DEFAULT_ROWS = 24;
export const DEFAULT_COLUMNS = 80;

/** Checklist: 3 header lines, the list, a status line and the key footer. */
export const CHECKLIST_CHROME = 5;
/** Item: title, meta, [body], scroll hint, 5 choices, 3 prompt lines, status, footer. */
export const ITEM_CHROME = 13;
const MIN_BODY = 3;

export interface Viewport {
  rows: number;
  columns: number;
}

/** Rows available to the checklist (category titles and items). */
export function checklistListHeight(viewport: Viewport): number {
  return Math.max(MIN_BODY, viewport.rows - 1 - CHECKLIST_CHROME);
}

/** Lines available to the item's scrollable text. */
export function itemBodyHeight(viewport: Viewport): number {
  return Math.max(MIN_BODY, viewport.rows - 1 - ITEM_CHROME);
}

/** Usable width of a line (never below 20, so tiny terminals still draw something). */
export function lineWidth(viewport: Viewport): number {
  return Math.max(20, viewport.columns);
}
