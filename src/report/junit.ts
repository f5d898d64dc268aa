/**
 * JUnit XML for CI test dashboards (GitLab, Jenkins): a test suite per category, a test case per
 * item. fail → failure; review, unanswered, na and disabled → skipped (with why); waived and pass
 * → passed, with the waiver or note as system-out.
 */
import type { Audit, AuditItem } from '../audit/types.js';
import {
  clean,
  groupByCategory,
  locationText,
  staleText,
  suppressionText,
  uncountedLabel,
} from './common.js';
import type { RenderOptions } from './types.js';
import { xmlAttr, xmlText } from './xml.js';

/** Renders the audit as a JUnit XML document. */
export function render(audit: Audit, _options: RenderOptions): string {
  const groups = groupByCategory(audit);
  const all = tally(audit.items);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vouch" tests="${all.tests}" failures="${all.failures}" skipped="${all.skipped}" errors="0" time="${seconds(audit.durationMs)}">`,
  ];
  for (const group of groups) {
    const t = tally(group.items);
    lines.push(
      `  <testsuite name="${xmlAttr(group.title)}" tests="${t.tests}" failures="${t.failures}" skipped="${t.skipped}" errors="0">`,
    );
    for (const item of group.items) lines.push(...testcase(item));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

type Outcome = 'failure' | 'skipped' | 'passed';

function outcomeOf(item: AuditItem): Outcome {
  if (item.verdict === 'fail') return 'failure';
  // A stale answer is not a pass a dashboard should count: a person confirms it again.
  if ((item.stale?.length ?? 0) > 0 && item.source !== 'disabled') return 'skipped';
  if (item.verdict === 'pass' || item.verdict === 'waived') return 'passed';
  return 'skipped';
}

function tally(items: readonly AuditItem[]) {
  const outcomes = items.map(outcomeOf);
  return {
    tests: items.length,
    failures: outcomes.filter((o) => o === 'failure').length,
    skipped: outcomes.filter((o) => o === 'skipped').length,
  };
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function testcase(item: AuditItem): string[] {
  const open = `    <testcase classname="${xmlAttr(`vouch.${item.category}`)}" name="${xmlAttr(`${item.id}: ${item.title}`)}">`;
  const body: string[] = [];
  switch (outcomeOf(item)) {
    case 'failure':
      body.push(
        `      <failure message="${xmlAttr(failureMessage(item))}" type="fail">${xmlText(failureBody(item))}</failure>`,
      );
      break;
    case 'skipped':
      body.push(`      <skipped message="${xmlAttr(skippedMessage(item))}"/>`);
      break;
    case 'passed':
      break;
  }
  const out = systemOut(item, outcomeOf(item) === 'failure');
  if (out !== undefined) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  if (body.length === 0) return [open.replace(/>$/, '/>')];
  return [open, ...body, '    </testcase>'];
}

function failureMessage(item: AuditItem): string {
  if (item.source === 'override')
    return `failed by a person's answer${item.note === undefined ? '' : `: ${clean(item.note)}`}`;
  return item.reasons.length > 0 ? item.reasons.map(clean).join('; ') : item.title;
}

function failureBody(item: AuditItem): string {
  const lines = item.evidence.map((e) => {
    const where = locationText(e);
    const label = uncountedLabel(e);
    const line = `${where === '' ? '' : `${where} `}${clean(e.message)}${label === undefined ? '' : ` (${label})`}`;
    return e.snippet === undefined ? line : `${line}\n    ${clean(e.snippet)}`;
  });
  return [
    item.item.question,
    ...(lines.length > 0 ? ['', ...lines] : []),
    '',
    `Remediation: ${item.item.remediation.trim()}`,
  ].join('\n');
}

function skippedMessage(item: AuditItem): string {
  if (item.source === 'disabled') return `disabled: ${clean(item.note ?? 'turned off by configuration')}`;
  if ((item.stale?.length ?? 0) > 0) return `stale answer (${item.verdict}): ${staleText(item)}`;
  switch (item.verdict) {
    case 'review':
      return `needs review: ${item.reasons.length > 0 ? item.reasons.map(clean).join('; ') : item.item.question}`;
    case 'unanswered':
      return `needs review: unanswered: ${item.item.question}`;
    default:
      return 'not applicable';
  }
}

/**
 * What a person said about an item that is not failing or skipped for a plain reason, and the
 * findings markers in the source suppressed (a failure's body lists those with its evidence).
 */
function systemOut(item: AuditItem, failing: boolean): string | undefined {
  const lines: string[] = [];
  if (item.verdict === 'waived' && item.waiver !== undefined) {
    const expires = item.waiver.expires === undefined ? '' : ` (expires ${item.waiver.expires})`;
    lines.push(`waived: ${clean(item.waiver.reason)}${expires}`);
  }
  if (item.source === 'override') lines.push(`override: automatic verdict was ${item.autoVerdict}`);
  if (item.note !== undefined && item.source !== 'disabled') lines.push(`note: ${clean(item.note)}`);
  if (item.answeredBy !== undefined && lines.length > 0) {
    lines.push(
      `answered by ${item.answeredBy}${item.answeredAt === undefined ? '' : ` at ${item.answeredAt}`}`,
    );
  }
  if (!failing) {
    for (const e of item.evidence) {
      const text = suppressionText(e);
      if (text === undefined) continue;
      const where = locationText(e);
      const counted = e.counted ? ' (counted: count_suppressed)' : '';
      lines.push(`${where === '' ? '' : `${where} `}${text}${counted}: ${clean(e.message)}`);
    }
  }
  return lines.length === 0 ? undefined : lines.join('\n');
}
