/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per checklist item, one result per counted
 * evidence location of an item that fails (error) or needs review (warning); waived items keep
 * their results, suppressed with the waiver's reason, so an accepted risk stays visible. A finding
 * a marker in the source suppressed (`# nosec`, `# noqa: S311`, `# vouch: ignore[item]`) is a
 * result too, whatever its item's verdict, with an `inSource` suppression naming the marker and
 * its reason.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Audit, AuditItem, Evidence } from '../audit/types.js';
import type { Item, Severity } from '../checklist/types.js';
import { clean, cleanOpt } from './common.js';
import type { RenderOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** package.json has no homepage yet; this is where the project lives. */
export const INFORMATION_URI = 'https://github.com/vouch-security/vouch';
export const SRCROOT = '%SRCROOT%';

/**
 * Where a result that names no file points. GitHub code scanning rejects a whole upload when one
 * result has no location (codeql-action#1738, #2459) and does not show a result without an
 * artifact URI, so a repository-level finding (no Dependabot config, pip-audit not run) gets
 * this placeholder at line 1, as OpenSSF Scorecard does. It is a valid relative URI reference,
 * so the file still passes the official schema's `uri-reference` format.
 */
export const REPOSITORY_LEVEL_URI = '(repository)';

const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0' };
const DEFAULT_LEVEL: Record<Severity, SarifLevel> = { high: 'error', medium: 'warning', low: 'note' };

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn?: number; snippet?: { text: string } };
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external' | 'inSource'; justification: string }[];
  properties: { verdict: string; source: string; stale?: string[]; staleKind?: string };
}

