import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answers/types.js';
import type { AuditItem } from '../../src/audit/types.js';
import { actionForKey, type KeyInfo } from '../../src/ui/keys.js';
import {
  CHOICES,
  cursorItem,
  displayOrder,
  initialState,
  isIsoDate,
  listRows,
  reduce,
  type Action,
  type UiState,
} from '../../src/ui/state.js';
import { auditItem, CATEGORIES, fixtureAudit, fixtureItems, manyItems, NEEDING } from './fixture.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const TODAY = '2026-11-28';
const VIEWPORT = { rows: 24, columns: 80 };

function scanState(): UiState {
  return initialState({ viewport: VIEWPORT, at: 1000, today: TODAY });
}

function loaded(items: AuditItem[] = fixtureItems(), viewport = VIEWPORT): UiState {
  return initialState({ viewport, at: 1000, today: TODAY, audit: fixtureAudit(items) });
}

/** Applies actions, answering every 'record' effect the way App does (so rows read like a session). */
function run(state: UiState, ...actions: Action[]): UiState {
  let s = state;
  for (const action of actions) {
    s = reduce({ ...s, outbox: [] }, action);
  }
  return s;
}

/** Like `run`, then plays App's part for each record effect: the answered action with by/at. */
function runAnswering(state: UiState, ...actions: Action[]): UiState {
  let s = state;
  for (const action of actions) {
    s = reduce({ ...s, outbox: [] }, action);
    for (const effect of s.outbox) {
      if (effect.kind !== 'record') continue;
      const answer: Answer = { ...effect.answer, by: 'alice', at: NOW.toISOString() };
      s = reduce(s, { type: 'answered', itemId: effect.itemId, answer, now: NOW, advance: effect.advance });
    }
  }
  return s;
}

/** The checklist with the cursor on `id`. */
function onItem(id: string, base: UiState = loaded()): UiState {
  const s = run(base, { type: 'cursor-move', delta: -Infinity });
  const position = listRows(s).find((r) => r.kind === 'item' && s.items[r.index]!.id === id);
  if (position?.kind !== 'item') throw new Error(`no visible item ${id}`);
  return run(s, { type: 'cursor-move', delta: position.position });
}

/** The item screen of `id`, with the choice cursor on `choice`. */
function openedOn(id: string, choice?: (typeof CHOICES)[number]['choice'], base?: UiState): UiState {
  const s = run(onItem(id, base), { type: 'open' });
  if (choice === undefined) return s;
  return run(
    s,
    { type: 'choice-move', delta: -10 },
    { type: 'choice-move', delta: CHOICES.findIndex((c) => c.choice === choice) },
  );
}

function typed(text: string): Action {
  return { type: 'text-input', text };
}

const SUBMIT: Action = { type: 'text-submit' };
const CHOOSE: Action = { type: 'choose' };
const DOWN: Action = { type: 'cursor-move', delta: 1 };

/** The fields rows assert on. */
function view(s: UiState) {
  return {
    screen: s.screen,
    cursor: s.cursor,
    cursorId: cursorItem(s)?.id,
    openId: s.openId,
    filter: s.filter,
    choice: CHOICES[s.choice]?.choice,
    entry: s.entry?.field,
    buffer: s.entry?.buffer,
    error: s.entry?.error,
    draftNote: s.draftNote,
    helpOpen: s.helpOpen,
    quitting: s.quitting,
    status: s.status?.text,
    tone: s.status?.tone,
    listScroll: s.listScroll,
    itemScroll: s.itemScroll,
    outbox: s.outbox,
    reportPaths: s.reportPaths,
    scanError: s.scanError,
    clock: s.clock,
  };
}

interface Row {
  name: string;
  before: () => UiState;
  actions: Action[];
  /** Partial: objects inside (effects) match on the fields given. */
  expected: Partial<Omit<ReturnType<typeof view>, 'outbox'>> & { outbox?: object[] };
  /** Extra assertions that do not fit `view`. */
  check?: (s: UiState) => void;
  /** Use `runAnswering` (App's answered round trip). */
  answering?: boolean;
}

function table(rows: Row[]): void {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const after = (row.answering === true ? runAnswering : run)(row.before(), ...row.actions);
    expect(view(after)).toMatchObject(row.expected);
    row.check?.(after);
  });
}

const item = (s: UiState, id: string): AuditItem => s.items.find((i) => i.id === id)!;

