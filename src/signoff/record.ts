/**
 * The sign-off record: whether an audit may be signed off, and the in-toto Statement v1 that
 * records it. Pure functions; reading, writing and signing live in store.ts and ssh.ts.
 */
import type { Audit, AuditItem, Source, Summary, Verdict, Waiver } from '../audit/types.js';
import { isExpired } from '../util/dates.js';
import { redactSecretsInLine } from '../util/redact.js';
import { codeSpan, mdInline } from '../report/md-text.js';
import { formatCite, parseCites } from '../answers/cites.js';

/** The in-toto Statement layer, version 1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Names vouch's predicate: a security sign-off of one commit against one checklist. */
export const PREDICATE_TYPE = 'https://github.com/vouch-security/vouch/signoff/v1';

/** One item as recorded: enough to see what was decided, by whom, and on what grounds. */
export interface SignoffItem {
  id: string;
  verdict: Verdict;
  source: Source;
  note?: string | undefined;
  waiver?: Waiver | undefined;
  answeredBy?: string | undefined;
  answeredAt?: string | undefined;
  /** The files the person's answer cites, with their git blob ids at the signed commit (absent: not there). */
  cites?: SignoffCite[] | undefined;
}

export interface SignoffCite {
  /** As cited: `path` or `path:START-END`. */
  cite: string;
  path: string;
  blob?: string | undefined;
}

/** A stale answer signed off with --accept-stale, and why it was stale. */
export interface AcceptedStale {
  id: string;
  reasons: string[];
}

export interface SignoffPredicate {
  release: string;
  /** "Name <email>" (or whatever the signer gave). */
  signer: string;
  /** ISO 8601 time of the sign-off. */
  signedAt: string;
  tool: { name: 'vouch'; version: string };
  checklist: { id: string; version: string; sha256: string };
  repository: {
    name: string;
    commit: string;
    branch?: string | undefined;
    dirty: boolean;
    allowDirty: boolean;
  };
  summary: Summary;
  /** Every item of the audit, sorted by id. */
  items: SignoffItem[];
  /** Stale answers accepted with --accept-stale (absent when none were). */
  acceptedStale?: AcceptedStale[] | undefined;
}

/** An in-toto ResourceDescriptor naming the repository at one commit (`gitCommit` is a registered digest name). */
export interface StatementSubject {
  name: string;
  digest: { gitCommit: string };
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: StatementSubject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: SignoffPredicate;
}

