/**
 * Is a PyPI package at one version affected by an OSV record? The evaluation is the schema's own
 * (`IsVulnerable`: listed in `versions`, or inside an ECOSYSTEM range of `introduced` / `fixed` /
 * `last_affected` / `limit` events, sorted by version), with PEP 440 ordering from
 * `@renovatebot/pep440`. What cannot be evaluated (a version or event that is not PEP 440, a
 * range of another type with no `versions` list) is said, never guessed.
 */
import { compare, explain, valid } from '@renovatebot/pep440';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

export type MatchResult =
  { kind: 'affected'; fixed: string[] } | { kind: 'not-affected' } | { kind: 'unevaluated'; reason: string };

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function cmp(a: string, b: string): number {
  return sign(compare(a, b));
}

function eventVersion(e: OsvEvent): string {
  if ('introduced' in e) return e.introduced;
  if ('fixed' in e) return e.fixed;
  if ('last_affected' in e) return e.last_affected;
  return e.limit;
}

/** The version without its `+local` part: a local build of a listed release carries its code. */
function publicVersion(version: string): string {
  return explain(version)?.public ?? version;
}

type RangeResult = { affected: boolean; fixed: string[] } | { unevaluated: string };

function evaluateRange(version: string, events: readonly OsvEvent[]): RangeResult {
  const bad = events.map(eventVersion).find((v) => valid(v) === null);
  if (bad !== undefined) return { unevaluated: `range event "${bad}" is not a PEP 440 version` };
  if (!events.some((e) => 'introduced' in e)) return { unevaluated: 'a range without an "introduced" event' };
  const limits = events.filter((e): e is { limit: string } => 'limit' in e);
  if (limits.length > 0 && !limits.some((e) => cmp(version, e.limit) < 0))
    return { affected: false, fixed: [] };
  const sorted = [...events].sort((a, b) => cmp(eventVersion(a), eventVersion(b)));
  let affected = false;
  let fixed: string[] = [];
  for (const e of sorted) {
    if ('introduced' in e && cmp(version, e.introduced) >= 0) affected = true;
    else if ('fixed' in e && cmp(version, e.fixed) >= 0) affected = false;
    else if ('last_affected' in e && cmp(version, e.last_affected) > 0) affected = false;
  }
  if (affected) {
    // The fix that ends the range this version is in: the first `fixed` above it.
    const next = sorted.find((e): e is { fixed: string } => 'fixed' in e && cmp(e.fixed, version) > 0);
    fixed = next === undefined ? [] : [next.fixed];
  }
  return { affected, fixed };
}

function evaluateEntry(version: string, entry: OsvAffected): MatchResult {
  const pub = publicVersion(version);
  if (entry.versions.some((v) => v === version || v === pub || (valid(v) !== null && cmp(v, pub) === 0)))
    return { kind: 'affected', fixed: fixedOf(version, entry) };
  const reasons: string[] = [];
  let ecosystemRanges = 0;
  for (const range of entry.ranges) {
    if (range.type !== 'ECOSYSTEM') continue;
    ecosystemRanges++;
    const r = evaluateRange(version, range.events);
    if ('unevaluated' in r) reasons.push(r.unevaluated);
    else if (r.affected) return { kind: 'affected', fixed: r.fixed };
  }
  // A GIT range names commits, not releases; without a versions list it says nothing about this one.
  if (ecosystemRanges === 0 && entry.versions.length === 0 && entry.ranges.length > 0) {
    const types = [...new Set(entry.ranges.map((r) => r.type))].join(', ');
    reasons.push(`only ${types} ranges and no versions list`);
  }
  if (reasons.length > 0) return { kind: 'unevaluated', reason: reasons.join('; ') };
  return { kind: 'not-affected' };
}

/** The fixes an entry names above `version` (for a hit found in the `versions` list). */
function fixedOf(version: string, entry: OsvAffected): string[] {
  const fixes = entry.ranges
    .filter((r) => r.type === 'ECOSYSTEM')
    .flatMap((r) => r.events)
    .filter(
      (e): e is { fixed: string } => 'fixed' in e && valid(e.fixed) !== null && cmp(e.fixed, version) > 0,
    )
    .map((e) => e.fixed)
    .sort(cmp);
  return fixes.slice(0, 1);
}

/**
 * Whether `name` (normalised) at `version` is affected by `record`. A withdrawn record never
 * applies. A version that is not PEP 440 cannot be placed in any range.
 */
export function matchRecord(record: OsvRecord, name: string, version: string): MatchResult {
  if (record.withdrawn !== undefined) return { kind: 'not-affected' };
  const entries = record.affected.filter((a) => a.name === name);
  if (entries.length === 0) return { kind: 'not-affected' };
  if (valid(version) === null) {
    // An exact string in the versions list is still a match.
    if (entries.some((e) => e.versions.includes(version))) return { kind: 'affected', fixed: [] };
    return { kind: 'unevaluated', reason: `version "${version}" is not a PEP 440 version` };
  }
  const reasons: string[] = [];
  const fixed = new Set<string>();
  let affected = false;
  for (const entry of entries) {
    const r = evaluateEntry(version, entry);
    if (r.kind === 'affected') {
      affected = true;
      for (const f of r.fixed) fixed.add(f);
    } else if (r.kind === 'unevaluated') reasons.push(r.reason);
  }
  if (affected) return { kind: 'affected', fixed: [...fixed].sort(cmp) };
  if (reasons.length > 0) return { kind: 'unevaluated', reason: reasons.join('; ') };
  return { kind: 'not-affected' };
}
