import { join } from 'node:path';
import { EXIT } from '../errors.js';
import { killRunningTools } from '../repo/exec/run-tool.js';
import { policyViolations } from '../audit/policy.js';
import type { FailOn } from '../config/config.js';
import type { ReportFormat } from '../report/index.js';
import { prepareAudit, runAudit, type AuditContext, type AuditFlags } from './context.js';
import { resolveReports, writeReports } from './reports.js';
import { useColor } from './style.js';
import { formatSummary } from './summary.js';
import { latestSignoffInfo } from './signoff-info.js';
import { printable } from '../util/printable.js';
import { redactSecretsInLine } from '../util/redact.js';

export interface AuditArgs extends AuditFlags {
  nonInteractive?: boolean | undefined;
  format?: string | undefined;
  output?: string | undefined;
  failOn?: FailOn | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
}

/** Reads the settings, checklist and answers, and works out where the reports go. */
export function prepareReports(args: AuditArgs): { ctx: AuditContext; paths: Map<ReportFormat, string> } {
  const ctx = prepareAudit(args);
  // The settings name a place inside the repository (checked when they were read): relative to
  // it, not to wherever vouch was started. `join` keeps a trailing "/" (a folder).
  const fromSettings = ctx.config.output === undefined ? undefined : join(ctx.root, ctx.config.output);
  const paths = resolveReports({
    root: ctx.root,
    format: args.format,
    output: args.output,
    settingsFormat: ctx.config.format,
    settingsOutput: fromSettings,
  });
  return { ctx, paths };
}

/** Whether to run the terminal UI: a terminal on both ends, not CI, not asked otherwise. */
export function isInteractive(args: AuditArgs): boolean {
  if (args.nonInteractive === true) return false;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') return false;
  return process.stdout.isTTY === true && process.stdin.isTTY === true;
}

/** `vouch [audit] [PATH]`: returns the exit code. */
export async function auditCommand(args: AuditArgs): Promise<number> {
  if (isInteractive(args)) {
    // The UI draws its first frame before the checklist loads: nothing on screen feels frozen.
    const { interactiveAudit } = await import('./interactive.js');
    const code = await interactiveAudit(args);
    // Quit (q, Ctrl-C) while the scan still runs: the audit is abandoned, and its tools (bandit,
    // for minutes on a large tree) must not keep vouch open once the shell has its prompt back.
    // Answers and reports are already on disk; stdout (a terminal) is drained first.
    killRunningTools();
    await new Promise<void>((done) => process.stdout.write('', () => done()));
    process.exit(code);
  }
  const { ctx, paths } = prepareReports(args);
  const failOn = args.failOn ?? ctx.config.failOn ?? 'fail';

  const stderr = process.stderr;
  const progress =
    args.verbose === true
      ? (e: { step: string; state: string; detail?: string | undefined }) => {
          if (e.state !== 'running' || e.detail === undefined)
            stderr.write(
              `  ${e.step}: ${e.state}${e.detail === undefined ? '' : ` — ${printable(redactSecretsInLine(e.detail))}`}\n`,
            );
        }
      : undefined;
  const { audit } = await runAudit(ctx, progress);
  const signoff = latestSignoffInfo(ctx.root, audit.repo.commit);
  const written = writeReports(audit, paths, signoff);
  const violations = policyViolations(audit, failOn);
  if (args.quiet !== true) {
    process.stdout.write(
      `${formatSummary(audit, { color: useColor(process.stdout), verbose: args.verbose === true, reports: written })}\n`,
    );
    if (violations.length > 0) {
      process.stdout.write(
        `\n${violations.length} item${violations.length > 1 ? 's' : ''} at --fail-on ${failOn} or worse: exit 1\n`,
      );
    }
  } else if (violations.length > 0) {
    process.stdout.write(
      `vouch: ${violations.length} item${violations.length > 1 ? 's' : ''} at --fail-on ${failOn} or worse (${violations.map((v) => v.id).join(', ')})\n`,
    );
  }
  return violations.length > 0 ? EXIT.policy : EXIT.ok;
}
