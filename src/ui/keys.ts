import type { Action, UiState } from './state.js';

/**
 * The parts of Ink's `Key` the bindings read. Ink's own `Key` is a superset, so `useInput`
 * handlers pass theirs straight through; tests build these by hand without loading Ink.
 */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export type NamedKey =
  'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

/** One way to press a command: a printable character, a named key, or Ctrl plus a letter. */
export type KeyMatch = { input: string } | { key: NamedKey } | { ctrl: string };

export type Command =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'enter'
  | 'back'
  | 'next-needing'
  | 'filter'
  | 'save'
  | 'note'
  | 'help'
  | 'quit';

export interface KeyBinding {
  command: Command;
  keys: readonly KeyMatch[];
  /** How the help table and footer name the keys. */
  label: string;
  description: string;
}

/** Every key the UI knows, in the order the help overlay lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { command: 'up', keys: [{ key: 'upArrow' }, { input: 'k' }], label: '↑ k', description: 'move up' },
  { command: 'down', keys: [{ key: 'downArrow' }, { input: 'j' }], label: '↓ j', description: 'move down' },
  {
    command: 'page-up',
    keys: [{ key: 'pageUp' }, { input: '[' }],
    label: 'PgUp [',
    description: 'page up (list), scroll up (item text)',
  },
  {
    command: 'page-down',
    keys: [{ key: 'pageDown' }, { input: ']' }],
    label: 'PgDn ]',
    description: 'page down (list), scroll down (item text)',
  },
  { command: 'first', keys: [{ key: 'home' }], label: 'Home', description: 'first item' },
  { command: 'last', keys: [{ key: 'end' }], label: 'End', description: 'last item' },
  {
    command: 'enter',
    keys: [{ key: 'return' }],
    label: 'Enter',
    description: 'open the item / record the answer',
  },
  { command: 'back', keys: [{ key: 'escape' }], label: 'Esc', description: 'back to the list / cancel' },
  { command: 'next-needing', keys: [{ key: 'tab' }], label: 'Tab', description: 'next item that needs you' },
  { command: 'filter', keys: [{ input: 'f' }], label: 'f', description: 'filter: all → needs you → failing' },
  { command: 'save', keys: [{ input: 's' }], label: 's', description: 'write the report now' },
  { command: 'note', keys: [{ input: 'n' }], label: 'n', description: 'add or edit a note' },
  { command: 'help', keys: [{ input: '?' }], label: '?', description: 'show or hide this help' },
  {
    command: 'quit',
    keys: [{ input: 'q' }, { ctrl: 'c' }],
    label: 'q Ctrl-C',
    description: 'write the report and quit',
  },
];

/** What a text field does with keys (shown under the key table). */
export const TEXT_FIELD_HELP =
  'In a text field every letter is text: Enter saves, Esc cancels, Backspace deletes.';

/** The short key line at the bottom of each screen. */
export const FOOTERS: Record<UiState['screen'] | 'entry', string> = {
  scan: 'q quit',
  checklist: '↑↓ move  Enter open  Tab next  f filter  s save  n note  ? help  q quit',
  item: '↑↓ choose  Enter record  [ ] scroll  n note  Tab next  Esc list  ? help  q quit',
  summary: 'Enter/Esc list  s save  ? help  q quit',
  entry: 'type your text  Enter save  Esc cancel',
};

function matches(match: KeyMatch, input: string, key: KeyInfo): boolean {
  if ('ctrl' in match) return key.ctrl === true && input === match.ctrl;
  if ('key' in match) return key[match.key] === true;
  return key.ctrl !== true && key.meta !== true && input === match.input;
}

/** The command a key press means outside text fields, if any. */
export function commandForKey(input: string, key: KeyInfo): Command | undefined {
  return KEY_BINDINGS.find((b) => b.keys.some((m) => matches(m, input, key)))?.command;
}

const SPECIAL_FLAGS: readonly (keyof KeyInfo)[] = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageUp',
  'pageDown',
  'home',
  'end',
  'escape',
  'ctrl',
  'meta',
];

/** One character as Ink would describe it had it arrived alone. */
function keyOfChar(char: string): [string, KeyInfo] {
  if (char === '\r' || char === '\n') return ['\r', { return: true }];
  if (char === '\t') return ['\t', { tab: true }];
  if (char === '\u007f' || char === '\b') return ['', { backspace: true }];
  const code = char.codePointAt(0) ?? 0;
  // Ctrl-A … Ctrl-Z arrive as codes 1 … 26 (Ctrl-C is 3).
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return [char, /[A-Z]/.test(char) ? { shift: true } : {}];
}

