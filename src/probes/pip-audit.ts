import type { Dependency, Facts, VulnerableDependency } from '../repo/types.js';
import { unavailableReason } from './bandit.js';
import { contextOf, normaliseName, plural, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type PipAuditParams = Record<string, never>;

/** "jinja2 2.10 has PYSEC-2019-217 (CVE-2019-10906), fixed in 2.10.1". */
export function vulnerabilityMessage(v: VulnerableDependency): string {
  const aliases = v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : '';
  const fix = v.fixVersions.length > 0 ? `fixed in ${v.fixVersions.join(', ')}` : 'no fixed version yet';
  return `${v.name} ${v.version} has ${v.id}${aliases}, ${fix}`;
}

export const pipAuditProbe: ValidatingProbe<PipAuditParams> = {
  id: 'pip-audit',
  description: 'Does pip-audit report a dependency with a known vulnerability?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {},
  },
  run(facts: Facts): ProbeResult {
    const run = facts.pipAudit;
    if (run.status !== 'ok')
      return { status: 'unavailable', reason: unavailableReason('pip-audit', run), findings: [] };
    // Point at the line that declares the package, where there is one.
    const declared = new Map<string, Dependency>();
    for (const m of facts.manifests) {
      for (const d of m.dependencies) if (!declared.has(d.name)) declared.set(d.name, d);
    }
    const findings: Finding[] = run.vulnerabilities.map((v) => {
      const dep = declared.get(normaliseName(v.name));
      return {
        message: vulnerabilityMessage(v),
        file: dep?.file,
        line: dep?.line,
        rule: v.id,
        context: contextOf(facts, dep?.file),
      };
    });
    const notes: Finding[] = [
      {
        message: `pip-audit checked ${plural(run.dependenciesChecked, 'dependency', 'dependencies')}`,
        context: 'code',
      },
    ];
    return { status: 'ok', findings, notes };
  },
};