/** Renders the audit as a SARIF 2.1.0 log (pretty-printed, newline-terminated). */
export function render(audit: Audit, _options: RenderOptions): string {
  const definitions = ruleItems(audit);
  const ruleIndex = new Map(definitions.map((item, i) => [item.id, i]));
  const results = audit.items.flatMap((item) => resultsFor(item, ruleIndex.get(item.id) ?? -1));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vouch',
            version: audit.tool.version,
            semanticVersion: audit.tool.version,
            informationUri: INFORMATION_URI,
            rules: definitions.map(ruleFor),
          },
        },
        ...originalUriBaseIds(audit.repo.path),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notifications(audit),
          },
        ],
        results,
        properties: {
          checklist: {
            id: audit.checklist.id,
            version: audit.checklist.version,
            sha256: audit.checklist.sha256,
          },
          ...(audit.repo.commit === undefined ? {} : { commit: audit.repo.commit }),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The checklist's items, plus any audited item the checklist does not list (no rule may be missing). */
function ruleItems(audit: Audit): Item[] {
  const listed = new Set(audit.checklist.items.map((i) => i.id));
  return [...audit.checklist.items, ...audit.items.filter((i) => !listed.has(i.id)).map((i) => i.item)];
}

/** `no-eval-exec` → `NoEvalExec`: SARIF's rule `name` is an identifier-like word. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `CWE-95`, `cwe-95` or `95` → `external/cwe/cwe-95`, the tag GitHub links to CWE. */
export function cweTag(cwe: string): string | undefined {
  const n = /^(?:cwe-?)?(\d+)$/i.exec(cwe.trim())?.[1];
  return n === undefined ? undefined : `external/cwe/cwe-${n}`;
}

function ruleFor(item: Item) {
  const cwes = (item.references.cwe ?? []).map(cweTag).filter((t): t is string => t !== undefined);
  const links = item.references.links ?? [];
  const helpUri = links.find((l) => /^https?:\/\//.test(l));
  return {
    id: item.id,
    name: pascalCase(item.id),
    shortDescription: { text: item.title },
    fullDescription: { text: item.question },
    help: { text: helpText(item), markdown: helpMarkdown(item) },
    ...(helpUri === undefined ? {} : { helpUri }),
    defaultConfiguration: { level: DEFAULT_LEVEL[item.severity] },
    properties: {
      tags: ['security', item.category, ...cwes],
      // An item whose checks decide on their own is as precise as its probes; a manual item's
      // results only ever mean "a person should look".
      precision: item.checks.some((c) => c.on_match !== 'skip' || c.on_none !== 'skip') ? 'high' : 'medium',
      'security-severity': SECURITY_SEVERITY[item.severity],
    },
  };
}

function referenceLines(item: Item): string[] {
  const r = item.references;
  const lines: string[] = [];
  if (r.guide !== undefined) lines.push(`Guide: ${r.guide}`);
  if (r.cwe !== undefined && r.cwe.length > 0) lines.push(`CWE: ${r.cwe.join(', ')}`);
  if (r.owasp !== undefined && r.owasp.length > 0) lines.push(`OWASP: ${r.owasp.join(', ')}`);
  for (const link of r.links ?? []) lines.push(link);
  return lines;
}

function helpText(item: Item): string {
  const refs = referenceLines(item);
  return [
    item.question,
    item.guidance.trim(),
    `Remediation: ${item.remediation.trim()}`,
    ...(refs.length > 0 ? [refs.join('\n')] : []),
  ].join('\n\n');
}

function helpMarkdown(item: Item): string {
  const refs = referenceLines(item);
  return [
    `**${item.question}**`,
    item.guidance.trim(),
    `**Remediation**\n\n${item.remediation.trim()}`,
    ...(refs.length > 0 ? [`**References**\n\n${refs.map((l) => `- ${l}`).join('\n')}`] : []),
  ].join('\n\n');
}

/** The level of an item's results, or undefined when the item has nothing to report. */
function resultLevel(item: AuditItem): SarifLevel | undefined {
  switch (item.verdict) {
    case 'fail':
      return 'error';
    case 'review':
      return 'warning';
    case 'waived':
      // What it would be without the waiver; the suppression says it is accepted.
      return item.autoVerdict === 'review' ? 'warning' : 'error';
    default:
      // pass and na say nothing is wrong; an unanswered question is a person's job, not a code
      // scanning alert (the Markdown and JUnit reports list it).
      return undefined;
  }
}

function resultsFor(item: AuditItem, ruleIndex: number): SarifResult[] {
  const seen = new Map<string, number>();
  return [
    ...itemResults(item, ruleIndex, seen),
    ...suppressedResults(item, ruleIndex, seen),
    ...staleResults(item, ruleIndex),
  ];
}

/**
 * A stale answer is a warning per reason, at the cited file when the reason names one that is
 * still there, else at the repository level: a person's answer needs confirming again.
 */
function staleResults(item: AuditItem, ruleIndex: number): SarifResult[] {
  return (item.stale ?? []).map((reason) => {
    const path = reason.kind === 'cite-changed' ? reason.path : undefined;
    const uri = path === undefined ? REPOSITORY_LEVEL_URI : relativeUri(path);
    return {
      ruleId: item.id,
      ruleIndex,
      level: 'warning',
      message: { text: `${item.title}: the answer is stale: ${clean(reason.text)}` },
      locations: [
        { physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: { startLine: 1 } } },
      ],
      partialFingerprints: {
        'vouch/v1': `${sha256(`${item.id}\0stale\0${reason.kind}\0${reason.path ?? ''}`)}:1`,
      },
      properties: {
        verdict: item.verdict,
        source: item.source,
        stale: (item.stale ?? []).map((r) => clean(r.text)),
        staleKind: reason.kind,
      },
    };
  });
}

function itemResults(item: AuditItem, ruleIndex: number, seen: Map<string, number>): SarifResult[] {
  const level = resultLevel(item);
  if (level === undefined) return [];
  const result = (
    where: Pick<SarifResult, 'message' | 'locations' | 'partialFingerprints'>,
  ): SarifResult => ({
    ruleId: item.id,
    ruleIndex,
    level,
    ...where,
    ...(item.verdict === 'waived' ? { suppressions: [suppression(item)] } : {}),
    properties: { verdict: item.verdict, source: item.source },
  });
  const located = item.evidence.filter((e) => e.counted && e.file !== undefined);
  if (located.length === 0) return [result(repositoryLevel(item))];
  return located.map((e) => {
    const key = fingerprintKey(item.id, e);
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    return result({
      message: { text: resultMessage(item, e) },
      locations: [physicalLocation(e)],
      partialFingerprints: { 'vouch/v1': `${sha256(key)}:${nth}` },
    });
  });
}

/** The level a suppressed finding would have had: its check's match, fail or review. */
function suppressedLevel(item: AuditItem, e: Evidence): SarifLevel | undefined {
  const outcome = item.item.checks[e.check]?.on_match;
  if (outcome === 'fail') return 'error';
  if (outcome === 'review') return 'warning';
  return undefined; // evidence-only or a match that proves something: never an alert
}

/**
 * Results for findings a marker in the source suppressed and that therefore did not count: in
 * shipped code, from a check whose match is a fail or review. (Counted ones, under
 * `count_suppressed`, are ordinary results already.)
 */
function suppressedResults(item: AuditItem, ruleIndex: number, seen: Map<string, number>): SarifResult[] {
  const out: SarifResult[] = [];
  for (const e of item.evidence) {
    const s = e.suppressed;
    if (s === undefined || e.counted || e.file === undefined) continue;
    if (e.context !== undefined && e.context !== 'code') continue;
    const level = suppressedLevel(item, e);
    if (level === undefined) continue;
    const key = fingerprintKey(item.id, e);
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const reason = s.reason.trim() === '' ? 'no reason given' : s.reason;
    out.push({
      ruleId: item.id,
      ruleIndex,
      level,
      message: { text: resultMessage(item, e) },
      locations: [physicalLocation(e)],
      partialFingerprints: { 'vouch/v1': `${sha256(key)}:${nth}` },
      suppressions: [{ kind: 'inSource', justification: clean(`${s.marker}: ${reason}`) }],
      properties: { verdict: item.verdict, source: item.source },
    });
  }
  return out;
}

function suppression(item: AuditItem) {
  const reason = clean(item.waiver?.reason ?? item.note ?? 'waived');
  const expires = item.waiver?.expires;
  return {
    kind: 'external' as const,
    justification: expires === undefined ? reason : `${reason} (expires ${expires})`,
  };
}

function resultMessage(item: AuditItem, e: Evidence): string {
  const rule = e.rule === undefined ? '' : ` [${e.rule}]`;
  return `${item.title}: ${clean(e.message)}${rule}`;
}

/** One result for an item that fails or needs review without any located evidence. */
function repositoryLevel(
  item: AuditItem,
): Pick<SarifResult, 'message' | 'locations' | 'partialFingerprints'> {
  const unlocated = item.evidence.filter((e) => e.counted).map((e) => clean(e.message));
  const why = [...unlocated, ...item.reasons.map(clean)];
  const text = why.length === 0 ? item.title : `${item.title}: ${why.join('; ')}`;
  return {
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: REPOSITORY_LEVEL_URI, uriBaseId: SRCROOT },
          region: { startLine: 1 },
        },
      },
    ],
    // One such result per item: the item id alone keeps the alert the same from run to run.
    partialFingerprints: { 'vouch/v1': `${sha256(`${item.id}\0${REPOSITORY_LEVEL_URI}`)}:1` },
  };
}

