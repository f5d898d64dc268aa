import { joinNoteCites, parseCites, splitNoteCites } from '../answers/cites.js';
import type { Answer, AnswerVerdict } from '../answers/types.js';
import { applyAnswer, contradictsAuto, needsPerson, summarize } from '../audit/answers-merge.js';
import type { ProgressEvent, StepId, StepState } from '../audit/progress.js';
import { STEP_LABELS } from '../audit/progress.js';
import type { Audit, AuditItem, Summary } from '../audit/types.js';
import type { Category } from '../checklist/types.js';
import { itemBodyLines } from './item-text.js';
import type { Viewport } from './layout.js';
import { checklistListHeight, itemBodyHeight, lineWidth } from './layout.js';

export type Screen = 'scan' | 'checklist' | 'item' | 'summary';

export type Filter = 'all' | 'needs-person' | 'failing';
/** The order `f` cycles through. */
export const FILTERS: readonly Filter[] = ['all', 'needs-person', 'failing'];
export const FILTER_LABELS: Record<Filter, string> = {
  all: 'all',
  'needs-person': 'needs you',
  failing: 'failing',
};

export type Choice = AnswerVerdict | 'skip';
/** The answers offered on the item screen, in this order. */
export const CHOICES: readonly { choice: Choice; label: string }[] = [
  { choice: 'pass', label: 'Pass' },
  { choice: 'fail', label: 'Fail' },
  { choice: 'na', label: 'Not applicable' },
  { choice: 'waived', label: 'Waive' },
  { choice: 'skip', label: 'Skip' },
];

export type EntryField = 'note' | 'waive-reason' | 'waive-expiry' | 'override-note';

/** An answer being put together across several text fields (waive: reason, expiry, note). */
export interface Draft {
  verdict?: AnswerVerdict | undefined;
  reason?: string | undefined;
  expires?: string | undefined;
  note?: string | undefined;
}

/** A text field the person is typing into; while it is open every printable key is text. */
export interface Entry {
  field: EntryField;
  buffer: string;
  error?: string | undefined;
  draft: Draft;
}

export interface StepView {
  id: StepId;
  state: StepState;
  detail?: string | undefined;
  done?: number | undefined;
  total?: number | undefined;
  /** Milliseconds (the clock of the `at` fields of actions). */
  startedAt?: number | undefined;
  endedAt?: number | undefined;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
}

/**
 * What the reducer asks the shell (App) to do; App drains these after every action. Quitting is
 * not one: App acts on `quitting` once the frame saying so has been drawn.
 */
export type Effect =
  { kind: 'record'; itemId: string; answer: Answer; advance: boolean } | { kind: 'write-report' };

export interface AuditMeta {
  checklistTitle: string;
  repoPath: string;
  notices: string[];
}

export interface UiState {
  screen: Screen;
  steps: Record<StepId, StepView>;
  scanStartedAt: number;
  /** Last tick, for elapsed times. */
  clock: number;
  scanError?: string | undefined;
  meta?: AuditMeta | undefined;
  items: AuditItem[];
  categories: Category[];
  summary: Summary;
  /** Index into the visible (filtered, grouped) item list. */
  cursor: number;
  filter: Filter;
  /** First visible row of the checklist (rows include category titles). */
  listScroll: number;
  /** Item shown on the item screen. */
  openId?: string | undefined;
  /** Highlighted answer choice (index into CHOICES). */
  choice: number;
  /** First visible line of the item's text. */
  itemScroll: number;
  entry?: Entry | undefined;
  /** A note typed before any answer: saved with the answer given next on this item. */
  draftNote?: string | undefined;
  helpOpen: boolean;
  status?: StatusMessage | undefined;
  reportPaths: string[];
  quitting: boolean;
  viewport: Viewport;
  /** YYYY-MM-DD; waiver expiries before it are refused. */
  today: string;
  outbox: Effect[];
}

