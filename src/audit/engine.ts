import { staleReasons, type PathChange } from '../answers/staleness.js';
import type { AnswersFile } from '../answers/types.js';
import type { Checklist, Condition, Item } from '../checklist/types.js';
import type { Probe, ProbeResult } from '../probes/types.js';
import type { Facts } from '../repo/types.js';
import { applyAnswer, summarize } from './answers-merge.js';
import type { Audit, AuditItem, Evidence, ProbeStatus } from './types.js';
import { currentState } from './stale.js';
import { markerLookup, type MarkerLookup } from './suppression.js';
import { importedEvidence } from '../vuln/bears-on.js';
import type { ImportedFinding } from '../vuln/types.js';
import { autoVerdict, evaluateCheck, isManual, type CheckResult, type CountingPolicy } from './verdict.js';

export interface EvaluateOptions {
  probes: readonly Probe[];
  answers: AnswersFile;
  now: Date;
  /** Items turned off by configuration: id → reason. */
  disabled?: Record<string, string>;
  policy?: CountingPolicy;
  toolVersion: string;
  startedAt?: Date;
  notices?: string[];
  /** item id → what git says happened to the files its answer rests on (see answers/basis.ts). */
  changes?: Record<string, Record<string, PathChange>>;
}

/** `Evidence.check` of a finding imported from another tool's report (`--import`): no check of the item. */
export const IMPORTED_CHECK = -2;

/** Runs each distinct probe call once and remembers its result and cost. */
class ProbeRunner {
  readonly statuses = new Map<string, ProbeStatus>();
  private readonly results = new Map<string, ProbeResult>();
  constructor(
    private readonly probes: readonly Probe[],
    private readonly facts: Facts,
  ) {}

  run(call: Condition): ProbeResult {
    const key = probeKey(call);
    const known = this.results.get(key);
    if (known !== undefined) return known;
    const probe = this.probes.find((p) => p.id === call.probe);
    const started = performance.now();
    let result: ProbeResult;
    if (probe === undefined) {
      result = { status: 'error', reason: `unknown probe "${call.probe}"`, findings: [] };
    } else {
      try {
        result = probe.run(this.facts, call.with ?? {});
      } catch (error) {
        result = { status: 'error', reason: `probe failed: ${(error as Error).message}`, findings: [] };
      }
    }
    this.results.set(key, result);
    this.statuses.set(key, {
      key,
      probe: call.probe,
      status: result.status === 'ok' ? 'ran' : result.status,
      reason: result.reason,
      findings: result.findings.length,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return result;
  }
}

/** A short, stable name for a probe call: `python{rules:[py-eval]}`. */
export function probeKey(call: Condition): string {
  const params = call.with ?? {};
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? call.probe : `${call.probe} ${JSON.stringify(params, keys)}`;
}

/**
 * Evaluates every checklist item against the collected facts, then applies the answers.
 * Pure apart from the clock, which comes in through `now`.
 */
export function evaluate(checklist: Checklist, facts: Facts, options: EvaluateOptions): Audit {
  const policy = options.policy ?? { countNonCode: false };
  const runner = new ProbeRunner(options.probes, facts);
  const markersAt = markerLookup(facts.text);
  const items = checklist.items.map((item) => {
    const auto = evaluateItem(
      item,
      runner,
      policy,
      options.disabled?.[item.id],
      markersAt,
      facts.vulnerabilities.findings,
    );
    if (auto.source === 'disabled') return auto;
    const answer = options.answers.answers[item.id];
    const answered = applyAnswer(auto, answer, options.now);
    if (answer === undefined) return answered;
    const stale = staleReasons({
      answer,
      now: currentState(auto),
      changes: options.changes?.[item.id] ?? {},
    });
    return stale.length === 0 ? answered : { ...answered, stale };
  });
  const started = options.startedAt ?? options.now;
  return {
    tool: { name: 'vouch', version: options.toolVersion },
    startedAt: started.toISOString(),
    durationMs: 0,
    repo: { path: facts.root, commit: facts.git.head, dirty: facts.git.dirty, branch: facts.git.branch },
    checklist,
    items,
    probes: [...runner.statuses.values()],
    notices: options.notices ?? [],
    tools: {
      bandit: { status: facts.bandit.status, version: facts.bandit.version, reason: facts.bandit.reason },
    },
    summary: summarize(items),
  };
}

function evaluateItem(
  item: Item,
  runner: ProbeRunner,
  policy: CountingPolicy,
  disabledReason: string | undefined,
  markersAt: MarkerLookup,
  imported: readonly ImportedFinding[],
): AuditItem {
  const base = {
    id: item.id,
    title: item.title,
    category: item.category,
    severity: item.severity,
    item,
  };
  if (disabledReason !== undefined) {
    return {
      ...base,
      verdict: 'na',
      autoVerdict: 'na',
      source: 'disabled',
      note: disabledReason,
      reasons: [`disabled by configuration: ${disabledReason}`],
      evidence: [],
    };
  }
  if (item.applies_if !== undefined) {
    const applies = item.applies_if.some((c) => {
      const r = runner.run(c);
      if (r.status !== 'ok') return true; // cannot tell: keep the item
      return r.findings.some((f) => policy.countNonCode || f.context === undefined || f.context === 'code');
    });
    if (!applies) {
      const what = item.applies_if.map((c) => c.probe).join(' or ');
      return {
        ...base,
        verdict: 'na',
        autoVerdict: 'na',
        source: 'auto',
        reasons: [`not applicable: nothing matched its condition (${what})`],
        evidence: [],
      };
    }
  }
  const results: CheckResult[] = item.checks.map((check, index) =>
    evaluateCheck(check, index, runner.run(check), policy, { itemId: item.id, markersAt }),
  );
  const verdict = autoVerdict(item, results);
  const reasons = isManual(item)
    ? [item.checks.length === 0 ? 'a question for a person' : 'a question for a person; evidence attached']
    : results.map((r) => r.reason);
  return {
    ...base,
    verdict,
    autoVerdict: verdict,
    source: verdict === 'unanswered' ? 'none' : 'auto',
    reasons,
    evidence: [
      ...dedupeEvidence(results.flatMap((r) => r.evidence)),
      ...importedEvidence(item, imported).map((f) => ({ ...f, check: IMPORTED_CHECK, counted: false })),
    ],
  };
}

/**
 * Bandit and the built-in analyser often report the same line: keep one piece of evidence per
 * file and line (the first, which is the check listed first), preferring a counted one, then a
 * suppressed one (so the marker stays in sight).
 */
export function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  const at = new Map<string, number>();
  for (const e of evidence) {
    if (e.file === undefined || e.line === undefined) {
      out.push(e);
      continue;
    }
    const key = `${e.file}:${e.line}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(e);
    } else {
      const kept = out[i];
      const better =
        kept !== undefined &&
        !kept.counted &&
        (e.counted || (kept.suppressed === undefined && e.suppressed !== undefined));
      if (better) out[i] = e;
    }
  }
  return out.sort(
    (a, b) =>
      Number(b.counted) - Number(a.counted) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}
