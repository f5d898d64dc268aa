/** The bridge between audit items and the staleness check: what an item shows now. */
import type { CurrentState, EvidenceRef } from '../answers/staleness.js';
import { itemDigest } from '../checklist/digest.js';
import type { AuditItem, Evidence } from './types.js';

/**
 * The evidence an answer rests on: located findings in the project's own code that are not
 * suppressed (evidence-only checks included: a person reads those to answer).
 */
export function evidenceRefs(evidence: readonly Evidence[]): EvidenceRef[] {
  return evidence.flatMap((e) =>
    e.file === undefined ||
    e.line === undefined ||
    e.suppressed !== undefined ||
    (e.context !== undefined && e.context !== 'code')
      ? []
      : [{ file: e.file, line: e.line, ...(e.rule === undefined ? {} : { rule: e.rule }) }],
  );
}

/** What the audit shows for an item now: its text's digest, automatic verdict and evidence. */
export function currentState(item: Pick<AuditItem, 'item' | 'autoVerdict' | 'evidence'>): CurrentState {
  return {
    itemDigest: itemDigest(item.item),
    autoVerdict: item.autoVerdict,
    evidence: evidenceRefs(item.evidence),
  };
}

/** True when a person's answer on the item no longer holds. */
export function isStale(item: Pick<AuditItem, 'stale'>): boolean {
  return (item.stale?.length ?? 0) > 0;
}
