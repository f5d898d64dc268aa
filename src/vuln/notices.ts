/** What a person should know about the vulnerability sources of an audit: the database's date first. */
import type { Facts } from '../repo/types.js';
import { plural } from '../probes/support.js';
import { dbLabel } from './facts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One line per source: the database names its newest record's date and age, so a stale one shows. */
export function vulnNotices(facts: Pick<Facts, 'vulnerabilities'>, now: Date = new Date()): string[] {
  const v = facts.vulnerabilities;
  const lines = v.sources.map((s) => {
    if (s.kind !== 'osv-db')
      return `${s.kind} report ${s.path} imported: ${plural(s.checked ?? 0, 'dependency', 'dependencies')} named`;
    const age =
      s.newestModified === undefined || Number.isNaN(Date.parse(s.newestModified))
        ? ''
        : `, ${Math.max(0, Math.floor((now.getTime() - Date.parse(s.newestModified)) / DAY_MS))} days old`;
    return `${dbLabel(s)}${age}: ${s.records ?? 0} records; ${plural(v.checked.length, 'dependency', 'dependencies')} checked, ${v.uncovered.length} not covered`;
  });
  const tools = [...new Set(v.findings.map((f) => `${f.tool} (${f.file})`))];
  if (tools.length > 0)
    lines.push(
      `${plural(v.findings.length, 'finding', 'findings')} imported from ${tools.join(', ')}, shown on the items they bear on`,
    );
  return lines;
}
