import type { ReportFormat } from '../report/index.js';
import { saveAnswer } from '../answers/answers.js';
import { summarize } from '../audit/answers-merge.js';
import type { ProgressEvent } from '../audit/progress.js';
import type { Audit, AuditItem } from '../audit/types.js';
import { EXIT } from '../errors.js';
import { whoAmI } from '../repo/identity.js';
import { runAudit, type AuditContext } from './context.js';
import { writeReports, type reportPaths } from './reports.js';
import { latestSignoffInfo } from './signoff-info.js';

/** Runs the Ink UI over a live audit; answers are saved as they are given. Returns the exit code. */
export async function interactiveAudit(ctx: AuditContext, paths: ReturnType<typeof reportPaths>): Promise<number> {
  const listeners = new Set<(e: ProgressEvent) => void>();
  const buffered: ProgressEvent[] = [];
  const emit = (e: ProgressEvent): void => {
    buffered.push(e);
    for (const l of listeners) l(e);
  };
  // Start loading the UI and collecting at once: the first frame should not wait for either.
  const uiPromise = import('../ui/run.js');
  const auditPromise = runAudit(ctx, emit).then((r) => r.audit);
  const [{ runInteractive }, by] = await Promise.all([uiPromise, whoAmI(ctx.root)]);

  let latest: Audit | undefined;
  const withItems = (items: AuditItem[]): Audit => {
    const base = latest as Audit;
    return { ...base, items, summary: summarize(items) };
  };
  let written: string[] = [];
  await runInteractive({
    progress: (listener) => {
      for (const e of buffered) listener(e);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    auditPromise: auditPromise.then((a) => {
      latest = a;
      return a;
    }),
    by,
    commit: undefined,
    onAnswer: (itemId, answer) => {
      saveAnswer(ctx.root, itemId, answer === undefined ? undefined : { ...answer, commit: latest?.repo.commit });
    },
    onWriteReport: async (items) => {
      const audit = withItems(items);
      written = writeReports(audit, paths, latestSignoffInfo(ctx.root, audit.repo.commit));
      return written;
    },
    onQuit: () => undefined,
  });
  if (written.length > 0) process.stdout.write(`Report${written.length > 1 ? 's' : ''}: ${written.join(', ')}\n`);
  return EXIT.ok;
}

export type { ReportFormat };
