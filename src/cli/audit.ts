import { EXIT } from '../errors.js';
import type { FailOn } from '../config/config.js';
import type { AuditFlags } from './context.js';
import { useColor } from './style.js';
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
    const [{ interactiveAudit }, { killRunningTools }] = await Promise.all([
      import('./interactive.js'),
      import('../repo/exec/live-groups.js'),
    ]);
    const code = await interactiveAudit(args);
    // Quit (q, Ctrl-C) while the scan still runs: the audit is abandoned, and its tools (bandit,
    // for minutes on a large tree) must not keep vouch open once the shell has its prompt back.
    // Answers and reports are already on disk; stdout (a terminal) is drained first.
    killRunningTools();
    await new Promise<void>((done) => process.stdout.write('', () => done()));
    process.exit(code);
  }
  // Loaded only here: the interactive run paints its first frame before it needs any of this.
  const [
    { prepareReports },
    { runAudit },
    { writeReports },
    { policyViolations },
    { formatSummary },
    { latestSignoffInfo },
  ] = await Promise.all([
    import('./prepare.js'),
    import('./context.js'),
    import('./reports.js'),
    import('../audit/policy.js'),
    import('./summary.js'),
    import('./signoff-info.js'),
  ]);
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