describe('reduce: scan events', () => {
  table([
    {
      name: 'progress running: starts the step, keeps the detail',
      before: scanState,
      actions: [
        { type: 'progress', event: { step: 'files', state: 'running', detail: '1,204 files' }, at: 2000 },
      ],
      expected: { screen: 'scan', clock: 2000 },
      check: (s) =>
        expect(s.steps.files).toMatchObject({ state: 'running', detail: '1,204 files', startedAt: 2000 }),
    },
    {
      name: 'progress done: ends the step, keeps its start',
      before: scanState,
      actions: [
        { type: 'progress', event: { step: 'files', state: 'running' }, at: 2000 },
        { type: 'progress', event: { step: 'files', state: 'done', detail: '1,204 files' }, at: 3500 },
      ],
      expected: {},
      check: (s) => expect(s.steps.files).toMatchObject({ state: 'done', startedAt: 2000, endedAt: 3500 }),
    },
    {
      name: 'progress skipped: keeps the reason',
      before: scanState,
      actions: [
        {
          type: 'progress',
          event: { step: 'bandit', state: 'skipped', detail: 'not found on PATH' },
          at: 2000,
        },
      ],
      expected: {},
      check: (s) =>
        expect(s.steps.bandit).toMatchObject({
          state: 'skipped',
          detail: 'not found on PATH',
          endedAt: 2000,
        }),
    },
    {
      name: 'progress counts: done and total replace the previous ones',
      before: scanState,
      actions: [
        { type: 'progress', event: { step: 'python', state: 'running', done: 10, total: 1204 }, at: 2000 },
        { type: 'progress', event: { step: 'python', state: 'running', done: 412, total: 1204 }, at: 2500 },
      ],
      expected: {},
      check: (s) => expect(s.steps.python).toMatchObject({ done: 412, total: 1204, startedAt: 2000 }),
    },
    {
      name: 'progress after the audit arrived: ignored',
      before: () => loaded(),
      actions: [{ type: 'progress', event: { step: 'files', state: 'running' }, at: 9000 }],
      expected: { screen: 'checklist' },
      check: (s) => expect(s.steps.files.state).toBe('pending'),
    },
    {
      name: 'tick: moves the clock (elapsed times keep growing)',
      before: scanState,
      actions: [{ type: 'tick', at: 4200 }],
      expected: { clock: 4200 },
    },
    {
      name: 'audit-loaded: checklist, cursor on the first item needing a person',
      before: scanState,
      actions: [{ type: 'audit-loaded', audit: fixtureAudit() }],
      expected: { screen: 'checklist', cursorId: 'sql-params', cursor: 2, filter: 'all', outbox: [] },
      check: (s) =>
        expect(s.summary.counts).toMatchObject({ fail: 2, pass: 2, review: 2, unanswered: 3, na: 1 }),
    },
    {
      name: 'audit-loaded with nothing needing a person: summary, report written',
      before: scanState,
      actions: [
        {
          type: 'audit-loaded',
          audit: fixtureAudit([auditItem({ id: 'a', category: 'injection', title: 'A', auto: 'pass' })]),
        },
      ],
      expected: { screen: 'summary', outbox: [{ kind: 'write-report' }] },
    },
    {
      name: 'audit-failed: keeps the message',
      before: scanState,
      actions: [{ type: 'audit-failed', message: 'checklist is invalid' }],
      expected: { screen: 'scan', scanError: 'checklist is invalid', tone: 'error' },
    },
  ]);
});

