/** Helpers every renderer shares: redaction of free text, grouping, locations. */
import type { Audit, AuditItem, Evidence, Verdict } from '../audit/types.js';
import { VERDICTS } from '../audit/types.js';
import type { FileContext } from '../repo/types.js';
import { redactSecretsInLine } from '../util/redact.js';

/**
 * Redacts every line of a free text (snippet, note, message, reason) before it is printed.
 * Probes already redact their snippets; reports do it again because notes and reasons come
 * from people and tools, and a report is the thing that gets shared.
 */
export function clean(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => redactSecretsInLine(line))
    .join('\n');
}

/** `clean` for optional text; undefined stays undefined. */
export function cleanOpt(text: string | undefined): string | undefined {
  return text === undefined ? undefined : clean(text);
}

export interface CategoryGroup {
  id: string;
  title: string;
  items: AuditItem[];
}

/**
 * Items grouped by category, in the checklist's category order; categories with no item are
 * left out, and an item naming a category the checklist does not list gets a group titled by
 * its id (after the listed ones), so no item is ever dropped from a report.
 */
export function groupByCategory(audit: Audit): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>();
  for (const c of audit.checklist.categories) groups.set(c.id, { id: c.id, title: c.title, items: [] });
  for (const item of audit.items) {
    let group = groups.get(item.category);
    if (group === undefined) {
      group = { id: item.category, title: item.category, items: [] };
      groups.set(item.category, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].filter((g) => g.items.length > 0);
}

/** Counts of each verdict over some items, every verdict present. */
export function countVerdicts(items: readonly AuditItem[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const item of items) counts[item.verdict] += 1;
  return counts;
}

/** `file:line:column` as far as the evidence has it, or '' when it names no file. */
export function locationText(e: Pick<Evidence, 'file' | 'line' | 'column'>): string {
  if (e.file === undefined) return '';
  if (e.line === undefined) return e.file;
  return e.column === undefined ? `${e.file}:${e.line}` : `${e.file}:${e.line}:${e.column}`;
}

/** The first 12 characters of a commit id, enough to name it in text. */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit?.slice(0, 12);
}

const CONTEXT_WORDS: Record<FileContext, string> = {
  code: 'code',
  test: 'tests',
  docs: 'docs',
  example: 'examples',
  migration: 'migrations',
};

/** A suppression in words: `suppressed by # noqa: S311 — mock data`, redacted; undefined when none. */
export function suppressionText(e: Evidence): string | undefined {
  const s = e.suppressed;
  if (s === undefined) return undefined;
  const reason = s.reason.trim() === '' ? ' (no reason given)' : ` — ${s.reason}`;
  return clean(`suppressed by ${s.marker}${reason}`);
}

/**
 * Why evidence is shown without deciding anything, in words; for suppressed evidence, the marker
 * and reason (also when the settings count it). Undefined when it counted and nothing suppressed it.
 */
export function uncountedLabel(e: Evidence): string | undefined {
  const suppressed = suppressionText(e);
  if (suppressed !== undefined) {
    return `${suppressed}, ${e.counted ? 'counted (count_suppressed)' : 'not counted'}`;
  }
  if (e.counted) return undefined;
  return e.context === undefined || e.context === 'code'
    ? 'shown only, not counted'
    : `in ${CONTEXT_WORDS[e.context]}, not counted`;
}

/** Every suppressed piece of evidence in the audit, with its item, in report order. */
export function suppressedEvidence(audit: Audit): { item: AuditItem; evidence: Evidence }[] {
  return audit.items.flatMap((item) =>
    item.evidence.filter((e) => e.suppressed !== undefined).map((evidence) => ({ item, evidence })),
  );
}

/** How an item came to its verdict, in a few words. */
export function sourceLabel(item: AuditItem): string {
  switch (item.source) {
    case 'auto':
      return 'automatic';
    case 'manual':
      return 'answered';
    case 'override':
      return `override (automatic: ${item.autoVerdict})`;
    case 'none':
      return 'not answered';
    case 'disabled':
      return 'disabled';
  }
}

/** Items whose person's answer is stale, in audit order. */
export function staleItems(audit: Pick<Audit, 'items'>): AuditItem[] {
  return audit.items.filter((i) => i.source !== 'disabled' && (i.stale?.length ?? 0) > 0);
}

/** Why an item's answer is stale, one redacted line: "app/limits.py was deleted in 4f2c1e0; …". */
export function staleText(item: AuditItem): string {
  return (item.stale ?? []).map((r) => clean(r.text)).join('; ');
}
