import type { Facts } from '../repo/types.js';
import type { ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type ToolParams = { names: string[] };

export const toolProbe: ValidatingProbe<ToolParams> = {
  id: 'tool',
  description: 'Is one of these executables installed on PATH?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['names'],
    properties: {
      names: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$' },
        description: 'Executable names (bandit, pip-audit, safety, semgrep).',
      },
    },
  },
  run(facts: Facts, params: ToolParams): ProbeResult {
    const findings: Finding[] = [];
    const unknown: string[] = [];
    for (const name of params.names) {
      const info = facts.tools[name];
      if (info === undefined) unknown.push(name);
      else if (info.path !== undefined) {
        const version = info.version === undefined ? '' : ` ${info.version}`;
        findings.push({ message: `${name}${version} is installed (${info.path})`, context: 'code' });
      }
    }
    // "None installed" is only true of tools the collector looked for.
    if (findings.length === 0 && unknown.length > 0) {
      return { status: 'unavailable', reason: `PATH was not searched for ${unknown.join(', ')}`, findings };
    }
    return { status: 'ok', findings };
  },
};
