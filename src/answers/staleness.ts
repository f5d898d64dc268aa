/**
 * Whether a person's answer still holds: a pure function of the answer as recorded, what the
 * audit sees now, and what git says happened to the files the answer rests on.
 */
import { formatCite, parseCites, type Cite } from './cites.js';
import type { Answer } from './types.js';

/** One hunk of `git diff -U0`: `@@ -oldStart,oldCount +newStart,newCount @@`. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/**
 * What happened to one recorded file since the answer, as git tells it. `commit` is the (short)
 * commit that made the change, undefined when the change is not committed.
 */
export type PathChange =
  | { kind: 'unchanged' }
  /** `hunks` undefined: the content changed but git cannot say which lines. */
  | { kind: 'modified'; hunks?: Hunk[] | undefined; commit?: string | undefined }
  | { kind: 'deleted'; commit?: string | undefined }
  /** Renamed; `hunks` empty when the content moved unchanged. */
  | { kind: 'renamed'; to: string; hunks?: Hunk[] | undefined; commit?: string | undefined };

export type StaleKind =
  'cite-changed' | 'cite-deleted' | 'verdict-changed' | 'new-findings' | 'findings-gone' | 'item-changed';

export interface StaleReason {
  kind: StaleKind;
  /** One line for people: "app/limits.py was deleted in 4f2c1e0". */
  text: string;
  /** The cited file, for the cite kinds. */
  path?: string | undefined;
}

/** A piece of evidence as an answer records it: `app/api.py:88 [py-eval]`. */
export interface EvidenceRef {
  file: string;
  line: number;
  rule?: string | undefined;
}

export function formatEvidenceRef(e: EvidenceRef): string {
  return `${e.file}:${e.line}${e.rule === undefined ? '' : ` [${e.rule}]`}`;
}

export function parseEvidenceRef(text: string): EvidenceRef | undefined {
  const m = /^(.+):(\d+)(?: \[(.+)\])?$/u.exec(text);
  if (m === null) return undefined;
  return { file: m[1] ?? '', line: Number(m[2]), ...(m[3] === undefined ? {} : { rule: m[3] }) };
}

/** What the audit sees now for the item. */
export interface CurrentState {
  itemDigest: string;
  autoVerdict: string;
  evidence: readonly EvidenceRef[];
}

export interface StalenessInput {
  answer: Answer;
  now: CurrentState;
  /** Recorded path → what happened to it; a path not listed did not change (or cannot be compared). */
  changes: Readonly<Record<string, PathChange>>;
}

/** Why the answer no longer holds; empty when it does (or when it records nothing to compare). */
export function staleReasons({ answer, now, changes }: StalenessInput): StaleReason[] {
  const basis = answer.basis;
  const reasons: StaleReason[] = [];
  if (basis?.item !== undefined && basis.item !== now.itemDigest) {
    reasons.push({ kind: 'item-changed', text: "the checklist item's text changed since the answer" });
  }
  for (const cite of parseCites(answer.cites ?? []).cites) {
    const reason = citeReason(cite, changes[cite.path]);
    if (reason !== undefined) reasons.push(reason);
  }
  if (basis?.auto !== undefined && basis.auto !== now.autoVerdict) {
    reasons.push({
      kind: 'verdict-changed',
      text: `the automatic verdict was ${basis.auto} when answered and is ${now.autoVerdict} now`,
    });
  }
  if (basis?.evidence !== undefined)
    reasons.push(...findingReasons(answer, basis.evidence, now.evidence, changes));
  return reasons;
}

function where(commit: string | undefined): string {
  return commit === undefined ? '(not committed)' : `in ${commit}`;
}

function citeReason(cite: Cite, change: PathChange | undefined): StaleReason | undefined {
  if (change === undefined || change.kind === 'unchanged') return undefined;
  const name = formatCite(cite);
  const path = cite.path;
  if (change.kind === 'deleted') {
    return { kind: 'cite-deleted', path, text: `${path} was deleted ${where(change.commit)}` };
  }
  const hunks = change.hunks;
  const renamed = change.kind === 'renamed' ? change.to : undefined;
  if (renamed !== undefined && hunks !== undefined && hunks.length === 0) return undefined;
  if (cite.range !== undefined && hunks !== undefined) {
    const touched = hunks.filter((h) => touches(h, cite.range!));
    if (touched.length === 0) return undefined;
    const moved = renamed === undefined ? '' : ` (now ${renamed})`;
    return {
      kind: 'cite-changed',
      path,
      text: `${name}${moved} changed ${where(change.commit)} (${linesText(touched, cite.range)})`,
    };
  }
  const unknownLines = cite.range !== undefined ? '; git cannot tell which lines' : '';
  const text =
    renamed === undefined
      ? `${name} changed ${where(change.commit)}${unknownLines}`
      : `${path} was renamed to ${renamed} and changed ${where(change.commit)}${unknownLines}`;
  return { kind: 'cite-changed', path, text };
}