describe('reduce: the list', () => {
  table([
    {
      name: 'cursor-move down: next visible item',
      before: () => loaded(),
      actions: [DOWN],
      expected: { cursor: 3, cursorId: 'no-pickle' },
    },
    {
      name: 'cursor-move up at the top: stays on the first item',
      before: () => onItem('no-eval-exec'),
      actions: [{ type: 'cursor-move', delta: -1 }],
      expected: { cursor: 0, cursorId: 'no-eval-exec' },
    },
    {
      name: 'cursor-move down at the bottom: stays on the last item',
      before: () => onItem('dependabot'),
      actions: [DOWN],
      expected: { cursor: 9, cursorId: 'dependabot' },
    },
    {
      name: 'cursor-move -Infinity / Infinity (Home/End): first / last',
      before: () => loaded(),
      actions: [{ type: 'cursor-move', delta: Infinity }],
      expected: { cursorId: 'dependabot' },
    },
    {
      name: 'cursor-move on the item screen: ignored (the choice moves instead)',
      before: () => openedOn('sql-params'),
      actions: [DOWN],
      expected: { cursorId: 'sql-params', choice: 'pass' },
    },
    {
      name: 'cursor-move past the screen: scrolls so the cursor row is visible',
      before: () => loaded(manyItems(40)),
      actions: [{ type: 'cursor-move', delta: 30 }],
      // 18 list rows at 24 lines; row 0 is the category title, item 30 sits on row 31.
      expected: { cursor: 30, listScroll: 31 - 18 + 1 },
    },
    {
      name: 'cursor-move back to the first item: scrolls up to show its category title too',
      before: () => loaded(manyItems(40)),
      actions: [
        { type: 'cursor-move', delta: 30 },
        { type: 'cursor-move', delta: -Infinity },
      ],
      expected: { cursor: 0, listScroll: 0 },
    },
    {
      name: 'page down in the list: a page of items, scrolled into view',
      before: () => loaded(manyItems(40)),
      actions: [{ type: 'page', direction: 1 }],
      expected: { cursor: 17, listScroll: 1 },
    },
    {
      name: 'page up in the list at the top: stays',
      before: () => loaded(manyItems(40)),
      actions: [{ type: 'page', direction: -1 }],
      expected: { cursor: 0, listScroll: 0 },
    },
    {
      name: 'resize taller: scroll shrinks so no empty rows hang below the list',
      before: () => run(loaded(manyItems(40)), { type: 'cursor-move', delta: Infinity }),
      actions: [{ type: 'resize', rows: 40, columns: 100 }],
      // 41 rows (title + 40 items), 34 visible at 40 lines.
      expected: { cursor: 39, listScroll: 41 - 34 },
    },
    {
      name: 'resize shorter: the cursor row stays visible',
      before: () => run(loaded(manyItems(40)), { type: 'cursor-move', delta: 15 }),
      actions: [{ type: 'resize', rows: 12, columns: 80 }],
      expected: { cursor: 15, listScroll: 16 - 6 + 1 },
    },
    {
      name: 'open: the item under the cursor, choice on Pass',
      before: () => loaded(),
      actions: [{ type: 'open' }],
      expected: { screen: 'item', openId: 'sql-params', choice: 'pass', itemScroll: 0 },
    },
    {
      name: 'open on an empty filtered list: nothing happens',
      before: () =>
        run(
          loaded(fixtureItems().filter((i) => i.verdict !== 'fail')),
          { type: 'cycle-filter' },
          { type: 'cycle-filter' },
        ),
      actions: [{ type: 'open' }],
      expected: { screen: 'checklist', filter: 'failing', openId: undefined },
    },
    {
      name: 'next-needing (Tab) in the list: the next item needing a person',
      before: () => loaded(),
      actions: [{ type: 'next-needing' }],
      expected: { screen: 'checklist', cursorId: 'no-pickle' },
    },
    {
      name: 'next-needing from the last one: wraps to the first',
      before: () => onItem('dependabot'),
      actions: [{ type: 'next-needing' }],
      expected: { cursorId: 'sql-params' },
    },
    {
      name: 'next-needing from a passing item: the next one after it',
      before: () => onItem('env-files-ignored'),
      actions: [{ type: 'next-needing' }],
      expected: { cursorId: 'secret-rotation' },
    },
    {
      name: 'next-needing under the failing filter: shows all so the cursor can land on it',
      // The failing filter leaves the cursor on no-hardcoded-secrets; the next needing a person is secret-rotation.
      before: () => run(loaded(), { type: 'cycle-filter' }, { type: 'cycle-filter' }),
      actions: [{ type: 'next-needing' }],
      expected: { filter: 'all', cursorId: 'secret-rotation' },
    },
    {
      name: 'next-needing when nothing needs a person: says so',
      before: () => loaded([auditItem({ id: 'a', category: 'injection', title: 'A', auto: 'pass' })]),
      actions: [{ type: 'back' }, { type: 'next-needing' }],
      expected: { screen: 'checklist', status: 'nothing left needs you' },
    },
    {
      name: 'cycle-filter all → needs you: cursor stays on its item',
      before: () => loaded(),
      actions: [{ type: 'cycle-filter' }],
      expected: { filter: 'needs-person', cursor: 0, cursorId: 'sql-params' },
    },
    {
      name: 'cycle-filter needs you → failing: cursor moves to the nearest visible item after',
      before: () => loaded(),
      actions: [{ type: 'cycle-filter' }, { type: 'cycle-filter' }],
      expected: { filter: 'failing', cursor: 1, cursorId: 'no-hardcoded-secrets' },
    },
    {
      name: 'cycle-filter failing → all: cursor stays on its item',
      before: () => loaded(),
      actions: [{ type: 'cycle-filter' }, { type: 'cycle-filter' }, { type: 'cycle-filter' }],
      expected: { filter: 'all', cursorId: 'no-hardcoded-secrets' },
    },
    {
      name: 'cycle-filter from a hidden item with nothing visible after it: the last visible item',
      before: () => onItem('vuln-scan'),
      actions: [{ type: 'cycle-filter' }, { type: 'cycle-filter' }],
      expected: { filter: 'failing', cursorId: 'no-hardcoded-secrets' },
    },
    {
      name: 'cycle-filter on the item screen: ignored',
      before: () => openedOn('sql-params'),
      actions: [{ type: 'cycle-filter' }],
      expected: { filter: 'all', screen: 'item' },
    },
  ]);
});

