import type { Dependency, Facts } from '../repo/types.js';
import { contextOf, normaliseName, plural, snippetOf, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type DependencyParams = { names?: string[]; any?: boolean };

/** How a dependency was written: `flask[async]>=2.0`, `pkg @ git+https://...` (not redacted: pass it through snippetOf). */
export function requirementText(d: Dependency): string {
  const extras = d.extras.length > 0 ? `[${d.extras.join(',')}]` : '';
  const spec = d.url !== undefined ? ` @ ${d.url}` : d.specifier;
  return `${d.name}${extras}${spec}`;
}

/** Problems the manifest readers met, as evidence: a manifest that did not parse hides its dependencies. */
export function manifestErrorNotes(facts: Facts): Finding[] {
  return facts.manifests.flatMap((m) =>
    m.errors.map((e) => ({ message: `${m.path}: ${e}`, file: m.path, context: contextOf(facts, m.path) })),
  );
}

export const dependencyProbe: ValidatingProbe<DependencyParams> = {
  id: 'dependency',
  description:
    'Does the project declare a dependency on one of these packages (or on anything, with any: true)?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['names'] }, { required: ['any'], properties: { any: { const: true } } }],
    properties: {
      names: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$' },
        description: 'Package names; compared after normalisation as pip does (Flask_WTF = flask-wtf).',
      },
      any: { type: 'boolean', description: 'true: any declared dependency is a match.' },
    },
  },
  run(facts: Facts, params: DependencyParams): ProbeResult {
    const findings: Finding[] = [];
    if (params.any === true) {
      for (const m of facts.manifests) {
        if (m.dependencies.length === 0) continue;
        findings.push({
          message: `declares ${plural(m.dependencies.length, 'dependency', 'dependencies')}`,
          file: m.path,
          line: m.dependencies[0]?.line,
          context: contextOf(facts, m.path),
        });
      }
    } else {
      const wanted = new Set((params.names ?? []).map(normaliseName));
      const seen = new Set<string>();
      for (const m of facts.manifests) {
        for (const d of m.dependencies) {
          const name = normaliseName(d.name);
          const key = `${name}\0${d.file}\0${d.line}`;
          // A requirements file included with -r shows up in every file that includes it.
          if (!wanted.has(name) || seen.has(key)) continue;
          seen.add(key);
          findings.push({
            message: `depends on ${name} (${d.file}:${d.line})`,
            file: d.file,
            line: d.line,
            snippet: snippetOf(requirementText(d)),
            context: contextOf(facts, d.file),
          });
        }
      }
    }
    const notes = manifestErrorNotes(facts);
    return { status: 'ok', findings, ...(notes.length > 0 ? { notes } : {}) };
  },
};
