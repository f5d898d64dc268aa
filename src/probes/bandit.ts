import type { Facts, ToolRun } from '../repo/types.js';
import { contextOf, snippetOf, type ValidatingProbe } from './support.js';
import type { ProbeResult } from './types.js';

export type BanditParams = { tests: string[] };

/** Why a tool run gave nothing to judge, in words, when the collector left no reason. */
export function unavailableReason(tool: string, run: Pick<ToolRun, 'status' | 'reason'>): string {
  if (run.reason !== undefined && run.reason !== '') return run.reason;
  switch (run.status) {
    case 'missing':
      return `${tool} not found on PATH`;
    case 'disabled':
      return `${tool} disabled`;
    case 'timeout':
      return `${tool} timed out`;
    default:
      return `${tool} failed`;
  }
}

export const banditProbe: ValidatingProbe<BanditParams> = {
  id: 'bandit',
  description: 'Does bandit report an issue with one of these test ids?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['tests'],
    properties: {
      tests: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^B[0-9]{3}$' },
        description: 'bandit test ids (B102, B602, ...).',
      },
    },
  },
  run(facts: Facts, params: BanditParams): ProbeResult {
    if (facts.bandit.status !== 'ok') {
      return { status: 'unavailable', reason: unavailableReason('bandit', facts.bandit), findings: [] };
    }
    const tests = new Set(params.tests);
    const findings = facts.bandit.findings
      .filter((f) => tests.has(f.rule))
      .map((f) => ({
        message: f.message,
        file: f.file,
        line: f.line,
        column: f.column,
        // B105/B106 quote the hard-coded password itself.
        snippet: f.snippet === undefined ? undefined : snippetOf(f.snippet),
        rule: f.rule,
        context: contextOf(facts, f.file),
      }));
    return { status: 'ok', findings };
  },
};
