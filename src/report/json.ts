/**
 * The JSON report: a stable, versioned shape for machines (schemas/report.schema.json).
 * Every key is always present; a value the audit does not have is null, so consumers never
 * need to tell "missing" from "absent".
 */
import type { Audit, AuditItem, Evidence, ProbeStatus } from '../audit/types.js';
import { clean, cleanOpt } from './common.js';
import type { RenderOptions, SignoffInfo } from './types.js';

/** Bumped when a key changes meaning or goes away; adding keys does not bump it. */
export const JSON_SCHEMA_VERSION = 1;

/** Renders the audit as the JSON report (pretty-printed, newline-terminated). */
export function render(audit: Audit, options: RenderOptions): string {
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: audit.tool.name, version: audit.tool.version },
    // Renderers are pure: the report is dated by the audit, not by the clock at render time.
    generatedAt: audit.startedAt,
    durationMs: audit.durationMs,
    repo: {
      path: audit.repo.path,
      commit: audit.repo.commit ?? null,
      dirty: audit.repo.dirty ?? null,
      branch: audit.repo.branch ?? null,
    },
    checklist: {
      id: audit.checklist.id,
      title: audit.checklist.title,
      version: audit.checklist.version,
      sha256: audit.checklist.sha256,
      sources: audit.checklist.sources.map((s) => ({ file: s.file, sha256: s.sha256 })),
      categories: audit.checklist.categories.map((c) => ({ id: c.id, title: c.title })),
    },
    summary: {
      total: audit.summary.total,
      counts: { ...audit.summary.counts },
      stale: audit.items.filter((i) => (i.stale?.length ?? 0) > 0).length,
    },
    items: audit.items.map(itemJson),
    probes: audit.probes.map(probeJson),
    notices: audit.notices.map(clean),
    tools: {
      bandit: {
        status: audit.tools.bandit.status,
        version: audit.tools.bandit.version ?? null,
        reason: cleanOpt(audit.tools.bandit.reason) ?? null,
      },
    },
    signoff: options.signoff === undefined ? null : signoffJson(options.signoff),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function itemJson(item: AuditItem) {
  return {
    id: item.id,
    title: item.title,
    category: item.category,
    severity: item.severity,
    verdict: item.verdict,
    source: item.source,
    autoVerdict: item.autoVerdict,
    reasons: item.reasons.map(clean),
    note: cleanOpt(item.note) ?? null,
    waiver:
      item.waiver === undefined
        ? null
        : { reason: clean(item.waiver.reason), expires: item.waiver.expires ?? null },
    answeredBy: item.answeredBy ?? null,
    answeredAt: item.answeredAt ?? null,
    answeredCommit: item.answeredCommit ?? null,
    cites: item.cites ?? null,
    stale:
      item.stale === undefined || item.stale.length === 0
        ? null
        : item.stale.map((r) => ({ kind: r.kind, text: clean(r.text), path: r.path ?? null })),
    evidence: item.evidence.map(evidenceJson),
  };
}

function evidenceJson(e: Evidence) {
  return {
    file: e.file ?? null,
    line: e.line ?? null,
    column: e.column ?? null,
    message: clean(e.message),
    snippet: cleanOpt(e.snippet) ?? null,
    rule: e.rule ?? null,
    context: e.context ?? null,
    counted: e.counted,
    suppressed:
      e.suppressed === undefined
        ? null
        : { kind: e.suppressed.kind, marker: clean(e.suppressed.marker), reason: clean(e.suppressed.reason) },
  };
}

function probeJson(p: ProbeStatus) {
  return {
    key: p.key,
    probe: p.probe,
    status: p.status,
    reason: cleanOpt(p.reason) ?? null,
    findings: p.findings,
    durationMs: p.durationMs,
  };
}

function signoffJson(s: SignoffInfo) {
  return {
    release: s.release,
    signer: s.signer,
    time: s.time,
    commit: s.commit,
    signed: s.signed,
    file: s.file,
  };
}
