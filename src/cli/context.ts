import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ANSWERS_PATH, readAnswers } from '../answers/answers.js';
import { answerChanges } from '../answers/basis.js';
import type { PathChange } from '../answers/staleness.js';
import type { AnswersFile } from '../answers/types.js';
import type { ProgressListener } from '../audit/progress.js';
import type { Audit } from '../audit/types.js';
import { evaluate } from '../audit/engine.js';
import { loadChecklistsCached } from '../checklist/cache.js';
import { loadChecklists } from '../checklist/load.js';
import { loadSnapshot } from '../checklist/snapshot.js';
import { codeDigest } from '../util/code-digest.js';
import type { Checklist } from '../checklist/types.js';
import { loadConfig, type VouchConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { PROBES } from '../probes/registry.js';
import { collectFacts } from '../repo/collect.js';
import { gitAvailable } from '../repo/exec/git-command.js';
import type { Facts } from '../repo/types.js';
import { readImports } from '../vuln/import/index.js';
import { vulnNotices } from '../vuln/notices.js';
import type { ImportedReport } from '../vuln/import/types.js';
import { defaultChecklistPath } from '../util/package-root.js';
import { VERSION } from '../version.js';

/** Flags shared by the commands that run an audit (audit, signoff, verify). */
export interface AuditFlags {
  path?: string | undefined;
  checklist?: string[] | undefined;
  bandit?: boolean | undefined;
  banditPath?: string | undefined;
  exclude?: string[] | undefined;
  cache?: boolean | undefined;
  pipAudit?: boolean | undefined;
  /** `--osv-db PATH`: an offline OSV database (overrides `osv_db` in the settings). */
  osvDb?: string | undefined;
  /** `--import FILE` (repeatable): reports of pip-audit, osv-scanner, SARIF scanners. */
  imports?: string[] | undefined;
}

/** Everything an audit needs, read and validated before any probe runs. */
export interface AuditContext {
  root: string;
  config: VouchConfig;
  checklist: Checklist;
  answers: AnswersFile;
  flags: AuditFlags;
  /** The OSV database to read, resolved (the flag relative to the working folder, the setting to the repository). */
  osvDb?: string | undefined;
  /** The `--import` reports, read and checked. */
  imports: ImportedReport[];
}

/** Resolves the repository, its settings, the checklist and the answers; bad input is a UsageError. */
export function prepareAudit(flags: AuditFlags): AuditContext {
  const root = resolve(flags.path ?? '.');
  if (!existsSync(root)) throw new UsageError(`no such directory: ${flags.path ?? '.'}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a directory: ${flags.path ?? '.'}`);
  const config = loadConfig(root);
  const files = checklistFiles(flags.checklist, config, root);
  const code = flags.cache === false ? undefined : codeDigest();
  const checklist =
    loadSnapshot(files, defaultChecklistPath()) ??
    (code === undefined
      ? loadChecklists(files, { probes: PROBES })
      : loadChecklistsCached(files, { probes: PROBES, codeDigest: code }));
  const unknown = Object.keys(config.disable).filter((id) => !checklist.items.some((i) => i.id === id));
  if (unknown.length > 0) {
    throw new UsageError(
      `${config.file ?? 'settings'}: disable names unknown item${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    );
  }
  const answers = readAnswers(root);
  const osvDb =
    flags.osvDb !== undefined
      ? resolve(flags.osvDb)
      : config.osvDb === undefined
        ? undefined
        : resolve(root, config.osvDb);
  if (osvDb !== undefined && !existsSync(osvDb)) {
    const named =
      flags.osvDb !== undefined
        ? `--osv-db ${flags.osvDb}`
        : `${config.file ?? 'settings'}: osv_db ${config.osvDb ?? ''}`;
    throw new UsageError(`${named}: no such file or folder (download the OSV database first, see README)`);
  }
  const imports = readImports(flags.imports ?? [], root);
  return { root, config, checklist, answers, flags, osvDb, imports };
}

/**
 * The checklist files to load: `--checklist` replaces the default (the word `default` names it,
 * so `--checklist default --checklist ours.yaml` extends it); the settings' `checklists` add to it.
 */
export function checklistFiles(flagFiles: string[] | undefined, config: VouchConfig, root: string): string[] {
  const fromFlags = (flagFiles ?? []).map((f) => (f === 'default' ? defaultChecklistPath() : resolve(f)));
  const base = fromFlags.length > 0 ? fromFlags : [defaultChecklistPath()];
  return [...base, ...config.checklists.map((f) => resolve(root, f))];
}

/** Collects the facts and evaluates the checklist. */
export async function runAudit(
  ctx: AuditContext,
  onProgress?: ProgressListener,
): Promise<{ audit: Audit; facts: Facts; changes: Record<string, Record<string, PathChange>> }> {
  const started = new Date();
  const t0 = performance.now();
  const { config, flags } = ctx;
  const banditEnabled = flags.bandit !== false && config.bandit.enabled;
  const facts = await collectFacts(ctx.root, {
    exclude: [...config.exclude, ...(flags.exclude ?? [])],
    bandit: {
      enabled: banditEnabled,
      executable: flags.banditPath ?? config.bandit.path,
      args: config.bandit.args,
      timeoutMs: config.bandit.timeout === undefined ? undefined : config.bandit.timeout * 1000,
      tests: banditTestsConsulted(ctx.checklist),
    },
    pipAudit: { enabled: flags.pipAudit !== false },
    vulnerabilities: { osvDb: ctx.osvDb, imports: ctx.imports },
    cache: flags.cache !== false,
    toolVersion: VERSION,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const anchored = await answerChanges(ctx.root, ctx.answers);
  if (anchored.missing.length > 0) {
    throw new UsageError(
      `${ANSWERS_PATH}: a cite names no file in the repository (${anchored.missing.join(', ')}); fix the path or remove the cite`,
    );
  }
  onProgress?.({ step: 'probes', state: 'running' });
  const audit = evaluate(ctx.checklist, facts, {
    probes: PROBES,
    answers: ctx.answers,
    now: new Date(),
    startedAt: started,
    disabled: config.disable,
    policy: { countNonCode: config.countNonCode, countSuppressed: config.countSuppressed },
    toolVersion: VERSION,
    changes: anchored.changes,
  });
  audit.notices = collectionNotices(facts, audit);
  audit.durationMs = Math.round(performance.now() - t0);
  onProgress?.({ step: 'probes', state: 'done', detail: `${audit.items.length} items` });
  return { audit, facts, changes: anchored.changes };
}

/**
 * Every bandit test id the checklist's bandit checks and conditions name: bandit's other findings
 * are never looked at, so a file in which none of these can fire need not be sent to bandit.
 * Undefined when some bandit call names none (then every file goes to bandit).
 */
export function banditTestsConsulted(checklist: Checklist): string[] | undefined {
  const tests = new Set<string>();
  for (const item of checklist.items) {
    for (const call of [...item.checks, ...(item.applies_if ?? [])]) {
      if (call.probe !== 'bandit') continue;
      const named = call.with?.['tests'];
      // A bandit call that names no tests would consult them all (the schema forbids it today).
      if (!Array.isArray(named)) return undefined;
      for (const id of named) if (typeof id === 'string') tests.add(id);
    }
  }
  return [...tests].sort();
}

/** What a person should know about how the facts were gathered. */
export function collectionNotices(facts: Facts, audit: Audit): string[] {
  const notices: string[] = [];
  if (!facts.git.isRepo && !gitAvailable()) {
    // Without git, tracked files cannot be told from others: a committed .env looks untracked.
    notices.push(
      'git not found on PATH: the folder was read as plain files; install git for the items about tracked files',
    );
  } else if (!facts.git.isRepo && existsSync(join(facts.root, '.git'))) {
    // git refuses a repository owned by someone else (safe.directory), and vouch does not override
    // that protection: say why the facts about tracked files are missing.
    notices.push(
      'git did not accept this repository (owned by another user? see `git status` and safe.directory): the folder was read as plain files',
    );
  }
  const banditItems = audit.items.filter((i) => i.item.checks.some((c) => c.probe === 'bandit'));
  if (facts.bandit.status === 'missing') {
    notices.push(
      `${facts.bandit.reason ?? 'bandit not found'}: ${banditItems.length} items answered by vouch's built-in checks alone; install bandit (pip install bandit) for more`,
    );
  } else if (facts.bandit.status === 'error' || facts.bandit.status === 'timeout') {
    notices.push(
      `bandit failed: ${facts.bandit.reason ?? facts.bandit.status}; its items rely on the built-in checks`,
    );
  }
  const parseErrors = facts.bandit.errors.length;
  if (parseErrors > 0) {
    const names = facts.bandit.errors
      .slice(0, 3)
      .map((e) => e.file)
      .join(', ');
    notices.push(
      `bandit could not read ${parseErrors} file${parseErrors > 1 ? 's' : ''} (${names}${parseErrors > 3 ? ', …' : ''}); the built-in checks still scanned them`,
    );
  }
  if (facts.python.errors.length > 0) {
    notices.push(
      `${facts.python.errors.length} Python file${facts.python.errors.length > 1 ? 's have' : ' has'} syntax errors (e.g. ${facts.python.errors[0]?.file ?? ''}); findings there may be incomplete`,
    );
  }
  notices.push(...vulnNotices(facts));
  if (facts.skipped.length > 0) {
    const by = new Map<string, number>();
    for (const s of facts.skipped) by.set(s.reason, (by.get(s.reason) ?? 0) + 1);
    notices.push(
      `${facts.skipped.length} files skipped (${[...by].map(([r, n]) => `${n} ${r}`).join(', ')})`,
    );
  }
  return notices;
}