function physicalLocation(e: Evidence): SarifLocation {
  const snippet = cleanOpt(e.snippet);
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(e.file ?? ''), uriBaseId: SRCROOT },
      region: {
        startLine: e.line !== undefined && e.line >= 1 ? e.line : 1,
        ...(e.column !== undefined && e.column >= 1 ? { startColumn: e.column } : {}),
        ...(snippet === undefined ? {} : { snippet: { text: snippet } }),
      },
    },
  };
}

/** A repository-relative POSIX path as a URI reference: `/` kept, everything else escaped. */
export function relativeUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * The fingerprint's input: item, file and the snippet with whitespace collapsed — never the line
 * number, so an alert survives code moving up or down. Without a snippet the message stands in.
 * Identical inputs in one run are told apart by their order (the `:n` suffix).
 */
export function fingerprintKey(itemId: string, e: Evidence): string {
  const text = (cleanOpt(e.snippet) ?? clean(e.message)).trim().replace(/\s+/g, ' ');
  return `${itemId}\0${e.file ?? ''}\0${text}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `%SRCROOT%` → the audited folder, when the audit holds an absolute path (a file URI needs one). */
function originalUriBaseIds(path: string) {
  if (!isAbsolute(path)) return {};
  const href = pathToFileURL(path).href;
  return { originalUriBaseIds: { [SRCROOT]: { uri: href.endsWith('/') ? href : `${href}/` } } };
}

/** Notices and probes that could not run, as the invocation's notifications. */
function notifications(audit: Audit) {
  const probeNotes = audit.probes
    .filter((p) => p.status !== 'ran')
    .map((p) => ({
      level: p.status === 'error' ? ('error' as const) : ('warning' as const),
      message: {
        text: `probe ${p.key} ${p.status === 'error' ? 'failed' : 'could not run'}: ${clean(p.reason ?? p.status)}`,
      },
    }));
  const notices = audit.notices.map((n) => ({ level: 'note' as const, message: { text: clean(n) } }));
  return [...probeNotes, ...notices];
}
