import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { saveAnswer } from '../answers/answers.js';
import { missingCites, recordBasis } from '../answers/basis.js';
import { carryCites, type PathChange } from '../answers/staleness.js';
import { currentState } from '../audit/stale.js';
import { confirmBesideOthers, openSession, sessionNotice } from '../answers/sessions.js';
import { summarize } from '../audit/answers-merge.js';
import type { ProgressEvent } from '../audit/progress.js';
import type { Audit, AuditItem } from '../audit/types.js';
import { EXIT, UsageError } from '../errors.js';
import type { ReportFormat } from '../report/index.js';
import { whoAmI } from '../repo/identity.js';
import type { AuditArgs } from './audit.js';
import type { AuditContext } from './context.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';

/** Runs the Ink UI over a live audit; answers are saved as they are given. Returns the exit code. */
export async function interactiveAudit(args: AuditArgs): Promise<number> {
  const listeners = new Set<(e: ProgressEvent) => void>();
  const buffered: ProgressEvent[] = [];
  const emit = (raw: ProgressEvent): void => {
    // Progress details quote tools (bandit's last stderr line): redacted before the UI shows them.
    const e = raw.detail === undefined ? raw : { ...raw, detail: printable(redactSecretsInLine(raw.detail)) };
    buffered.push(e);
    for (const l of listeners) l(e);
  };
  const [{ runInteractive }, by] = await Promise.all([
    import('../ui/run.js'),
    whoAmI(resolve(args.path ?? '.')),
  ]);

  // Another interactive run open on this repository: said in one line, and this one opens on
  // Enter (answers are saved item by item under a lock, so neither loses the other's).
  const root = resolve(args.path ?? '.');
  const session = statSync(root, { throwIfNoEntry: false })?.isDirectory() ? openSession(root) : undefined;
  const notice = sessionNotice(session?.others ?? []);
  if (notice !== undefined) {
    const choice = await confirmBesideOthers(notice);
    if (choice !== 'open') {
      session?.close();
      return choice === 'quit' ? EXIT.ok : 130;
    }
  }

  let ctx: AuditContext | undefined;
  /** What git says happened to the files each answer rests on (a re-confirmed answer carries its cites through it). */
  let changes: Record<string, Record<string, PathChange>> = {};
  let paths: Map<ReportFormat, string> = new Map();
  let latest: Audit | undefined;
  let usageError: UsageError | undefined;
  const auditPromise = (async () => {
    // Let the first frame reach the terminal before the checklist is parsed and validated.
    await new Promise((r) => setTimeout(r, 15));
    emit({ step: 'checklist', state: 'running' });
    // The audit's machinery is loaded after the first frame, not before it.
    const [{ prepareReports }, { runAudit }] = await Promise.all([
      import('./prepare.js'),
      import('./context.js'),
    ]);
    try {
      ({ ctx, paths } = prepareReports(args));
    } catch (error) {
      if (error instanceof UsageError) usageError = error;
      emit({ step: 'checklist', state: 'failed', detail: (error as Error).message });
      throw error;
    }
    emit({ step: 'checklist', state: 'done', detail: `${ctx.checklist.items.length} items` });
    const result = await runAudit(ctx, emit);
    const audit = result.audit;
    changes = result.changes;
    latest = audit;
    return audit;
  })();

  let written: string[] = [];
  try {
    await runInteractive({
      progress: (listener) => {
        for (const e of buffered) listener(e);
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      auditPromise,
      by,
      commit: undefined,
      prepareCites: (itemId, cites) => {
        if (ctx === undefined) return { cites };
        const carried = carryCites(cites, changes[itemId] ?? {});
        const missing = missingCites(ctx.root, carried);
        if (missing.length > 0) {
          return {
            error: `cited ${missing.length > 1 ? 'files do' : 'file does'} not exist in the repository: ${printable(missing.join(', '))}`,
          };
        }
        return { cites: carried };
      },
      onAnswer: async (itemId, answer) => {
        if (ctx === undefined) return;
        const root = ctx.root;
        if (answer === undefined) {
          saveAnswer(root, itemId, undefined);
          return;
        }
        const shown = latest?.items.find((i) => i.id === itemId);
        const basis =
          shown === undefined ? undefined : await recordBasis(root, currentState(shown), answer.cites ?? []);
        saveAnswer(root, itemId, { ...answer, commit: latest?.repo.commit, basis });
        // Recorded against what is here now: later cites are carried from this answer, not the old one.
        delete changes[itemId];
      },
      onWriteReport: async (items: AuditItem[]) => {
        if (latest === undefined || ctx === undefined) return [];
        const audit: Audit = { ...latest, items, summary: summarize(items) };
        const [{ writeReports }, { latestSignoffInfo }] = await Promise.all([
          import('./reports.js'),
          import('./signoff-info.js'),
        ]);
        try {
          written = writeReports(audit, paths, latestSignoffInfo(ctx.root, audit.repo.commit));
        } catch (error) {
          if (error instanceof UsageError) usageError = error;
          throw error;
        }
        return written;
      },
      onQuit: () => undefined,
    });
  } catch (error) {
    // Bad input found after the UI started (a broken checklist, a damaged answers file) is
    // still one line on stderr and exit 2, once the UI has left the screen.
    if (usageError !== undefined) throw usageError;
    throw error;
  } finally {
    session?.close();
  }
  if (written.length > 0)
    process.stdout.write(`Report${written.length > 1 ? 's' : ''}: ${printable(written.join(', '))}\n`);
  return EXIT.ok;
}
