import { describe, expect, it } from 'vitest';
import {
  actionForKey,
  commandForKey,
  FOOTERS,
  KEY_BINDINGS,
  splitKeys,
  type KeyInfo,
} from '../../src/ui/keys.js';
import { initialState, reduce, type Action, type UiState } from '../../src/ui/state.js';
import { fixtureAudit } from './fixture.js';

const base = (): UiState =>
  initialState({ viewport: { rows: 24, columns: 80 }, at: 0, today: '2026-11-28', audit: fixtureAudit() });
const states: Record<string, () => UiState> = {
  scan: () => initialState({ viewport: { rows: 24, columns: 80 }, at: 0, today: '2026-11-28' }),
  checklist: base,
  item: () => reduce(base(), { type: 'open' }),
  summary: () => ({ ...base(), screen: 'summary' }),
  'item, note field': () => reduce(reduce(base(), { type: 'open' }), { type: 'start-note' }),
  'checklist, help open': () => reduce(base(), { type: 'toggle-help' }),
  quitting: () => reduce(base(), { type: 'quit' }),
};

const k = (key: KeyInfo): KeyInfo => key;

describe('actionForKey', () => {
  const rows: [state: string, input: string, key: KeyInfo, expected: Action | undefined][] = [
    ['checklist', '', k({ downArrow: true }), { type: 'cursor-move', delta: 1 }],
    ['checklist', 'j', k({}), { type: 'cursor-move', delta: 1 }],
    ['checklist', '', k({ upArrow: true }), { type: 'cursor-move', delta: -1 }],
    ['checklist', 'k', k({}), { type: 'cursor-move', delta: -1 }],
    ['checklist', '', k({ pageDown: true }), { type: 'page', direction: 1 }],
    ['checklist', '[', k({}), { type: 'page', direction: -1 }],
    ['checklist', '', k({ home: true }), { type: 'cursor-move', delta: -Infinity }],
    ['checklist', '', k({ end: true }), { type: 'cursor-move', delta: Infinity }],
    ['checklist', '\r', k({ return: true }), { type: 'open' }],
    ['checklist', '', k({ escape: true, meta: true }), { type: 'back' }],
    ['checklist', '', k({ tab: true }), { type: 'next-needing' }],
    ['checklist', 'f', k({}), { type: 'cycle-filter' }],
    ['checklist', 's', k({}), { type: 'write-report' }],
    ['checklist', 'n', k({}), { type: 'start-note' }],
    ['checklist', '?', k({}), { type: 'toggle-help' }],
    ['checklist', 'q', k({}), { type: 'quit' }],
    ['checklist', 'c', k({ ctrl: true }), { type: 'quit' }],
    ['checklist', 'x', k({}), undefined],
    ['checklist', 'j', k({ meta: true }), undefined],
    ['item', '', k({ downArrow: true }), { type: 'choice-move', delta: 1 }],
    ['item', 'k', k({}), { type: 'choice-move', delta: -1 }],
    ['item', ']', k({}), { type: 'page', direction: 1 }],
    ['item', '', k({ pageUp: true }), { type: 'page', direction: -1 }],
    ['item', '', k({ end: true }), { type: 'scroll', delta: Infinity }],
    ['item', '\r', k({ return: true }), { type: 'choose' }],
    ['item', '', k({ escape: true }), { type: 'back' }],
    ['item', '', k({ tab: true }), { type: 'next-needing' }],
    ['item', 'f', k({}), undefined],
    ['item', 'n', k({}), { type: 'start-note' }],
    ['item', 's', k({}), { type: 'write-report' }],
    ['item', 'q', k({}), { type: 'quit' }],
    ['item, note field', 'q', k({}), { type: 'text-input', text: 'q' }],
    ['item, note field', 'j', k({}), { type: 'text-input', text: 'j' }],
    ['item, note field', 'k', k({}), { type: 'text-input', text: 'k' }],
    ['item, note field', 'f', k({}), { type: 'text-input', text: 'f' }],
    ['item, note field', 's', k({}), { type: 'text-input', text: 's' }],
    ['item, note field', 'n', k({}), { type: 'text-input', text: 'n' }],
    ['item, note field', '?', k({}), { type: 'text-input', text: '?' }],
    ['item, note field', 'Q', k({ shift: true }), { type: 'text-input', text: 'Q' }],
    ['item, note field', 'pasted text\r\nmore', k({}), { type: 'text-input', text: 'pasted textmore' }],
    ['item, note field', '\r', k({ return: true }), { type: 'text-submit' }],
    ['item, note field', '', k({ escape: true, meta: true }), { type: 'text-cancel' }],
    ['item, note field', '', k({ backspace: true }), { type: 'text-backspace' }],
    ['item, note field', '', k({ delete: true }), { type: 'text-backspace' }],
    ['item, note field', '', k({ downArrow: true }), undefined],
    ['item, note field', '', k({ tab: true }), undefined],
    ['item, note field', 'c', k({ ctrl: true }), { type: 'quit' }],
    ['summary', '\r', k({ return: true }), { type: 'back' }],
    ['summary', '', k({ escape: true }), { type: 'back' }],
    ['summary', 's', k({}), { type: 'write-report' }],
    ['summary', 'j', k({}), undefined],
    ['scan', 'q', k({}), { type: 'quit' }],
    ['scan', 's', k({}), undefined],
    ['scan', '', k({ downArrow: true }), undefined],
    ['checklist, help open', '?', k({}), { type: 'toggle-help' }],
    ['checklist, help open', '', k({ escape: true }), { type: 'toggle-help' }],
    ['checklist, help open', 'j', k({}), undefined],
    ['checklist, help open', 'q', k({}), { type: 'quit' }],
    ['quitting', 'q', k({}), undefined],
    ['quitting', 'c', k({ ctrl: true }), { type: 'quit' }],
  ];
  it.each(rows)('%s: %j %j → %j', (state, input, key, expected) => {
    expect(actionForKey(states[state]!(), input, key)).toEqual(expected);
  });
});

