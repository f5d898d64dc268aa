import { COVERS, SECURITY_TOOLS, type Cover } from '../analysis/tools/index.js';
import { findToolEvidence, type DeclaredDependency, type ToolEvidence } from '../analysis/tools/match.js';
import type { Place } from '../analysis/tools/types.js';
import type { Facts } from '../repo/types.js';
import { requirementText } from './dependency.js';
import { contextOf, snippetOf, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type SecurityToolsParams = {
  covers?: Cover[];
  tools?: string[];
  level?: 'run' | 'declared' | 'any';
  where?: 'ci' | 'any';
};

/** Tool ids a checklist may name: the modules', and the tools they bundle (`depscan`). */
const KNOWN_IDS = new Set(SECURITY_TOOLS.flatMap((t) => [t.id, ...(t.bundles ?? []).map((b) => b.tool)]));

function where(e: Place): string {
  return `${e.file}:${e.line}`;
}

/** Strong evidence: the tool itself runs (in CI when `where` is `ci`). */
function isStrong(e: ToolEvidence, onlyCi: boolean): boolean {
  return e.kind === 'run' && e.bundler === undefined && (!onlyCi || e.ci);
}

function message(e: ToolEvidence, strong: boolean, byId: ReadonlyMap<string, string>): string {
  const via = e.via !== undefined && e.place !== 'ci' ? `, run by CI at ${where(e.via)}` : '';
  if (strong) return `${e.name} runs (${e.how}${via}) at ${where(e)}`;
  if (e.bundler !== undefined) {
    const bundler = byId.get(e.bundler) ?? e.bundler;
    return `${e.name} runs only inside ${bundler} (${where(e)}), not configured for this code explicitly`;
  }
  if (e.kind === 'run') return `${e.name} runs in ${e.how} (${where(e)}), but no CI job was seen running it`;
  if (e.place === 'make')
    return `${e.name} is in ${e.how} (${where(e)}), but no CI job was seen calling it: declared but no run found`;
  if (e.place === 'pre-commit')
    return `${e.name} is a manual-stage pre-commit hook (${where(e)}): declared but no run found`;
  const note = e.note === undefined ? '' : `; ${e.note}`;
  return `${e.name} is declared but no run found (${e.how} at ${where(e)})${note}`;
}

function dependenciesOf(facts: Facts): DeclaredDependency[] {
  return facts.manifests.flatMap((m) =>
    m.dependencies.map((d) => ({
      name: d.name,
      group: d.group,
      file: d.file,
      line: d.line,
      text: requirementText(d),
    })),
  );
}

// Evidence is a pure function of the facts: computed once per audit, whatever the parameters.
const cache = new WeakMap<Facts, ToolEvidence[]>();
function evidenceOf(facts: Facts): ToolEvidence[] {
  let found = cache.get(facts);
  if (found === undefined) {
    found = findToolEvidence({ texts: facts.text, dependencies: dependenciesOf(facts) });
    cache.set(facts, found);
  }
  return found;
}

export const securityToolsProbe: ValidatingProbe<SecurityToolsParams> = {
  id: 'security-tools',
  description:
    'Does a security tool covering these areas (or one of these tools) run in CI, pre-commit, tox/nox or a make target CI calls — or is it only declared?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['covers'] }, { required: ['tools'] }],
    properties: {
      covers: {
        type: 'array',
        minItems: 1,
        items: { enum: [...COVERS] },
        description:
          'Tools covering any of these areas match: sast, dependencies, secrets, dast, supply-chain.',
      },
      tools: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description:
          'Tools with these ids match (bandit, ruff-bandit, pip-audit...); a tool bundling one matches indirectly.',
      },
      level: {
        enum: ['run', 'declared', 'any'],
        default: 'run',
        description:
          'run: a match is a run of the tool itself. declared: when nothing runs, a match is weaker evidence (declared, bundled, run outside CI). any: every piece of evidence.',
      },
      where: {
        enum: ['ci', 'any'],
        default: 'any',
        description:
          'ci: only runs CI reaches count as runs; any: pre-commit hooks, tox environments and nox sessions count too.',
      },
    },
  },
  validate(params: SecurityToolsParams): string[] {
    return (params.tools ?? []).filter((t) => !KNOWN_IDS.has(t)).map((t) => `unknown security tool "${t}"`);
  },
  run(facts: Facts, params: SecurityToolsParams): ProbeResult {
    const level = params.level ?? 'run';
    const onlyCi = params.where === 'ci';
    const covers = new Set(params.covers ?? []);
    const tools = new Set(params.tools ?? []);
    const selected = evidenceOf(facts).filter(
      (e) => tools.has(e.tool) || e.covers.some((c) => covers.has(c)),
    );
    const strong = selected.filter((e) => isStrong(e, onlyCi));
    const chosen = level === 'run' ? strong : level === 'any' ? selected : strong.length > 0 ? [] : selected;
    const names = new Map(SECURITY_TOOLS.map((t) => [t.id, t.name]));
    const findings: Finding[] = chosen.map((e) => ({
      message: message(e, isStrong(e, onlyCi), names),
      file: e.file,
      line: e.line,
      snippet: snippetOf(e.text),
      rule: e.tool,
      context: contextOf(facts, e.file),
    }));
    return { status: 'ok', findings };
  },
};
