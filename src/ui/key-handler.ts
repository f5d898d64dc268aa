import type { KeyInfo } from './keys.js';

/** What screens hand to `useInput`: App's router from keys to actions (stable across renders). */
export type KeyHandler = (input: string, key: KeyInfo) => void;
