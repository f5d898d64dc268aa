import type { Facts, RawFinding } from '../repo/types.js';
import { contextOf, findingIndex, importsWithin, snippetOf, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type PythonParams = { rules?: string[]; imports?: string[] };

// The analyser records every import as a finding with this rule prefix and the dotted module.
const IMPORT_PREFIX = 'import:';

/** The imported module when `rule` records an import of one of `modules` (the module itself or a submodule). */
function importedModule(rule: string, modules: readonly string[]): string | undefined {
  if (!rule.startsWith(IMPORT_PREFIX)) return undefined;
  const module = rule.slice(IMPORT_PREFIX.length);
  return modules.some((m) => module === m || module.startsWith(`${m}.`)) ? module : undefined;
}

function toFinding(facts: Facts, f: RawFinding, message: string): Finding {
  return {
    message,
    file: f.file,
    line: f.line,
    column: f.column,
    snippet: f.snippet === undefined ? undefined : snippetOf(f.snippet),
    rule: f.rule,
    context: contextOf(facts, f.file),
  };
}

export const pythonProbe: ValidatingProbe<PythonParams> = {
  id: 'python',
  description:
    "Does the built-in analyser find one of these patterns, or an import of one of these modules, in the project's Python code?",
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['rules'] }, { required: ['imports'] }],
    properties: {
      rules: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^py-[a-z0-9]+(-[a-z0-9]+)*$' },
        description: 'Built-in rule ids (py-eval, py-sql-format, ...).',
      },
      imports: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
        description: 'Modules whose import (or the import of a submodule) is a match.',
      },
    },
  },
  run(facts: Facts, params: PythonParams): ProbeResult {
    const rules = new Set(params.rules ?? []);
    const modules = params.imports ?? [];
    const all = facts.python.findings;
    const index = findingIndex(all);
    // Positions, so that the findings keep the analyser's order (file, line, rule).
    const picked = [...rules].flatMap((rule) => index.byRule.get(rule) ?? []);
    for (const i of importsWithin(all, modules)) {
      if (!rules.has(all[i]?.rule ?? '')) picked.push(i);
    }
    const findings: Finding[] = [];
    for (const i of picked.sort((a, b) => a - b)) {
      const f = all[i];
      if (f === undefined) continue;
      findings.push(
        rules.has(f.rule)
          ? toFinding(facts, f, f.message)
          : toFinding(facts, f, `imports ${importedModule(f.rule, modules) ?? ''}`),
      );
    }
    return { status: 'ok', findings };
  },
};