/**
 * Ink hands a run of plain characters that arrived in one chunk (fast typing, key repeat, a
 * paste, `tmux send-keys`) to `useInput` as ONE input string. Splitting it back into keys makes
 * "nq" mean n then q, exactly as if typed slowly. Escape sequences already come one by one.
 */
export function splitKeys(input: string, key: KeyInfo): [string, KeyInfo][] {
  const chars = [...input];
  if (chars.length <= 1 || SPECIAL_FLAGS.some((flag) => key[flag] === true)) return [[input, key]];
  return chars.map(keyOfChar);
}

/** Printable text from a key press or a paste: control characters and line breaks dropped. */
function printable(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f]/g, '');
}

function textFieldAction(input: string, key: KeyInfo): Action | undefined {
  if (key.escape) return { type: 'text-cancel' };
  if (key.return) return { type: 'text-submit' };
  if (key.backspace || key.delete) return { type: 'text-backspace' };
  if (key.ctrl || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab)
    return undefined;
  if (key.pageUp || key.pageDown || key.home || key.end) return undefined;
  const text = printable(input);
  return text === '' ? undefined : { type: 'text-input', text };
}

/**
 * Maps a key press to an action given the state it arrives in. Components call it with the
 * reducer's latest state (not the state they last rendered), so a burst of keys arriving in one
 * chunk is interpreted exactly as if typed one by one.
 */
export function actionForKey(state: UiState, input: string, key: KeyInfo): Action | undefined {
  if (key.ctrl === true && input === 'c') return { type: 'quit' };
  if (state.quitting) return undefined;
  if (state.entry !== undefined) return textFieldAction(input, key);
  const command = commandForKey(input, key);
  if (command === undefined) return undefined;
  if (command === 'quit') return { type: 'quit' };
  if (state.helpOpen) {
    return command === 'help' || command === 'back' || command === 'enter'
      ? { type: 'toggle-help' }
      : undefined;
  }
  if (command === 'help') return { type: 'toggle-help' };
  switch (state.screen) {
    case 'scan':
      return undefined;
    case 'checklist':
      return checklistAction(command);
    case 'item':
      return itemAction(command);
    case 'summary':
      return summaryAction(command);
  }
}

function checklistAction(command: Command): Action | undefined {
  switch (command) {
    case 'up':
      return { type: 'cursor-move', delta: -1 };
    case 'down':
      return { type: 'cursor-move', delta: 1 };
    case 'page-up':
      return { type: 'page', direction: -1 };
    case 'page-down':
      return { type: 'page', direction: 1 };
    case 'first':
      return { type: 'cursor-move', delta: -Infinity };
    case 'last':
      return { type: 'cursor-move', delta: Infinity };
    case 'enter':
      return { type: 'open' };
    case 'back':
      return { type: 'back' };
    case 'next-needing':
      return { type: 'next-needing' };
    case 'filter':
      return { type: 'cycle-filter' };
    case 'save':
      return { type: 'write-report' };
    case 'note':
      return { type: 'start-note' };
    default:
      return undefined;
  }
}

function itemAction(command: Command): Action | undefined {
  switch (command) {
    case 'up':
      return { type: 'choice-move', delta: -1 };
    case 'down':
      return { type: 'choice-move', delta: 1 };
    case 'page-up':
      return { type: 'page', direction: -1 };
    case 'page-down':
      return { type: 'page', direction: 1 };
    case 'first':
      return { type: 'scroll', delta: -Infinity };
    case 'last':
      return { type: 'scroll', delta: Infinity };
    case 'enter':
      return { type: 'choose' };
    case 'back':
      return { type: 'back' };
    case 'next-needing':
      return { type: 'next-needing' };
    case 'save':
      return { type: 'write-report' };
    case 'note':
      return { type: 'start-note' };
    default:
      return undefined;
  }
}

function summaryAction(command: Command): Action | undefined {
  switch (command) {
    case 'enter':
    case 'back':
      return { type: 'back' };
    case 'save':
      return { type: 'write-report' };
    default:
      return undefined;
  }
}
