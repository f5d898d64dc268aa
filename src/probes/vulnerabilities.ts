import type { Facts } from '../repo/types.js';
import type { VulnerabilityHit, VulnFacts, VulnSource } from '../vuln/types.js';
import { dbLabel } from '../vuln/facts.js';
import { manifestErrorNotes } from './dependency.js';
import { securityToolsProbe } from './security-tools.js';
import { contextOf, plural, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

/**
 * vulnerable: each dependency with a known vulnerability (database or imported report).
 * not-covered: dependencies no source could check (no exact version, not in any report) and
 * records whose ranges vouch cannot evaluate.
 * covered: one finding when every dependency was checked and none is vulnerable.
 * unchecked: one finding when nothing checked the dependencies at all: no database, no import,
 * no pip-audit run, and no sign of a dependency scanner in the repository.
 */
export type VulnerabilitiesParams = { report: 'vulnerable' | 'not-covered' | 'covered' | 'unchecked' };

/** "PYSEC-2019-217 (CVE-2019-10906), fixed in 2.10.1". */
function advisoryText(h: VulnerabilityHit): string {
  const aliases = h.aliases.length > 0 ? ` (${h.aliases.join(', ')})` : '';
  const fix = h.fixed.length > 0 ? `fixed in ${h.fixed.join(', ')}` : 'no fixed version known';
  return `${h.id}${aliases}, ${fix}`;
}

function sourceText(s: VulnSource): string {
  if (s.kind === 'osv-db') return dbLabel(s);
  return `${s.kind} report ${s.path}`;
}

/** One finding per dependency and place: every advisory against it in one line. */
export function vulnerableFindings(facts: Facts): Finding[] {
  const groups = new Map<string, VulnerabilityHit[]>();
  for (const h of facts.vulnerabilities.hits) {
    const key = `${h.name}\0${h.version}\0${h.file ?? ''}\0${h.line ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()].map((hits) => {
    const first = hits[0]!;
    const sources = [...new Set(hits.flatMap((h) => h.source.split(', ')))].join(', ');
    return {
      message: `${first.name} ${first.version} has ${plural(hits.length, 'known vulnerability', 'known vulnerabilities')}: ${hits.map(advisoryText).join('; ')} — ${sources}`,
      file: first.file,
      line: first.line,
      rule: first.id,
      context: first.file === undefined ? undefined : contextOf(facts, first.file),
    };
  });
}

function notCoveredFindings(facts: Facts): Finding[] {
  const v = facts.vulnerabilities;
  return [
    ...v.uncovered.map((u) => ({
      message: `${u.name}${u.specifier === '' ? '' : ` ${u.specifier}`} not checked: ${u.reason}`,
      file: u.file,
      line: u.line,
      context: contextOf(facts, u.file),
    })),
    ...v.unevaluated.map((u) => ({
      message: `${u.name} ${u.version}: ${u.id} could not be evaluated (${u.reason}); check it by hand`,
      file: u.file,
      line: u.line,
      rule: u.id,
      context: contextOf(facts, u.file),
    })),
    // A manifest that did not parse hides dependencies nobody checked.
    ...manifestErrorNotes(facts),
  ];
}

function sourceNotes(v: VulnFacts): Finding[] {
  return v.sources.map((s) => ({
    message:
      s.kind === 'osv-db'
        ? `${sourceText(s)}: ${s.records ?? 0} records (${s.withdrawn ?? 0} withdrawn, not applied)`
        : `${sourceText(s)}: ${plural(s.checked ?? 0, 'dependency', 'dependencies')} named`,
  }));
}

export const vulnerabilitiesProbe: ValidatingProbe<VulnerabilitiesParams> = {
  id: 'vulnerabilities',
  description:
    'What do the offline OSV database (--osv-db) and the imported reports (--import) say about the dependencies?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['report'],
    properties: {
      report: {
        enum: ['vulnerable', 'not-covered', 'covered', 'unchecked'],
        description:
          'vulnerable: dependencies with known vulnerabilities; not-covered: dependencies nothing could check; covered: all checked, none vulnerable; unchecked: nothing checked them and no scanner is in sight.',
      },
    },
  },
  run(facts: Facts, params: VulnerabilitiesParams): ProbeResult {
    const v = facts.vulnerabilities;
    if (params.report === 'unchecked') {
      if (v.sources.length > 0 || facts.pipAudit.status === 'ok') return { status: 'ok', findings: [] };
      const scanners = securityToolsProbe.run(facts, { covers: ['dependencies'], level: 'any' });
      if (scanners.status !== 'ok' || scanners.findings.length > 0) return { status: 'ok', findings: [] };
      return {
        status: 'ok',
        findings: [
          {
            message:
              'nothing checks the dependencies for known vulnerabilities: no scanner in CI, pre-commit or tox, no pip-audit run, and no OSV database (--osv-db) or report (--import) given to vouch',
          },
        ],
      };
    }
    if (v.sources.length === 0)
      return {
        status: 'unavailable',
        reason: 'no OSV database (--osv-db) and no imported report (--import)',
        findings: [],
      };
    const notes = sourceNotes(v);
    switch (params.report) {
      case 'vulnerable':
        return { status: 'ok', findings: vulnerableFindings(facts), notes };
      case 'not-covered':
        return { status: 'ok', findings: notCoveredFindings(facts) };
      case 'covered': {
        const clean = v.hits.length === 0 && notCoveredFindings(facts).length === 0;
        const checked = v.checked.length;
        const findings: Finding[] = clean
          ? [
              {
                message: `${plural(checked, 'dependency', 'dependencies')} checked (${v.sources.map(sourceText).join(', ')}): none has a known vulnerability`,
              },
            ]
          : [];
        return { status: 'ok', findings };
      }
    }
  },
};