export interface RefusalContext {
  /** The work tree has uncommitted changes (vouch's own cache and reports excepted). */
  dirty: boolean;
  allowDirty: boolean;
  /** Refuse answers older than this many days; undefined (or not a positive number) turns the check off. */
  maxAgeDays?: number | undefined;
  now: Date;
  /** --accept-stale: stale answers do not block (the statement records them). */
  acceptStale?: boolean | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why the audit may not be signed off yet: one line per reason, naming the items; empty when it may.
 * An item with an expired waiver blocks only while the verdict it fell back to does (a waived
 * failure that has since been fixed passes), and is reported under its waiver, not twice.
 */
export function refusalReasons(audit: Audit, ctx: RefusalContext): string[] {
  const unanswered: string[] = [];
  const review: string[] = [];
  const failing: string[] = [];
  const expired = new Map<string, string[]>();
  const old: string[] = [];
  const undated: string[] = [];
  const stale: string[] = [];
  const maxAge = ctx.maxAgeDays !== undefined && ctx.maxAgeDays > 0 ? ctx.maxAgeDays : undefined;

  for (const item of audit.items) {
    if (item.source === 'disabled') continue;
    const waiverLapsed =
      item.waiver !== undefined && (item.verdict !== 'waived' || isExpired(item.waiver.expires, ctx.now));
    if (isBlocking(item.verdict) || (item.verdict === 'waived' && waiverLapsed)) {
      if (waiverLapsed) push(expired, item.waiver?.expires ?? 'an earlier date', item.id);
      else if (item.verdict === 'unanswered') unanswered.push(item.id);
      else if (item.verdict === 'review') review.push(item.id);
      else failing.push(item.id);
      continue;
    }
    if (item.stale !== undefined && item.stale.length > 0 && ctx.acceptStale !== true) {
      stale.push(`stale answer: ${item.id} — ${item.stale.map((r) => r.text).join('; ')}`);
    }
    if (maxAge !== undefined && isAnswered(item)) {
      const at = item.answeredAt === undefined ? Number.NaN : Date.parse(item.answeredAt);
      if (Number.isNaN(at)) undated.push(item.id);
      else if (ctx.now.getTime() - at > maxAge * DAY_MS) old.push(item.id);
    }
  }

  const reasons: string[] = [];
  if (audit.repo.commit === undefined) {
    reasons.push('no commit to sign off: the project must be a git repository with at least one commit');
  }
  if (unanswered.length > 0) reasons.push(`unanswered: ${unanswered.join(', ')}`);
  if (review.length > 0) reasons.push(`needs review: ${review.join(', ')}`);
  if (failing.length > 0) reasons.push(`fails without a waiver: ${failing.join(', ')}`);
  for (const [date, ids] of [...expired].sort(([a], [b]) => a.localeCompare(b))) {
    reasons.push(`waiver expired on ${date}: ${ids.join(', ')}`);
  }
  if (old.length > 0) reasons.push(`answer older than ${maxAge} days: ${old.join(', ')}`);
  if (undated.length > 0)
    reasons.push(`answer without a date (needed by --max-age ${maxAge}): ${undated.join(', ')}`);
  reasons.push(...stale);
  if (ctx.dirty && !ctx.allowDirty) {
    reasons.push('uncommitted changes in the work tree (commit them, or use --allow-dirty to record them)');
  }
  return reasons;
}

function isBlocking(verdict: Verdict): boolean {
  return verdict === 'fail' || verdict === 'review' || verdict === 'unanswered';
}

/** A person answered it (a waiver is an answer too), so its age matters. */
function isAnswered(item: AuditItem): boolean {
  return item.source === 'manual' || item.source === 'override' || item.verdict === 'waived';
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface StatementOptions {
  release: string;
  signer: string;
  /** ISO 8601 time of the sign-off. */
  time: string;
  toolVersion: string;
  /** Names the subject: the repository (e.g. its folder or remote name). */
  repoName: string;
  commit: string;
  branch?: string | undefined;
  allowDirty: boolean;
  dirty: boolean;
  /**
   * item id → cited path → where it is at the signed commit (a renamed file under its new path)
   * and its blob id there (undefined: not there).
   */
  citeBlobs?: Record<string, Record<string, { path: string; blob?: string | undefined }>> | undefined;
  /** --accept-stale was given: the stale answers are recorded. */
  acceptStale?: boolean | undefined;
}

/** The in-toto Statement v1 recording a sign-off of the audit at one commit. */
export function buildStatement(audit: Audit, opts: StatementOptions): Statement {
  const items = [...audit.items]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((item): SignoffItem => {
      const out: SignoffItem = { id: item.id, verdict: item.verdict, source: item.source };
      // The record is committed and shared: notes and waiver reasons come from people and may hold a pasted secret.
      if (item.note !== undefined) out.note = redact(item.note);
      if (item.waiver !== undefined) {
        out.waiver = { reason: redact(item.waiver.reason) };
        if (item.waiver.expires !== undefined) out.waiver.expires = item.waiver.expires;
      }
      if (item.answeredBy !== undefined) out.answeredBy = item.answeredBy;
      if (item.answeredAt !== undefined) out.answeredAt = item.answeredAt;
      if (item.cites !== undefined && item.cites.length > 0) {
        const blobs = opts.citeBlobs?.[item.id] ?? {};
        out.cites = parseCites(item.cites).cites.map((c) => {
          const at = blobs[c.path];
          const cite: SignoffCite = { cite: formatCite(c), path: at?.path ?? c.path };
          if (at?.blob !== undefined) cite.blob = at.blob;
          return cite;
        });
      }
      return out;
    });
  const accepted = audit.items
    .filter((i) => i.stale !== undefined && i.stale.length > 0)
    .map((i) => ({ id: i.id, reasons: (i.stale ?? []).map((r) => redact(r.text)) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const repository: SignoffPredicate['repository'] = {
    name: opts.repoName,
    commit: opts.commit,
    dirty: opts.dirty,
    allowDirty: opts.allowDirty,
  };
  if (opts.branch !== undefined) repository.branch = opts.branch;
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: opts.repoName, digest: { gitCommit: opts.commit } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      release: opts.release,
      signer: opts.signer,
      signedAt: opts.time,
      tool: { name: 'vouch', version: opts.toolVersion },
      checklist: { id: audit.checklist.id, version: audit.checklist.version, sha256: audit.checklist.sha256 },
      repository,
      summary: { total: audit.summary.total, counts: { ...audit.summary.counts } },
      items,
      ...(opts.acceptStale === true && accepted.length > 0 ? { acceptedStale: accepted } : {}),
    },
  };
}

function redact(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => redactSecretsInLine(line))
    .join('\n');
}

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units), 2-space indent, a trailing
 * newline; undefined members dropped as JSON.stringify does. The signature covers these exact
 * bytes, so writing the same statement twice must give the same file.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) out[key] = sortKeys(source[key]);
  return out;
}