export type Action =
  | { type: 'progress'; event: ProgressEvent; at: number }
  | { type: 'tick'; at: number }
  | { type: 'audit-loaded'; audit: Audit }
  | { type: 'audit-failed'; message: string }
  | { type: 'resize'; rows: number; columns: number }
  | { type: 'cursor-move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'choice-move'; delta: number }
  | { type: 'scroll'; delta: number }
  | { type: 'open' }
  | { type: 'choose' }
  | { type: 'back' }
  | { type: 'next-needing' }
  | { type: 'cycle-filter' }
  | { type: 'start-note' }
  | { type: 'text-input'; text: string }
  | { type: 'text-backspace' }
  | { type: 'text-submit' }
  | { type: 'text-cancel' }
  | { type: 'answered'; itemId: string; answer: Answer | undefined; now: Date; advance: boolean }
  | { type: 'answer-failed'; itemId: string; message: string }
  /** The answer was not recorded (a cite names no file): the typed note is kept for editing. */
  | { type: 'answer-refused'; itemId: string; message: string; note: string }
  | { type: 'write-report' }
  | { type: 'report-written'; paths: string[] }
  | { type: 'report-failed'; message: string }
  | { type: 'toggle-help' }
  | { type: 'quit' };

export interface InitOptions {
  viewport: Viewport;
  /** Milliseconds; the scan's start. */
  at: number;
  today: string;
  audit?: Audit | undefined;
}

const STEP_IDS = Object.keys(STEP_LABELS) as StepId[];

/** The state before anything happened: the scan screen, or the audit's first screen when given one. */
export function initialState(options: InitOptions): UiState {
  const steps = Object.fromEntries(STEP_IDS.map((id) => [id, { id, state: 'pending' }])) as Record<
    StepId,
    StepView
  >;
  const state: UiState = {
    screen: 'scan',
    steps,
    scanStartedAt: options.at,
    clock: options.at,
    items: [],
    categories: [],
    summary: summarize([]),
    cursor: 0,
    filter: 'all',
    listScroll: 0,
    choice: 0,
    itemScroll: 0,
    helpOpen: false,
    reportPaths: [],
    quitting: false,
    viewport: options.viewport,
    today: options.today,
    outbox: [],
  };
  return options.audit === undefined ? state : reduce(state, { type: 'audit-loaded', audit: options.audit });
}

// ---------------------------------------------------------------------------------------------
// Selectors (pure; components use the same ones the reducer uses)

/** Item indexes in display order: categories as the checklist orders them, items in audit order. */
export function displayOrder(items: readonly AuditItem[], categories: readonly Category[]): number[] {
  const rank = new Map(categories.map((c, i) => [c.id, i]));
  const firstSeen = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstSeen.has(item.category)) firstSeen.set(item.category, i);
  });
  const key = (c: string): number => rank.get(c) ?? categories.length + (firstSeen.get(c) ?? 0);
  return items.map((_, i) => i).sort((a, b) => key(items[a]!.category) - key(items[b]!.category) || a - b);
}

function passesFilter(item: AuditItem, filter: Filter): boolean {
  if (filter === 'needs-person') return needsPerson(item);
  if (filter === 'failing') return item.verdict === 'fail';
  return true;
}

/** Item indexes the list shows under `filter`, in display order. */
export function visibleItems(state: Pick<UiState, 'items' | 'categories'>, filter: Filter): number[] {
  return displayOrder(state.items, state.categories).filter((i) => passesFilter(state.items[i]!, filter));
}

export type ListRow =
  { kind: 'category'; id: string; title: string } | { kind: 'item'; index: number; position: number };

/** The checklist's rows: a title row before each category's first visible item. */
export function listRows(state: Pick<UiState, 'items' | 'categories' | 'filter'>): ListRow[] {
  const rows: ListRow[] = [];
  let category: string | undefined;
  visibleItems(state, state.filter).forEach((index, position) => {
    const item = state.items[index]!;
    if (item.category !== category) {
      category = item.category;
      const title = state.categories.find((c) => c.id === category)?.title ?? category;
      rows.push({ kind: 'category', id: category, title });
    }
    rows.push({ kind: 'item', index, position });
  });
  return rows;
}

/** The item under the list cursor, if the list is not empty. */
export function cursorItem(state: UiState): AuditItem | undefined {
  const index = visibleItems(state, state.filter)[state.cursor];
  return index === undefined ? undefined : state.items[index];
}

/** The item the item screen shows. */
export function openItem(state: UiState): AuditItem | undefined {
  return state.openId === undefined ? undefined : state.items.find((i) => i.id === state.openId);
}

