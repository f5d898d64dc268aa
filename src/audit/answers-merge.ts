import type { Answer } from '../answers/types.js';
import { isExpired } from '../util/dates.js';
import type { AuditItem, Source, Summary, Verdict } from './types.js';
import { VERDICTS } from './types.js';

/**
 * Applies a person's answer (or its absence) to an item whose automatic verdict is known.
 * A person's answer always wins; one that contradicts a decided automatic verdict is an override.
 * An expired waiver no longer holds: the item falls back to its automatic verdict.
 */
export function applyAnswer(item: AuditItem, answer: Answer | undefined, now: Date): AuditItem {
  const base: AuditItem = {
    ...item,
    verdict: item.autoVerdict,
    source: item.autoVerdict === 'unanswered' ? 'none' : 'auto',
    note: undefined,
    waiver: undefined,
    answeredBy: undefined,
    answeredAt: undefined,
    answeredCommit: undefined,
    cites: undefined,
    stale: undefined,
    reasons: item.reasons.filter((r) => !r.startsWith('waiver expired')),
  };
  if (item.source === 'disabled') return item;
  if (answer === undefined) return base;
  const answered = {
    ...base,
    note: answer.note,
    answeredBy: answer.by,
    answeredAt: answer.at,
    answeredCommit: answer.commit,
    cites: answer.cites,
  };
  if (answer.verdict === 'waived') {
    const waiver = { reason: answer.reason ?? '', expires: answer.expires };
    if (isExpired(answer.expires, now)) {
      return { ...answered, waiver, reasons: [...base.reasons, `waiver expired on ${answer.expires}`] };
    }
    return { ...answered, verdict: 'waived', source: sourceOf('waived', item.autoVerdict), waiver };
  }
  return { ...answered, verdict: answer.verdict, source: sourceOf(answer.verdict, item.autoVerdict) };
}

function sourceOf(given: Verdict, auto: Verdict): Source {
  if (auto === 'unanswered' || auto === 'review' || auto === given) return 'manual';
  // Waiving a failure accepts it rather than contradicting it.
  if (given === 'waived' && auto === 'fail') return 'manual';
  return 'override';
}

/** True when the answer a person is about to give contradicts the automatic verdict. */
export function contradictsAuto(auto: Verdict, given: Verdict): boolean {
  return sourceOf(given, auto) === 'override';
}

/** Counts items per verdict. */
export function summarize(items: readonly AuditItem[]): Summary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const item of items) counts[item.verdict] += 1;
  return { total: items.length, counts };
}

/** True when an item still needs a person: review, unanswered, or a stale answer (disabled items never do). */
export function needsPerson(item: AuditItem): boolean {
  return (
    item.source !== 'disabled' &&
    (item.verdict === 'review' || item.verdict === 'unanswered' || (item.stale?.length ?? 0) > 0)
  );
}