describe('reduce: the item screen', () => {
  table([
    {
      name: 'choice-move down: Fail',
      before: () => openedOn('sql-params'),
      actions: [{ type: 'choice-move', delta: 1 }],
      expected: { choice: 'fail' },
    },
    {
      name: 'choice-move up on Pass: stays on Pass',
      before: () => openedOn('sql-params'),
      actions: [{ type: 'choice-move', delta: -1 }],
      expected: { choice: 'pass' },
    },
    {
      name: 'choice-move down on Skip: stays on Skip',
      before: () => openedOn('sql-params', 'skip'),
      actions: [{ type: 'choice-move', delta: 1 }],
      expected: { choice: 'skip' },
    },
    {
      name: 'scroll down: one line',
      before: () => openedOn('no-eval-exec', undefined, loaded(fixtureItems(), { rows: 16, columns: 80 })),
      actions: [{ type: 'scroll', delta: 1 }],
      expected: { itemScroll: 1 },
    },
    {
      name: 'scroll past the end: stops at the last page',
      before: () => openedOn('no-eval-exec', undefined, loaded(fixtureItems(), { rows: 16, columns: 80 })),
      actions: [
        { type: 'scroll', delta: Infinity },
        { type: 'scroll', delta: 5 },
      ],
      expected: {},
      check: (s) => {
        expect(s.itemScroll).toBeGreaterThan(5);
        expect(run(s, { type: 'scroll', delta: 1 }).itemScroll).toBe(s.itemScroll);
      },
    },
    {
      name: 'page down on the item: scrolls the text, not the list',
      before: () => openedOn('no-eval-exec', undefined, loaded(fixtureItems(), { rows: 16, columns: 80 })),
      actions: [{ type: 'page', direction: 1 }],
      // 3 body lines at 16 rows: a page is 2 lines (one kept for context).
      expected: { itemScroll: 2, cursorId: 'no-eval-exec' },
    },
    {
      name: 'choose Pass on a review item: records it at once',
      before: () => openedOn('sql-params', 'pass'),
      actions: [CHOOSE],
      expected: {
        entry: undefined,
        outbox: [{ kind: 'record', itemId: 'sql-params', answer: { verdict: 'pass' }, advance: true }],
      },
    },
    {
      name: 'choose Fail on an automatic fail: agrees, no note needed',
      before: () => openedOn('no-eval-exec', 'fail'),
      actions: [CHOOSE],
      expected: {
        entry: undefined,
        outbox: [{ kind: 'record', itemId: 'no-eval-exec', answer: { verdict: 'fail' } }],
      },
    },
    {
      name: 'choose Pass on an automatic fail (override): asks for a note first',
      before: () => openedOn('no-eval-exec', 'pass'),
      actions: [CHOOSE],
      expected: { entry: 'override-note', outbox: [] },
    },
    {
      name: 'choose Not applicable on an automatic pass (override): asks for a note',
      before: () => openedOn('no-shell-true', 'na'),
      actions: [CHOOSE],
      expected: { entry: 'override-note', outbox: [] },
    },
    {
      name: 'choose Waive: asks for the reason',
      before: () => openedOn('no-eval-exec', 'waived'),
      actions: [CHOOSE],
      expected: { entry: 'waive-reason', buffer: '', outbox: [] },
    },
    {
      name: 'choose Skip: records nothing, opens the next item needing a person',
      before: () => openedOn('sql-params', 'skip'),
      actions: [CHOOSE],
      expected: { screen: 'item', openId: 'no-pickle', outbox: [], choice: 'pass' },
      check: (s) => expect(item(s, 'sql-params').verdict).toBe('review'),
    },
    {
      name: 'choose Skip on the only item left: summary',
      before: () =>
        openedOn(
          'a',
          'skip',
          loaded([auditItem({ id: 'a', category: 'deps', title: 'A', auto: 'unanswered' })]),
        ),
      actions: [CHOOSE],
      expected: { screen: 'summary', outbox: [{ kind: 'write-report' }] },
    },
    {
      name: 'back from the item: the list, cursor on that item',
      before: () => openedOn('pinned-deps'),
      actions: [{ type: 'back' }],
      expected: { screen: 'checklist', cursorId: 'pinned-deps' },
    },
    {
      name: 'back with a note typed but no answer: the note is dropped and the status says so',
      before: () => run(openedOn('pinned-deps'), { type: 'start-note' }, typed('later'), SUBMIT),
      actions: [{ type: 'back' }],
      expected: {
        screen: 'checklist',
        draftNote: undefined,
        status: 'note discarded: it is saved only with an answer',
      },
    },
    {
      name: 'back while a text field is open: closes the field only',
      before: () => run(openedOn('no-eval-exec', 'waived'), CHOOSE),
      actions: [{ type: 'back' }],
      expected: { screen: 'item', entry: undefined },
    },
    {
      name: 'back on the summary: the list',
      before: () => loaded([auditItem({ id: 'a', category: 'injection', title: 'A', auto: 'pass' })]),
      actions: [{ type: 'back' }],
      expected: { screen: 'checklist', cursorId: 'a' },
    },
    {
      name: 'back on the list: nothing happens',
      before: () => loaded(),
      actions: [{ type: 'back' }],
      expected: { screen: 'checklist', quitting: false },
    },
    {
      name: 'next-needing on the item screen: opens the next one without answering',
      before: () => openedOn('secret-rotation'),
      actions: [{ type: 'next-needing' }],
      expected: { screen: 'item', openId: 'pinned-deps', outbox: [] },
    },
    {
      name: 'next-needing on the only item left: says so',
      before: () =>
        openedOn(
          'a',
          undefined,
          loaded([auditItem({ id: 'a', category: 'deps', title: 'A', auto: 'review' })]),
        ),
      actions: [{ type: 'next-needing' }],
      expected: { openId: 'a', status: 'this is the only item left that needs you' },
    },
  ]);
});