/** The answer a person has recorded on an item, rebuilt from the item; undefined when none. */
export function recordedAnswer(item: AuditItem): Answer | undefined {
  if (item.waiver !== undefined) {
    return {
      verdict: 'waived',
      reason: item.waiver.reason,
      expires: item.waiver.expires,
      note: item.note,
      cites: item.cites,
    };
  }
  if (item.source !== 'manual' && item.source !== 'override') return undefined;
  if (item.verdict !== 'pass' && item.verdict !== 'fail' && item.verdict !== 'na') return undefined;
  return { verdict: item.verdict, note: item.note, cites: item.cites };
}

/** Count of items that still need a person. */
export function needingCount(items: readonly AuditItem[]): number {
  return items.filter(needsPerson).length;
}

/** The item's text lines at the current width (what the item screen scrolls). */
export function openItemLines(state: UiState): string[] {
  const item = openItem(state);
  return item === undefined ? [] : itemBodyLines(item, lineWidth(state.viewport) - 1, state.draftNote);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---------------------------------------------------------------------------------------------
// Helpers that keep the invariants: cursor inside the visible list, cursor row on screen.

function clamp(n: number, low: number, high: number): number {
  return Math.min(Math.max(n, low), high);
}

/** Scrolls the list so the cursor row (and its category title, when it is first) is on screen. */
function withListScroll(state: UiState): UiState {
  const rows = listRows(state);
  const height = checklistListHeight(state.viewport);
  const cursorRow = rows.findIndex((r) => r.kind === 'item' && r.position === state.cursor);
  let scroll = state.listScroll;
  if (cursorRow >= 0) {
    const top = rows[cursorRow - 1]?.kind === 'category' ? cursorRow - 1 : cursorRow;
    if (top < scroll) scroll = top;
    if (cursorRow >= scroll + height) scroll = cursorRow - height + 1;
  }
  scroll = clamp(scroll, 0, Math.max(0, rows.length - height));
  return scroll === state.listScroll ? state : { ...state, listScroll: scroll };
}

function withItemScroll(state: UiState, scroll: number): UiState {
  const max = Math.max(0, openItemLines(state).length - itemBodyHeight(state.viewport));
  return { ...state, itemScroll: clamp(scroll, 0, max) };
}

/** Puts the list cursor on the item with `itemId` when the filter shows it; otherwise clamps it. */
function cursorOn(state: UiState, itemId: string | undefined): UiState {
  const visible = visibleItems(state, state.filter);
  const at = visible.findIndex((i) => state.items[i]!.id === itemId);
  const cursor = at >= 0 ? at : clamp(state.cursor, 0, Math.max(0, visible.length - 1));
  return withListScroll({ ...state, cursor });
}

/** The next item needing a person after `fromId` in display order, wrapping; never `fromId` itself. */
function nextNeeding(state: UiState, fromId: string | undefined): AuditItem | undefined {
  const order = displayOrder(state.items, state.categories);
  const start = order.findIndex((i) => state.items[i]!.id === fromId);
  for (let step = 1; step <= order.length; step++) {
    const item = state.items[order[(start + step + order.length) % order.length]!]!;
    if (item.id !== fromId && needsPerson(item)) return item;
  }
  return undefined;
}

function initialChoice(item: AuditItem): number {
  const answer = recordedAnswer(item);
  const at = answer === undefined ? -1 : CHOICES.findIndex((c) => c.choice === answer.verdict);
  return Math.max(0, at);
}

function openOn(state: UiState, item: AuditItem): UiState {
  const opened: UiState = {
    ...state,
    screen: 'item',
    openId: item.id,
    choice: initialChoice(item),
    itemScroll: 0,
    entry: undefined,
    draftNote: undefined,
    helpOpen: false,
  };
  return cursorOn(opened, item.id);
}

function toSummary(state: UiState): UiState {
  return {
    ...state,
    screen: 'summary',
    entry: undefined,
    draftNote: undefined,
    status: { text: 'writing the report…', tone: 'info' },
    outbox: [...state.outbox, { kind: 'write-report' }],
  };
}

/** After an answer (or a skip) on `fromId`: the next item needing a person, or the summary. */
function advanceFrom(state: UiState, fromId: string): UiState {
  const next = nextNeeding(state, fromId);
  return next === undefined ? toSummary(cursorOn(state, fromId)) : openOn(state, next);
}

/**
 * Records an answer. A note ending in `cites: a.py, b.py:4-9` gives the answer its cites; without
 * one, the answer keeps the cites the item's answer had (re-confirming keeps them).
 */
function record(state: UiState, itemId: string, answer: Answer, advance: boolean): UiState {
  const split = splitNoteCites(answer.note ?? '');
  const cites = split.cites ?? answer.cites ?? state.items.find((i) => i.id === itemId)?.cites;
  const full: Answer = {
    ...answer,
    note: split.note,
    cites: cites === undefined || cites.length === 0 ? undefined : cites,
  };
  return {
    ...state,
    entry: undefined,
    draftNote: undefined,
    outbox: [...state.outbox, { kind: 'record', itemId, answer: dropUndefined(full), advance }],
  };
}

function dropUndefined(answer: Answer): Answer {
  return Object.fromEntries(
    Object.entries(answer).filter(([, v]) => v !== undefined && v !== ''),
  ) as unknown as Answer;
}

/** What is wrong with the cites clause of a typed note, if anything. */
function citeProblem(text: string): string | undefined {
  const { cites } = splitNoteCites(text);
  if (cites === undefined) return undefined;
  if (cites.length === 0) return 'cites: name at least one file (path or path:START-END)';
  const problem = parseCites(cites).problems[0];
  return problem === undefined ? undefined : `cites: ${problem}`;
}

function info(text: string): StatusMessage {
  return { text, tone: 'info' };
}

function error(text: string): StatusMessage {
  return { text, tone: 'error' };
}

function withEntryError(state: UiState, text: string): UiState {
  return state.entry === undefined ? state : { ...state, entry: { ...state.entry, error: text } };
}

// ---------------------------------------------------------------------------------------------
// The reducer

/** The UI's only state transition: pure, so every key and event is table-tested without a terminal. */
export function reduce(state: UiState, action: Action): UiState {
  switch (action.type) {
    case 'progress': {
      if (state.screen !== 'scan') return state;
      const { event, at } = action;
      const before = state.steps[event.step];
      const finished = event.state === 'done' || event.state === 'skipped' || event.state === 'failed';
      const step: StepView = {
        ...before,
        state: event.state,
        detail: event.detail ?? (event.state === before.state ? before.detail : undefined),
        done: event.done,
        total: event.total,
        startedAt: event.state === 'pending' ? undefined : (before.startedAt ?? at),
        endedAt: finished ? (before.endedAt ?? at) : undefined,
      };
      return { ...state, clock: Math.max(state.clock, at), steps: { ...state.steps, [event.step]: step } };
    }

    case 'tick':
      return { ...state, clock: action.at };

    case 'audit-loaded': {
      const { audit } = action;
      const loaded: UiState = {
        ...state,
        meta: { checklistTitle: audit.checklist.title, repoPath: audit.repo.path, notices: audit.notices },
        items: audit.items,
        categories: audit.checklist.categories,
        summary: summarize(audit.items),
        filter: 'all',
        listScroll: 0,
        screen: 'checklist',
      };
      const first = nextNeeding(loaded, undefined);
      if (first === undefined) return toSummary(cursorOn({ ...loaded, cursor: 0 }, undefined));
      return cursorOn(loaded, first.id);
    }

    case 'audit-failed':
      return { ...state, scanError: action.message, status: error(action.message) };

    case 'resize': {
      const resized = { ...state, viewport: { rows: action.rows, columns: action.columns } };
      return withItemScroll(withListScroll(resized), resized.itemScroll);
    }

    case 'cursor-move': {
      if (state.screen !== 'checklist') return state;
      const count = visibleItems(state, state.filter).length;
      const target = state.cursor + action.delta;
      const cursor =
        count === 0
          ? 0
          : clamp(Number.isFinite(target) ? target : action.delta < 0 ? 0 : count - 1, 0, count - 1);
      return withListScroll({ ...state, cursor });
    }

    case 'page': {
      if (state.screen === 'item') {
        return withItemScroll(
          state,
          state.itemScroll + action.direction * Math.max(1, itemBodyHeight(state.viewport) - 1),
        );
      }
      const page = Math.max(1, checklistListHeight(state.viewport) - 1);
      return reduce(state, { type: 'cursor-move', delta: action.direction * page });
    }

    case 'choice-move': {
      if (state.screen !== 'item') return state;
      return { ...state, choice: clamp(state.choice + action.delta, 0, CHOICES.length - 1) };
    }

    case 'scroll': {
      if (state.screen !== 'item') return state;
      const target = state.itemScroll + action.delta;
      return withItemScroll(
        state,
        Number.isFinite(target) ? target : action.delta < 0 ? 0 : Number.MAX_SAFE_INTEGER,
      );
    }

    case 'open': {
      if (state.screen !== 'checklist') return state;
      const item = cursorItem(state);
      return item === undefined ? state : openOn({ ...state, status: undefined }, item);
    }

    case 'choose':
      return choose(state);

    case 'back': {
      if (state.entry !== undefined) return { ...state, entry: undefined };
      if (state.helpOpen) return { ...state, helpOpen: false };
      if (state.screen === 'item') {
        const discarded =
          state.draftNote === undefined
            ? state.status
            : info('note discarded: it is saved only with an answer');
        return cursorOn(
          { ...state, screen: 'checklist', entry: undefined, draftNote: undefined, status: discarded },
          state.openId,
        );
      }
      if (state.screen === 'summary')
        return cursorOn({ ...state, screen: 'checklist' }, cursorItem(state)?.id);
      return state;
    }

    case 'next-needing': {
      const fromId = state.screen === 'item' ? state.openId : cursorItem(state)?.id;
      const next = nextNeeding(state, fromId);
      if (next === undefined) {
        const only = fromId !== undefined && state.items.some((i) => i.id === fromId && needsPerson(i));
        return {
          ...state,
          status: info(only ? 'this is the only item left that needs you' : 'nothing left needs you'),
        };
      }
      if (state.screen === 'item') return openOn(state, next);
      if (state.screen !== 'checklist') return state;
      const shown = visibleItems(state, state.filter).some((i) => state.items[i]!.id === next.id);
      return cursorOn({ ...state, filter: shown ? state.filter : 'all', status: undefined }, next.id);
    }

    case 'cycle-filter': {
      if (state.screen !== 'checklist') return state;
      const current = cursorItem(state);
      const filter = FILTERS[(FILTERS.indexOf(state.filter) + 1) % FILTERS.length]!;
      const visible = visibleItems(state, filter);
      // Keep the cursor on the same item when it stays visible, else on the nearest one after it.
      const order = displayOrder(state.items, state.categories);
      const currentRank = current === undefined ? 0 : order.indexOf(state.items.indexOf(current));
      let cursor = visible.findIndex((i) => order.indexOf(i) >= currentRank);
      if (cursor < 0) cursor = Math.max(0, visible.length - 1);
      return withListScroll({ ...state, filter, cursor, listScroll: 0, status: undefined });
    }

    case 'start-note': {
      if (state.screen === 'checklist') {
        const item = cursorItem(state);
        return item === undefined ? state : reduce(openOn(state, item), action);
      }
      if (state.screen !== 'item') return state;
      const item = openItem(state);
      if (item === undefined) return state;
      const buffer = state.draftNote ?? joinNoteCites(item.note, item.cites);
      return { ...state, entry: { field: 'note', buffer, draft: {} } };
    }

    case 'text-input':
      if (state.entry === undefined) return state;
      return {
        ...state,
        entry: { ...state.entry, buffer: state.entry.buffer + action.text, error: undefined },
      };

    case 'text-backspace':
      if (state.entry === undefined) return state;
      return {
        ...state,
        entry: { ...state.entry, buffer: [...state.entry.buffer].slice(0, -1).join(''), error: undefined },
      };

    case 'text-cancel':
      return state.entry === undefined ? state : { ...state, entry: undefined };

    case 'text-submit':
      return submit(state);

    case 'answered': {
      const at = state.items.findIndex((i) => i.id === action.itemId);
      if (at < 0) return state;
      const items = state.items.map((item, i) =>
        i === at ? applyAnswer(item, action.answer, action.now) : item,
      );
      const updated: UiState = { ...state, items, summary: summarize(items) };
      if (!action.advance) return { ...updated, status: info(`saved: ${action.itemId}`) };
      return advanceFrom({ ...updated, status: info(`recorded ${action.itemId}`) }, action.itemId);
    }

    case 'answer-refused': {
      const refused = { ...state, status: error(`not recorded: ${action.message}`) };
      if (state.screen !== 'item' || state.openId !== action.itemId) return refused;
      return { ...refused, draftNote: action.note === '' ? undefined : action.note };
    }

    case 'answer-failed':
      return { ...state, status: error(`could not save the answer to ${action.itemId}: ${action.message}`) };

    case 'write-report':
      if (state.screen === 'scan' || state.quitting) return state;
      return {
        ...state,
        status: info('writing the report…'),
        outbox: [...state.outbox, { kind: 'write-report' }],
      };

    case 'report-written':
      return {
        ...state,
        reportPaths: action.paths,
        status: info(
          action.paths.length === 0 ? 'report written' : `report written to ${action.paths.join(', ')}`,
        ),
      };

    case 'report-failed':
      return { ...state, status: error(`could not write the report: ${action.message}`) };

    case 'toggle-help':
      return { ...state, helpOpen: !state.helpOpen };

    case 'quit':
      if (state.quitting) return state;
      return {
        ...state,
        quitting: true,
        entry: undefined,
        helpOpen: false,
        status: info(state.screen === 'scan' ? 'quitting…' : 'writing the report and quitting…'),
      };
  }
}

function choose(state: UiState): UiState {
  if (state.screen !== 'item' || state.entry !== undefined) return state;
  const item = openItem(state);
  const choice = CHOICES[state.choice]?.choice;
  if (item === undefined || choice === undefined) return state;
  if (choice === 'skip') return advanceFrom({ ...state, status: info(`skipped ${item.id}`) }, item.id);
  const note = state.draftNote ?? joinNoteCites(item.note, item.cites);
  if (choice === 'waived') {
    return {
      ...state,
      entry: { field: 'waive-reason', buffer: item.waiver?.reason ?? '', draft: { verdict: 'waived', note } },
    };
  }
  if (contradictsAuto(item.autoVerdict, choice)) {
    return { ...state, entry: { field: 'override-note', buffer: note ?? '', draft: { verdict: choice } } };
  }
  return record(state, item.id, { verdict: choice, note }, true);
}

function submit(state: UiState): UiState {
  const entry = state.entry;
  const item = openItem(state);
  if (entry === undefined || item === undefined) return state;
  const text = entry.buffer.trim();
  if (entry.field === 'note' || entry.field === 'override-note') {
    const problem = citeProblem(text);
    if (problem !== undefined) return withEntryError(state, problem);
  }
  switch (entry.field) {
    case 'note': {
      const recorded = recordedAnswer(item);
      if (recorded === undefined) {
        return {
          ...state,
          entry: undefined,
          draftNote: text === '' ? undefined : text,
          status: info(text === '' ? 'note cleared' : 'note kept: it is saved with the answer you choose'),
        };
      }
      if (splitNoteCites(text).note === '' && item.source === 'override') {
        return withEntryError(state, 'an answer that differs from the automatic one needs a note');
      }
      return record(state, item.id, { ...recorded, note: text }, false);
    }
    case 'waive-reason':
      if (text === '') return withEntryError(state, 'a waiver needs a reason');
      return {
        ...state,
        entry: {
          field: 'waive-expiry',
          buffer: item.waiver?.expires ?? '',
          draft: { ...entry.draft, reason: text },
        },
      };
    case 'waive-expiry': {
      if (text !== '' && !isIsoDate(text))
        return withEntryError(state, 'write the date as YYYY-MM-DD, e.g. 2027-01-31');
      if (text !== '' && text < state.today) return withEntryError(state, `${text} is in the past`);
      const draft: Draft = { ...entry.draft, expires: text === '' ? undefined : text };
      if (contradictsAuto(item.autoVerdict, 'waived') && (draft.note ?? '') === '') {
        return { ...state, entry: { field: 'override-note', buffer: '', draft } };
      }
      return record(state, item.id, { ...draft, verdict: 'waived' }, true);
    }
    case 'override-note': {
      if (splitNoteCites(text).note === '')
        return withEntryError(state, 'a note is required: your answer differs from the automatic one');
      const verdict = entry.draft.verdict;
      if (verdict === undefined) return { ...state, entry: undefined };
      return record(state, item.id, { ...entry.draft, verdict, note: text }, true);
    }
  }
}
