import type { Checklist, Item, Outcome, Severity } from '../checklist/types.js';
import type { Finding } from '../probes/types.js';
import type { StaleReason } from '../answers/staleness.js';
import type { Suppression } from './suppression.js';

export type Verdict = Outcome | 'waived' | 'unanswered';
export const VERDICTS: readonly Verdict[] = ['fail', 'review', 'unanswered', 'waived', 'pass', 'na'];

/** auto: decided by probes; manual: a person's answer to an item probes left open; override: a person's answer contradicting the automatic one. */
export type Source = 'auto' | 'manual' | 'override' | 'none' | 'disabled';

export interface Evidence extends Finding {
  /** Which check of the item produced it (index into item.checks), -1 for applies_if, -2 for an imported report. */
  check: number;
  /** False when it is shown only (test code, notes, suppressed), true when it decided the verdict. */
  counted: boolean;
  /**
   * Set when a marker on the finding's line (`# nosec`, `# noqa: S311`, `# vouch: ignore[item]`)
   * suppresses it: shown, and not counted unless the settings say `count_suppressed`.
   */
  suppressed?: Suppression | undefined;
}

export interface Waiver {
  reason: string;
  expires?: string | undefined;
}

export interface AuditItem {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  verdict: Verdict;
  source: Source;
  /** The probes' verdict, whatever a person said. */
  autoVerdict: Verdict;
  /** Why the automatic verdict is what it is (one line a check). */
  reasons: string[];
  note?: string | undefined;
  waiver?: Waiver | undefined;
  answeredBy?: string | undefined;
  answeredAt?: string | undefined;
  answeredCommit?: string | undefined;
  /** Places the person's answer cites (`path` or `path:START-END`). */
  cites?: string[] | undefined;
  /** Why the person's answer no longer holds (its cited code, the evidence or the item changed); absent when it holds. */
  stale?: StaleReason[] | undefined;
  evidence: Evidence[];
  item: Item;
}

export interface ProbeStatus {
  /** probe id plus a short form of its parameters. */
  key: string;
  probe: string;
  status: 'ran' | 'unavailable' | 'error';
  reason?: string | undefined;
  findings: number;
  durationMs: number;
}

export interface Summary {
  total: number;
  counts: Record<Verdict, number>;
}

export interface Audit {
  tool: { name: 'vouch'; version: string };
  startedAt: string;
  durationMs: number;
  repo: {
    path: string;
    commit?: string | undefined;
    dirty?: boolean | undefined;
    branch?: string | undefined;
  };
  checklist: Checklist;
  items: AuditItem[];
  probes: ProbeStatus[];
  /** Collector states shown to a person: bandit missing, files skipped, parse errors. */
  notices: string[];
  tools: { bandit: { status: string; version?: string | undefined; reason?: string | undefined } };
  summary: Summary;
}
