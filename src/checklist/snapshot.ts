/**
 * The default checklist as the build loaded it. Parsing its YAML and compiling the JSON Schemas
 * costs a cold run a quarter of a second; the build loads it once through the same loader and
 * writes the result beside the bundle. A run uses that snapshot only for the default checklist
 * alone and only while its bytes are those the build read (sha256); anything else loads as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Checklist } from './types.js';

/** The snapshot's name, beside the bundle's scripts in dist/. */
export const SNAPSHOT_FILE = 'default-checklist.json';

export interface ChecklistSnapshot {
  /** sha256 of the checklist file's bytes the build loaded. */
  sha256: string;
  checklist: Checklist;
}

/** The snapshot's text for a checklist loaded from bytes whose sha256 is `sha256`. */
export function snapshotText(sha256: string, checklist: Checklist): string {
  return `${JSON.stringify({ sha256, checklist } satisfies ChecklistSnapshot)}\n`;
}

/** The checklist a snapshot holds when it was made from exactly `bytes`; else undefined. */
export function fromSnapshot(snapshot: string, bytes: Uint8Array): Checklist | undefined {
  let parsed: Partial<ChecklistSnapshot>;
  try {
    parsed = JSON.parse(snapshot) as Partial<ChecklistSnapshot>;
  } catch {
    return undefined;
  }
  if (typeof parsed.sha256 !== 'string' || parsed.checklist === undefined) return undefined;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return sha256 === parsed.sha256 ? parsed.checklist : undefined;
}

/**
 * The default checklist from the build's snapshot, when `files` is the default checklist alone
 * and the snapshot was made from its present bytes. Undefined otherwise (running from the
 * sources, another checklist, an edited default): then the caller loads the files.
 */
export function loadSnapshot(files: readonly string[], defaultPath: string): Checklist | undefined {
  if (files.length !== 1 || files[0] !== defaultPath) return undefined;
  // Both files are vouch's own (its install folder), not the audited repository's.
  try {
    const snapshot = readFileSync(fileURLToPath(new URL(`./${SNAPSHOT_FILE}`, import.meta.url)), 'utf8');
    return fromSnapshot(snapshot, readFileSync(defaultPath));
  } catch {
    return undefined; // no snapshot beside this module (the sources), or an unreadable file
  }
}