const VERDICT_WORD: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'FAIL',
  review: 'needs review',
  unanswered: 'unanswered',
  waived: 'waived',
  na: 'not applicable',
};

/** The sign-off for people: what was signed, by whom, and every item's verdict. */
export function renderSignoffMarkdown(statement: Statement): string {
  const p = statement.predicate;
  const lines: string[] = [
    `# Security sign-off: ${mdInline(p.repository.name)} ${mdInline(p.release)}`,
    '',
    `- **Release:** ${mdInline(p.release)}`,
    `- **Commit:** ${codeSpan(p.repository.commit)}${p.repository.branch === undefined ? '' : ` on ${codeSpan(p.repository.branch)}`}`,
    `- **Signed off by:** ${mdInline(p.signer)}`,
    `- **Time:** ${mdInline(p.signedAt)}`,
    `- **Checklist:** ${mdInline(p.checklist.id)} ${mdInline(p.checklist.version)} (sha256 ${codeSpan(p.checklist.sha256)})`,
    `- **Tool:** vouch ${mdInline(p.tool.version)}`,
  ];
  if (p.repository.dirty) {
    lines.push('- **Work tree:** had uncommitted changes, signed off with `--allow-dirty`');
  }
  const counts = (Object.keys(VERDICT_WORD) as Verdict[])
    .filter((v) => (p.summary.counts[v] ?? 0) > 0)
    .map((v) => `${p.summary.counts[v]} ${VERDICT_WORD[v]}`);
  lines.push(`- **Items:** ${p.summary.total}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`);
  lines.push('', '| Item | Verdict | Source | Note |', '| --- | --- | --- | --- |');
  for (const item of p.items) {
    const notes: string[] = [];
    if (item.waiver !== undefined) {
      const until = item.waiver.expires === undefined ? '' : ` (until ${item.waiver.expires})`;
      notes.push(`waiver${until}: ${mdInline(item.waiver.reason)}`);
    }
    if (item.note !== undefined && item.note !== '') notes.push(mdInline(item.note));
    if (item.answeredBy !== undefined) {
      notes.push(
        `answered by ${mdInline(item.answeredBy)}${item.answeredAt === undefined ? '' : ` on ${mdInline(item.answeredAt)}`}`,
      );
    }
    lines.push(
      `| ${codeSpan(item.id, true)} | ${VERDICT_WORD[item.verdict]} | ${item.source} | ${notes.join('; ')} |`,
    );
  }
  if (p.acceptedStale !== undefined && p.acceptedStale.length > 0) {
    lines.push('', '## Stale answers accepted (--accept-stale)', '');
    for (const s of p.acceptedStale) lines.push(`- ${codeSpan(s.id)}: ${s.reasons.map(mdInline).join('; ')}`);
  }
  lines.push(
    '',
    `This file is for reading. The record is ${codeSpan(`${p.release}.json`)} beside it (an in-toto Statement v1);`,
    `check it with ${codeSpan(`vouch verify --release ${p.release}`)}.`,
    '',
  );
  return lines.join('\n');
}