/** Whether a hunk changes a line of the range (an insertion between two of its lines counts). */
export function touches(h: Hunk, range: { start: number; end: number }): boolean {
  if (h.oldCount === 0) return h.oldStart >= range.start && h.oldStart < range.end;
  const last = h.oldStart + h.oldCount - 1;
  return h.oldStart <= range.end && last >= range.start;
}

function linesText(hunks: readonly Hunk[], range: { start: number; end: number }): string {
  const parts = hunks.map((h) => {
    if (h.oldCount === 0) return `lines added after ${h.oldStart}`;
    const from = Math.max(h.oldStart, range.start);
    const to = Math.min(h.oldStart + h.oldCount - 1, range.end);
    return from === to ? `line ${from}` : `lines ${from}-${to}`;
  });
  return parts.join(', ');
}

/**
 * Findings compared by file and rule (so lines that only moved do not count), with renamed
 * files followed. New findings unsettle a pass, na or waiver (a fail already says it fails);
 * findings gone unsettle a fail or a waiver (what they rested on has changed), not a pass.
 */
function findingReasons(
  answer: Answer,
  recorded: readonly string[],
  now: readonly EvidenceRef[],
  changes: Readonly<Record<string, PathChange>>,
): StaleReason[] {
  const then = recorded.flatMap((text) => {
    const e = parseEvidenceRef(text);
    if (e === undefined) return [];
    const change = changes[e.file];
    return [change?.kind === 'renamed' ? { ...e, file: change.to } : e];
  });
  const key = (e: EvidenceRef): string => `${e.file}\0${e.rule ?? ''}`;
  const surplus = (a: readonly EvidenceRef[], b: readonly EvidenceRef[]): EvidenceRef[] => {
    const left = new Map<string, number>();
    for (const e of b) left.set(key(e), (left.get(key(e)) ?? 0) + 1);
    const out: EvidenceRef[] = [];
    for (const e of a) {
      const n = left.get(key(e)) ?? 0;
      if (n > 0) left.set(key(e), n - 1);
      else out.push(e);
    }
    return out;
  };
  const reasons: StaleReason[] = [];
  const added = surplus(now, then);
  if (added.length > 0 && answer.verdict !== 'fail') {
    reasons.push({
      kind: 'new-findings',
      text: `${count(added.length, 'new finding')} since the answer (${places(added)})`,
    });
  }
  const gone = surplus(then, now);
  if (gone.length > 0 && (answer.verdict === 'fail' || answer.verdict === 'waived')) {
    reasons.push({
      kind: 'findings-gone',
      text: `${count(gone.length, 'finding')} gone since the answer (${places(gone)})`,
    });
  }
  return reasons;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function places(list: readonly EvidenceRef[]): string {
  const shown = list.slice(0, 3).map((e) => `${e.file}:${e.line}`);
  return list.length > 3 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * The cites carried into a re-confirmed answer: a renamed file under its new name, a line range
 * moved by the lines added or removed above it, a deleted file dropped.
 */
export function carryCites(
  cites: readonly string[],
  changes: Readonly<Record<string, PathChange>>,
): string[] {
  const out: string[] = [];
  for (const cite of parseCites(cites).cites) {
    const change = changes[cite.path];
    if (change === undefined || change.kind === 'unchanged') {
      out.push(formatCite(cite));
      continue;
    }
    if (change.kind === 'deleted') continue;
    const path = change.kind === 'renamed' ? change.to : cite.path;
    const range = cite.range === undefined ? undefined : shiftRange(cite.range, change.hunks ?? []);
    out.push(formatCite({ path, range }));
  }
  return out;
}

function shiftRange(
  range: { start: number; end: number },
  hunks: readonly Hunk[],
): { start: number; end: number } {
  const delta = (line: number, inclusive: boolean): number =>
    hunks
      .filter((h) => {
        const last = h.oldCount === 0 ? h.oldStart : h.oldStart + h.oldCount - 1;
        return inclusive ? last <= line : last < line;
      })
      .reduce((sum, h) => sum + h.newCount - h.oldCount, 0);
  const start = Math.max(1, range.start + delta(range.start, false));
  const end = Math.max(start, range.end + delta(range.end, true));
  return { start, end };
}
