import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answers/types.js';
import type { AuditItem } from '../../src/audit/types.js';
import {
  CHOICES,
  cursorItem,
  initialState,
  openItemLines,
  reduce,
  type Action,
  type UiState,
} from '../../src/ui/state.js';
import { fixtureAudit, fixtureItems } from './fixture.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const STALE_ID = 'no-shell-true';
const REASON = 'app/run.py changed in 4f2c1e0';

/** The fixture with `no-shell-true` answered pass by a person, citing two places, now stale. */
function items(): AuditItem[] {
  return fixtureItems().map((i) =>
    i.id === STALE_ID
      ? {
          ...i,
          source: 'manual',
          note: 'only argument lists',
          cites: ['app/run.py', 'app/jobs.py:10-20'],
          stale: [{ kind: 'cite-changed', path: 'app/run.py', text: REASON }],
        }
      : i,
  );
}

function loaded(): UiState {
  return initialState({
    viewport: { rows: 40, columns: 100 },
    at: 0,
    today: '2026-12-03',
    audit: fixtureAudit(items()),
  });
}

/** Applies actions; with `answering`, plays App's part for each record effect. */
function run(state: UiState, actions: Action[], answering = false): UiState {
  let s = state;
  for (const action of actions) {
    s = reduce({ ...s, outbox: [] }, action);
    if (!answering) continue;
    for (const effect of s.outbox) {
      if (effect.kind !== 'record') continue;
      const answer: Answer = { ...effect.answer, by: 'ann', at: NOW.toISOString() };
      s = reduce(s, { type: 'answered', itemId: effect.itemId, answer, now: NOW, advance: effect.advance });
    }
  }
  return s;
}

const OPEN: Action = { type: 'open' };
const CHOOSE: Action = { type: 'choose' };
const NOTE: Action = { type: 'start-note' };
const SUBMIT: Action = { type: 'text-submit' };
const typed = (text: string): Action => ({ type: 'text-input', text });
/** The list cursor on `id`, opened. */
const openOn = (id: string): UiState => {
  let s = run(loaded(), [{ type: 'cursor-move', delta: -Infinity }]);
  while (cursorItem(s)?.id !== id) s = run(s, [{ type: 'cursor-move', delta: 1 }]);
  return run(s, [OPEN]);
};

describe('stale answers in the UI reducer', () => {
  it('a stale answer needs a person: the cursor starts on it, Tab visits it', () => {
    expect(cursorItem(loaded())?.id).toBe(STALE_ID);
    const fromFirst = run(loaded(), [{ type: 'cursor-move', delta: -Infinity }, { type: 'next-needing' }]);
    expect(cursorItem(fromFirst)?.id).toBe(STALE_ID);
  });

  it('the item screen says what changed, and preselects the answer to re-confirm', () => {
    const s = openOn(STALE_ID);
    expect(CHOICES[s.choice]?.choice).toBe('pass');
    const text = openItemLines(s).join('\n');
    expect(text).toContain('Changed since your answer (it is stale):');
    expect(text).toContain(`- ${REASON}`);
    expect(text).toContain('cites: app/run.py, app/jobs.py:10-20');
  });

  it('Enter re-confirms: the same answer, note and cites recorded; the item is no longer stale', () => {
    const s = run(openOn(STALE_ID), [CHOOSE]);
    expect(s.outbox).toEqual([
      {
        kind: 'record',
        itemId: STALE_ID,
        advance: true,
        answer: { verdict: 'pass', note: 'only argument lists', cites: ['app/run.py', 'app/jobs.py:10-20'] },
      },
    ]);
    const after = run(openOn(STALE_ID), [CHOOSE], true);
    const item = after.items.find((i) => i.id === STALE_ID)!;
    expect(item.stale).toBeUndefined();
    expect(item.cites).toEqual(['app/run.py', 'app/jobs.py:10-20']);
    expect(after.openId).not.toBe(STALE_ID);
  });

  it('the note field shows the cites as its clause, and editing them changes the cites', () => {
    const s = run(openOn(STALE_ID), [NOTE]);
    expect(s.entry?.buffer).toBe('only argument lists; cites: app/run.py, app/jobs.py:10-20');
    const edited = run(s, [{ type: 'text-backspace' }, { type: 'text-backspace' }, typed('30'), SUBMIT]);
    expect(edited.outbox).toEqual([
      {
        kind: 'record',
        itemId: STALE_ID,
        advance: false,
        answer: { verdict: 'pass', note: 'only argument lists', cites: ['app/run.py', 'app/jobs.py:10-30'] },
      },
    ]);
  });

  const entryRows: [string, string, string | undefined][] = [
    ['a file and a range', 'schemas everywhere; cites: app/a.py, app/b.py:3-4', undefined],
    ['a single line', 'see there; cite: app/b.py:7', undefined],
    [
      'an absolute path',
      'x; cites: /etc/passwd',
      'cites: /etc/passwd: a cite is a path inside the repository, not an absolute one',
    ],
    [
      'leaving the repository',
      'x; cites: ../other/a.py',
      'cites: ../other/a.py: a cite may not leave the repository or hold empty parts',
    ],
    [
      'a backwards range',
      'x; cites: app/a.py:9-3',
      'cites: app/a.py:9-3: a line range is START-END with 1 <= START <= END',
    ],
    ['nothing after cites:', 'x; cites:', 'cites: name at least one file (path or path:START-END)'],
  ];
  it.each(entryRows)('a note typed with cites: %s', (_name, text, error) => {
    const s = run(openOn('no-pickle'), [NOTE, typed(text), SUBMIT]);
    expect(s.entry?.error).toBe(error);
  });

  it('cites typed in the note before answering are recorded with the answer, the note without them', () => {
    const s = run(openOn('no-pickle'), [
      NOTE,
      typed('json only; cites: app/io.py, app/load.py:3-4'),
      SUBMIT,
      CHOOSE,
    ]);
    expect(s.outbox).toEqual([
      {
        kind: 'record',
        itemId: 'no-pickle',
        advance: true,
        answer: { verdict: 'pass', note: 'json only', cites: ['app/io.py', 'app/load.py:3-4'] },
      },
    ]);
  });

  it('a refused answer (a cite names no file) keeps the typed note to fix, with the reason', () => {
    const s = run(openOn('no-pickle'), [
      {
        type: 'answer-refused',
        itemId: 'no-pickle',
        message: 'cited file does not exist in the repository: app/nope.py',
        note: 'json only; cites: app/nope.py',
      },
    ]);
    expect(s.status).toEqual({
      text: 'not recorded: cited file does not exist in the repository: app/nope.py',
      tone: 'error',
    });
    expect(s.draftNote).toBe('json only; cites: app/nope.py');
    expect(s.screen).toBe('item');
  });
});
