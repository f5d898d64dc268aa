import { join } from 'node:path';
import type { ReportFormat } from '../report/index.js';
import type { AuditArgs } from './audit.js';
import { prepareAudit, type AuditContext } from './context.js';
import { resolveReports } from './reports.js';

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