describe('key bindings as data', () => {
  it('every binding is reachable through commandForKey', () => {
    for (const binding of KEY_BINDINGS) {
      for (const match of binding.keys) {
        const [input, key]: [string, KeyInfo] =
          'input' in match
            ? [match.input, {}]
            : 'ctrl' in match
              ? [match.ctrl, { ctrl: true }]
              : ['', { [match.key]: true }];
        expect(commandForKey(input, key)).toBe(binding.command);
      }
    }
  });

  it('no two bindings share a key', () => {
    const seen = KEY_BINDINGS.flatMap((b) => b.keys.map((m) => JSON.stringify(m)));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each(Object.entries(FOOTERS))('the %s footer fits 80 columns', (_screen, footer) => {
    expect(footer.length).toBeLessThanOrEqual(79);
  });
});

describe('splitKeys', () => {
  it.each([
    ['single key passes through', 'j', {}, [['j', {}]]],
    ['arrow passes through', '', { downArrow: true }, [['', { downArrow: true }]]],
    [
      'a chunk of letters becomes keys',
      'nq',
      {},
      [
        ['n', {}],
        ['q', {}],
      ],
    ],
    [
      'Enter inside a chunk is Enter',
      'ab\r',
      {},
      [
        ['a', {}],
        ['b', {}],
        ['\r', { return: true }],
      ],
    ],
    [
      'Tab, Backspace, Ctrl-C inside a chunk',
      '\t\u007f\u0003',
      {},
      [
        ['\t', { tab: true }],
        ['', { backspace: true }],
        ['c', { ctrl: true }],
      ],
    ],
    [
      'capitals keep shift',
      'Ab',
      {},
      [
        ['A', { shift: true }],
        ['b', {}],
      ],
    ],
    ['meta sequences are left alone', 'ab', { meta: true }, [['ab', { meta: true }]]],
  ] as [string, string, KeyInfo, [string, KeyInfo][]][])('%s', (_name, input, key, expected) => {
    expect(splitKeys(input, key)).toEqual(expected);
  });

  it('a fast-typed "jjj" then Enter moves three rows, like three presses', () => {
    const start = base();
    const keys = splitKeys('jjj\r', {});
    const after = keys.reduce((s, [i, key]) => {
      const action = actionForKey(s, i, key);
      return action === undefined ? s : reduce(s, action);
    }, start);
    expect(after.openId).toBe('env-files-ignored');
  });
});
