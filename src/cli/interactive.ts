import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { saveAnswer } from '../answers/answers.js';
import { confirmBesideOthers, openSession, sessionNotice } from '../answers/sessions.js';
import { summarize } from '../audit/answers-merge.js';
import type { ProgressEvent } from '../audit/progress.js';
import type { Audit, AuditItem } from '../audit/types.js';
import { EXIT, UsageError } from '../errors.js';
import type { ReportFormat } from '../report/index.js';
import { whoAmI } from '../repo/identity.js';
import { prepareReports, type AuditArgs } from './audit.js';
import type { AuditContext } from './context.js';
import { runAudit } from './context.js';
import { writeReports } from './reports.js';
import { latestSignoffInfo } from './signoff-info.js';
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
  let paths: Map<ReportFormat, string> = new Map();
  let latest: Audit | undefined;
  let usageError: UsageError | undefined;
  const auditPromise = (async () => {
    // Let the first frame reach the terminal before the checklist is parsed and validated.
    await new Promise((r) => setTimeout(r, 15));
    emit({ step: 'checklist', state: 'running' });
    try {
      ({ ctx, paths } = prepareReports(args));
    } catch (error) {
      if (error instanceof UsageError) usageError = error;
      emit({ step: 'checklist', state: 'failed', detail: (error as Error).message });
      throw error;
    }
    emit({ step: 'checklist', state: 'done', detail: `${ctx.checklist.items.length} items` });
    const { audit } = await runAudit(ctx, emit);
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
      onAnswer: (itemId, answer) => {
        if (ctx === undefined) return;
        saveAnswer(
          ctx.root,
          itemId,
          answer === undefined ? undefined : { ...answer, commit: latest?.repo.commit },
        );
      },
      onWriteReport: async (items: AuditItem[]) => {
        if (latest === undefined || ctx === undefined) return [];
        const audit: Audit = { ...latest, items, summary: summarize(items) };
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