/** The outcome of reading a record: the statement, or why it is not a usable vouch sign-off. */
export type ParsedStatement = { ok: true; statement: Statement } | { ok: false; reason: string };

const VERDICT_SET: ReadonlySet<string> = new Set(['fail', 'review', 'unanswered', 'waived', 'pass', 'na']);

/**
 * Reads a record's text back, checking that it is a vouch sign-off and consistent with itself
 * (the subject and the predicate name the same commit, no item is in a state a sign-off refuses,
 * the release is the one the file is named for). Bad content is a reason, never a throw.
 */
export function parseStatement(text: string, expectedRelease?: string): ParsedStatement {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  const reason = statementProblem(value, expectedRelease);
  return reason === undefined ? { ok: true, statement: value as Statement } : { ok: false, reason };
}

function statementProblem(value: unknown, expectedRelease: string | undefined): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value._type !== STATEMENT_TYPE) return `_type is ${JSON.stringify(value._type)}, not ${STATEMENT_TYPE}`;
  if (value.predicateType !== PREDICATE_TYPE) {
    return `predicateType is ${JSON.stringify(value.predicateType)}, not ${PREDICATE_TYPE}`;
  }
  const subject = Array.isArray(value.subject) ? (value.subject[0] as unknown) : undefined;
  const commit = isObject(subject) && isObject(subject.digest) ? subject.digest.gitCommit : undefined;
  if (typeof commit !== 'string' || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/u.test(commit)) {
    return 'the subject has no gitCommit digest';
  }
  const p = value.predicate;
  if (!isObject(p)) return 'no predicate';
  for (const key of ['release', 'signer', 'signedAt'] as const) {
    if (typeof p[key] !== 'string') return `predicate.${key} is missing`;
  }
  if (!isObject(p.checklist) || typeof p.checklist.sha256 !== 'string')
    return 'predicate.checklist.sha256 is missing';
  if (!isObject(p.repository) || p.repository.commit !== commit)
    return 'predicate.repository.commit is not the subject commit';
  if (expectedRelease !== undefined && p.release !== expectedRelease) {
    return `the file is named for release ${expectedRelease} but records release ${String(p.release)}`;
  }
  if (!Array.isArray(p.items)) return 'predicate.items is missing';
  const ids = new Set<string>();
  for (const item of p.items as unknown[]) {
    if (
      !isObject(item) ||
      typeof item.id !== 'string' ||
      typeof item.verdict !== 'string' ||
      !VERDICT_SET.has(item.verdict)
    ) {
      return 'an item has no id or no known verdict';
    }
    if (ids.has(item.id)) return `item ${item.id} is recorded twice`;
    if (item.cites !== undefined && !validCites(item.cites)) return `item ${item.id} has malformed cites`;
    ids.add(item.id);
    if (isBlocking(item.verdict as Verdict) && item.source !== 'disabled') {
      return `item ${item.id} is recorded as ${item.verdict}, which a sign-off never accepts`;
    }
  }
  return undefined;
}

function validCites(cites: unknown): boolean {
  return (
    Array.isArray(cites) &&
    cites.every(
      (c) =>
        isObject(c) &&
        typeof c.path === 'string' &&
        typeof c.cite === 'string' &&
        (c.blob === undefined ||
          (typeof c.blob === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/u.test(c.blob))),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The identity ssh-keygen checks a signature against: the email in "Name <email>", else the whole signer. */
export function signerIdentity(signer: string): string {
  const match = /<([^<>\s]+)>\s*$/u.exec(signer);
  return match?.[1] ?? signer.trim();
}
