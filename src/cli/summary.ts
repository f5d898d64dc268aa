import type { Audit } from '../audit/types.js';
import { VERDICTS } from '../audit/types.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';
import { paint, VERDICT_MARK } from './style.js';

export interface SummaryOptions {
  color: boolean;
  verbose: boolean;
  /** Report files written, relative to the current directory. */
  reports: string[];
}

/** The short terminal summary of a non-interactive audit. Pure: audit in, text out. */
export function formatSummary(audit: Audit, options: SummaryOptions): string {
  const c = options.color;
  const out: string[] = [];
  // Every value from the repository, its checklist or a tool goes through `t`: no terminal
  // escape sequence of theirs reaches the screen (ours, from paint, are added around it).
  const t = printable;
  const commit =
    audit.repo.commit === undefined
      ? 'not a git repository'
      : `commit ${audit.repo.commit.slice(0, 7)}${audit.repo.dirty ? ' (uncommitted changes)' : ''}`;
  out.push(
    `${paint(c, 'bold', 'vouch')} ${t(audit.checklist.title)} — ${audit.summary.total} items, ${commit}`,
  );
  const counts = VERDICTS.filter((v) => audit.summary.counts[v] > 0).map((v) => {
    const m = VERDICT_MARK[v];
    return paint(c, m.color, `${m.mark} ${audit.summary.counts[v]} ${m.word}`);
  });
  out.push(`  ${counts.join('  ')}`);

  const failing = audit.items.filter((i) => i.verdict === 'fail');
  if (failing.length > 0) {
    out.push('', paint(c, 'bold', 'Failing:'));
    for (const item of failing) {
      out.push(`  ${paint(c, 'red', '✖')} ${t(item.id)} — ${t(item.title)} (${item.severity})`);
      const counted = item.evidence.filter((e) => e.counted);
      const shown = options.verbose ? counted : counted.slice(0, 3);
      for (const e of shown) {
        const where = e.file === undefined ? '' : `${t(e.file)}${e.line === undefined ? '' : `:${e.line}`}  `;
        out.push(`      ${paint(c, 'cyan', where)}${t(redactSecretsInLine(e.message))}`);
      }
      if (counted.length > shown.length) out.push(`      … and ${counted.length - shown.length} more`);
      if (counted.length === 0 && item.source === 'override')
        out.push(`      answered fail by ${t(item.answeredBy ?? 'a person')}`);
    }
  }
  const stale = audit.items.filter((i) => i.source !== 'disabled' && (i.stale?.length ?? 0) > 0);
  if (stale.length > 0) {
    out.push('', paint(c, 'bold', 'Stale answers (re-confirm them in vouch):'));
    for (const item of stale) {
      out.push(`  ${paint(c, 'yellow', '⟳')} ${t(item.id)} — ${t(item.title)}`);
      for (const reason of item.stale ?? []) out.push(`      ${t(reason.text)}`);
    }
  }
  if (options.verbose) {
    const review = audit.items.filter((i) => i.verdict === 'review' || i.verdict === 'unanswered');
    if (review.length > 0) {
      out.push('', paint(c, 'bold', 'Needs a person:'));
      for (const item of review)
        out.push(`  ${VERDICT_MARK[item.verdict].mark} ${t(item.id)} — ${t(item.reasons[0] ?? '')}`);
    }
    out.push('', paint(c, 'bold', 'Probes:'));
    for (const p of audit.probes) {
      out.push(
        `  ${p.status.padEnd(11)} ${String(p.durationMs).padStart(7)} ms  ${t(p.key)}${p.reason === undefined ? '' : ` — ${t(p.reason)}`}`,
      );
    }
  }
  if (audit.notices.length > 0) {
    out.push('');
    for (const n of audit.notices) out.push(paint(c, 'yellow', `! ${t(n)}`));
  }
  if (options.reports.length > 0)
    out.push('', `Report${options.reports.length > 1 ? 's' : ''}: ${t(options.reports.join(', '))}`);
  // Reasons, notices and probe failures quote tools and people (bandit's stderr, an answer's
  // author): every line is redacted, not only the evidence.
  return out.map((line) => redactSecretsInLine(line)).join('\n');
}