describe('reduce: text fields', () => {
  const waiveReason = (): UiState => run(openedOn('no-eval-exec', 'waived'), CHOOSE);
  const waiveExpiry = (): UiState => run(waiveReason(), typed('fixed next sprint'), SUBMIT);
  table([
    {
      name: 'start-note on the list: opens the item with the note field',
      before: () => loaded(),
      actions: [{ type: 'start-note' }],
      expected: { screen: 'item', openId: 'sql-params', entry: 'note', buffer: '' },
    },
    {
      name: 'start-note on an item with a note: the field starts with it',
      before: () => runAnswering(openedOn('no-eval-exec', 'pass'), CHOOSE, typed('false positive'), SUBMIT),
      actions: [{ type: 'back' }, { type: 'cursor-move', delta: -Infinity }, { type: 'start-note' }],
      expected: { openId: 'no-eval-exec', entry: 'note', buffer: 'false positive' },
    },
    {
      name: 'text-input: appends and clears the error',
      before: () => run(waiveReason(), SUBMIT),
      actions: [typed('q'), typed('jk f?')],
      expected: { entry: 'waive-reason', buffer: 'qjk f?', error: undefined },
    },
    {
      name: 'text-backspace: removes the last character',
      before: () => run(waiveReason(), typed('abc')),
      actions: [{ type: 'text-backspace' }],
      expected: { buffer: 'ab' },
    },
    {
      name: 'text-backspace on an empty field: stays empty',
      before: waiveReason,
      actions: [{ type: 'text-backspace' }],
      expected: { buffer: '' },
    },
    {
      name: 'text-cancel: closes the field, records nothing',
      before: () => run(waiveReason(), typed('half')),
      actions: [{ type: 'text-cancel' }],
      expected: { screen: 'item', entry: undefined, outbox: [] },
    },
    {
      name: 'waive with an empty reason: error, field stays',
      before: waiveReason,
      actions: [typed('   '), SUBMIT],
      expected: { entry: 'waive-reason', error: 'a waiver needs a reason', outbox: [] },
    },
    {
      name: 'waive reason given: asks for the expiry',
      before: waiveReason,
      actions: [typed('fixed next sprint'), SUBMIT],
      expected: { entry: 'waive-expiry', buffer: '' },
    },
    {
      name: 'expiry not a date: error',
      before: waiveExpiry,
      actions: [typed('next week'), SUBMIT],
      expected: { entry: 'waive-expiry', error: 'write the date as YYYY-MM-DD, e.g. 2027-01-31' },
    },
    {
      name: 'expiry that does not exist (month 13): error',
      before: waiveExpiry,
      actions: [typed('2027-13-01'), SUBMIT],
      expected: { entry: 'waive-expiry', error: 'write the date as YYYY-MM-DD, e.g. 2027-01-31' },
    },
    {
      name: 'expiry in the past: error',
      before: waiveExpiry,
      actions: [typed('2026-11-27'), SUBMIT],
      expected: { entry: 'waive-expiry', error: '2026-11-27 is in the past' },
    },
    {
      name: 'expiry valid: records the waiver with reason and expiry',
      before: waiveExpiry,
      actions: [typed('2027-01-31'), SUBMIT],
      expected: {
        entry: undefined,
        outbox: [
          {
            kind: 'record',
            itemId: 'no-eval-exec',
            answer: { verdict: 'waived', reason: 'fixed next sprint', expires: '2027-01-31' },
            advance: true,
          },
        ],
      },
    },
    {
      name: 'expiry empty: records the waiver without an expiry',
      before: waiveExpiry,
      actions: [SUBMIT],
      expected: { outbox: [{ kind: 'record', answer: { verdict: 'waived', reason: 'fixed next sprint' } }] },
      check: (s) => expect(s.outbox[0]).not.toHaveProperty('answer.expires'),
    },
    {
      name: 'waiving an automatic pass (override): asks for a note after the expiry',
      before: () => run(openedOn('no-shell-true', 'waived'), CHOOSE, typed('r'), SUBMIT),
      actions: [SUBMIT],
      expected: { entry: 'override-note', outbox: [] },
    },
    {
      name: 'override note empty: error, nothing recorded',
      before: () => run(openedOn('no-eval-exec', 'pass'), CHOOSE),
      actions: [SUBMIT],
      expected: {
        entry: 'override-note',
        error: 'a note is required: your answer differs from the automatic one',
        outbox: [],
      },
    },
    {
      name: 'override note given: records the answer with the note',
      before: () => run(openedOn('no-eval-exec', 'pass'), CHOOSE),
      actions: [typed('eval input is a constant'), SUBMIT],
      expected: {
        entry: undefined,
        outbox: [
          {
            kind: 'record',
            itemId: 'no-eval-exec',
            answer: { verdict: 'pass', note: 'eval input is a constant' },
          },
        ],
      },
    },
    {
      name: 'note before answering: kept, then saved with the answer',
      before: () => openedOn('sql-params'),
      actions: [{ type: 'start-note' }, typed('checked the ORM'), SUBMIT, CHOOSE],
      expected: {
        draftNote: undefined,
        outbox: [
          {
            kind: 'record',
            itemId: 'sql-params',
            answer: { verdict: 'pass', note: 'checked the ORM' },
            advance: true,
          },
        ],
      },
    },
    {
      name: 'note on an answered item: re-records that answer with the note, stays on the item',
      // Fail on sql-params moves on to no-pickle; back and up returns to sql-params.
      before: () =>
        runAnswering(
          openedOn('sql-params', 'fail'),
          CHOOSE,
          { type: 'back' },
          { type: 'cursor-move', delta: -1 },
        ),
      actions: [{ type: 'start-note' }, typed('ticket #12'), SUBMIT],
      expected: {
        screen: 'item',
        openId: 'sql-params',
        outbox: [
          {
            kind: 'record',
            itemId: 'sql-params',
            answer: { verdict: 'fail', note: 'ticket #12' },
            advance: false,
          },
        ],
      },
    },
    {
      name: 'note emptied on an override: error (an override keeps its note)',
      before: () =>
        runAnswering(
          openedOn('no-eval-exec', 'pass'),
          CHOOSE,
          typed('constant'),
          SUBMIT,
          { type: 'back' },
          { type: 'cursor-move', delta: -Infinity },
        ),
      actions: [
        { type: 'start-note' },
        ...Array<Action>('constant'.length).fill({ type: 'text-backspace' }),
        SUBMIT,
      ],
      expected: {
        entry: 'note',
        error: 'an answer that differs from the automatic one needs a note',
        outbox: [],
      },
    },
  ]);
});

describe('reduce: answers and reports', () => {
  const passAnswer: Answer = { verdict: 'pass', by: 'alice', at: NOW.toISOString() };
  table([
    {
      name: 'answered: applies the answer, recounts, opens the next item needing a person',
      before: () => openedOn('sql-params'),
      actions: [{ type: 'answered', itemId: 'sql-params', answer: passAnswer, now: NOW, advance: true }],
      expected: { screen: 'item', openId: 'no-pickle', status: 'recorded sql-params' },
      check: (s) => {
        expect(item(s, 'sql-params')).toMatchObject({
          verdict: 'pass',
          source: 'manual',
          answeredBy: 'alice',
        });
        expect(s.summary.counts).toMatchObject({ pass: 3, review: 1 });
      },
    },
    {
      name: 'answered on the last item needing a person: summary, report written',
      before: () =>
        runAnswering(
          openedOn('sql-params'),
          CHOOSE, // sql-params → no-pickle
          CHOOSE, // → secret-rotation
          CHOOSE, // → pinned-deps
          CHOOSE, // → dependabot
        ),
      actions: [{ type: 'answered', itemId: 'dependabot', answer: passAnswer, now: NOW, advance: true }],
      expected: { screen: 'summary', outbox: [{ kind: 'write-report' }] },
      check: (s) =>
        expect(NEEDING.map((id) => item(s, id).verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']),
    },
    {
      name: 'answered without advancing (a note edit): stays on the item',
      before: () => openedOn('sql-params'),
      actions: [
        {
          type: 'answered',
          itemId: 'sql-params',
          answer: { ...passAnswer, note: 'n' },
          now: NOW,
          advance: false,
        },
      ],
      expected: { screen: 'item', openId: 'sql-params', status: 'saved: sql-params' },
      check: (s) => expect(item(s, 'sql-params').note).toBe('n'),
    },
    {
      name: 'answered with no answer: back to the automatic verdict',
      before: () => runAnswering(openedOn('no-eval-exec', 'pass'), CHOOSE, typed('x'), SUBMIT),
      actions: [{ type: 'answered', itemId: 'no-eval-exec', answer: undefined, now: NOW, advance: false }],
      expected: {},
      check: (s) =>
        expect(item(s, 'no-eval-exec')).toMatchObject({ verdict: 'fail', source: 'auto', note: undefined }),
    },
    {
      name: 'answered for an unknown id: nothing changes',
      before: () => loaded(),
      actions: [{ type: 'answered', itemId: 'nope', answer: passAnswer, now: NOW, advance: true }],
      expected: { screen: 'checklist', cursorId: 'sql-params' },
    },
    {
      name: 'answer-failed: an error in the status line',
      before: () => loaded(),
      actions: [{ type: 'answer-failed', itemId: 'sql-params', message: 'disk full' }],
      expected: { status: 'could not save the answer to sql-params: disk full', tone: 'error' },
    },
    {
      name: 'write-report: asks App to write it',
      before: () => loaded(),
      actions: [{ type: 'write-report' }],
      expected: { status: 'writing the report…', outbox: [{ kind: 'write-report' }] },
    },
    {
      name: 'write-report while scanning: nothing to write yet',
      before: scanState,
      actions: [{ type: 'write-report' }],
      expected: { outbox: [] },
    },
    {
      name: 'report-written: paths in the status line',
      before: () => loaded(),
      actions: [{ type: 'report-written', paths: ['.vouch/vouch-report.md'] }],
      expected: {
        status: 'report written to .vouch/vouch-report.md',
        reportPaths: ['.vouch/vouch-report.md'],
      },
    },
    {
      name: 'report-failed: an error in the status line',
      before: () => loaded(),
      actions: [{ type: 'report-failed', message: 'EACCES' }],
      expected: { status: 'could not write the report: EACCES', tone: 'error' },
    },
    {
      name: 'toggle-help: opens, and again closes',
      before: () => loaded(),
      actions: [{ type: 'toggle-help' }],
      expected: { helpOpen: true },
      check: (s) => expect(run(s, { type: 'toggle-help' }).helpOpen).toBe(false),
    },
    {
      name: 'back with help open: closes help',
      before: () => run(loaded(), { type: 'toggle-help' }),
      actions: [{ type: 'back' }],
      expected: { helpOpen: false, screen: 'checklist' },
    },
    {
      name: 'quit: quitting (App then writes the report and exits)',
      before: () => loaded(),
      actions: [{ type: 'quit' }],
      expected: {
        quitting: true,
        status: 'writing the report and quitting…',
        entry: undefined,
        helpOpen: false,
      },
    },
    {
      name: 'quit twice: the same state (one quit only)',
      before: () => run(loaded(), { type: 'quit' }),
      actions: [{ type: 'quit' }],
      expected: { quitting: true },
      check: () => {
        const once = run(loaded(), { type: 'quit' });
        expect(reduce(once, { type: 'quit' })).toBe(once);
      },
    },
  ]);
});

type Press = readonly [string, KeyInfo];
const KEY: Record<'down' | 'enter', Press> = {
  down: ['', { downArrow: true }],
  enter: ['\r', { return: true }],
};
const char = (c: string): Press => [c, {}];

/** Keys interpreted one after another, each against the state the previous one produced. */
function press(state: UiState, keys: readonly Press[]): UiState {
  return keys.reduce((s, [input, key]) => {
    const action = actionForKey(s, input, key);
    return action === undefined ? s : run(s, action);
  }, state);
}

describe('bursts: keys in one chunk act as if typed one by one', () => {
  it('Down, Down, Enter opens the item two below the cursor, whether batched or not', () => {
    const start = loaded(manyItems(6));
    const oneByOne = press(press(press(start, [KEY.down]), [KEY.down]), [KEY.enter]);
    const burst = press(start, [KEY.down, KEY.down, KEY.enter]);
    expect(view(burst)).toEqual(view(oneByOne));
    expect(burst.openId).toBe('item-03');
  });

  it('n then "q" in the same burst: q is text in the note, not quit', () => {
    const s = press(openedOn('sql-params'), [char('n'), char('q'), char('j')]);
    expect(view(s)).toMatchObject({ entry: 'note', buffer: 'qj', quitting: false });
  });

  it('mapping every key against the stale first state would differ (the bug this design avoids)', () => {
    const start = openedOn('sql-params');
    const stale = [char('n'), char('q')].map(([i, k]) => actionForKey(start, i, k));
    expect(stale.map((a) => a?.type)).toEqual(['start-note', 'quit']);
  });

  it('a whole waiver typed in one burst is recorded with its reason and expiry', () => {
    const keys: Press[] = [
      ...Array<Press>(3).fill(KEY.down),
      KEY.enter,
      ...[...'accepted'].map(char),
      KEY.enter,
      ...[...'2027-02-01'].map(char),
      KEY.enter,
    ];
    const s = press(openedOn('no-eval-exec'), keys);
    expect(s.outbox).toEqual([
      {
        kind: 'record',
        itemId: 'no-eval-exec',
        answer: { verdict: 'waived', reason: 'accepted', expires: '2027-02-01' },
        advance: true,
      },
    ]);
  });
});

describe('selectors', () => {
  it('displayOrder groups by the checklist category order, keeping audit order inside', () => {
    const items = [
      auditItem({ id: 'd1', category: 'deps', title: 'D1', auto: 'pass' }),
      auditItem({ id: 'x1', category: 'extra', title: 'X1', auto: 'pass' }),
      auditItem({ id: 'i1', category: 'injection', title: 'I1', auto: 'pass' }),
      auditItem({ id: 'd2', category: 'deps', title: 'D2', auto: 'pass' }),
      auditItem({ id: 's1', category: 'secrets', title: 'S1', auto: 'pass' }),
    ];
    expect(displayOrder(items, CATEGORIES).map((i) => items[i]!.id)).toEqual(['i1', 's1', 'd1', 'd2', 'x1']);
  });

  it('listRows puts a category title before each group', () => {
    const s = loaded();
    expect(listRows(s).map((r) => (r.kind === 'category' ? `# ${r.title}` : s.items[r.index]!.id))).toEqual([
      '# Code injection',
      'no-eval-exec',
      'no-shell-true',
      'sql-params',
      'no-pickle',
      '# Secrets',
      'no-hardcoded-secrets',
      'env-files-ignored',
      'secret-rotation',
      '# Dependencies',
      'pinned-deps',
      'vuln-scan',
      'dependabot',
    ]);
  });

  it.each([
    ['2027-01-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-1-31', false],
    ['31/01/2027', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
