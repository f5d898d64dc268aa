import type { Facts } from '../repo/types.js';
import { matchGlob } from '../repo/glob.js';
import { compileLineRegex, snippetOf, splitLines, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type PatternParams = { files: string[]; regex: string; flags?: string; message: string };

/** Python files belong to the parse-tree checks; a glob opts back in only by naming `.py` itself. */
function namesPython(globs: readonly string[]): boolean {
  return globs.some((g) => !g.startsWith('!') && /\.py(?![A-Za-z0-9_])/.test(g));
}

export const patternProbe: ValidatingProbe<PatternParams> = {
  id: 'pattern',
  description: 'Does a line of a matching (non-Python) text file match this regular expression?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['files', 'regex', 'message'],
    properties: {
      files: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Globs of the files to search (templates/**/*.html, .github/workflows/*.yml).',
      },
      regex: {
        type: 'string',
        minLength: 1,
        description: 'A JavaScript regular expression, matched line by line.',
      },
      flags: {
        type: 'string',
        pattern: '^[imsuv]*$',
        description: 'Regular expression flags (i, m, s, u, v).',
      },
      message: { type: 'string', minLength: 1, description: 'What a matching line means.' },
    },
  },
  validate(params: PatternParams): string[] {
    const re = compileLineRegex(params.regex, params.flags);
    return typeof re === 'string' ? [re] : [];
  },
  run(facts: Facts, params: PatternParams): ProbeResult {
    const re = compileLineRegex(params.regex, params.flags);
    if (typeof re === 'string') return { status: 'error', reason: re, findings: [] };
    const python = namesPython(params.files);
    const findings: Finding[] = [];
    for (const file of facts.files) {
      if ((!python && file.path.endsWith('.py')) || !matchGlob(params.files, file.path)) continue;
      const text = facts.text.get(file.path);
      if (text === undefined) continue;
      splitLines(text).forEach((line, i) => {
        const m = re.exec(line);
        if (m === null) return;
        findings.push({
          message: params.message,
          file: file.path,
          line: i + 1,
          column: m.index + 1,
          snippet: snippetOf(line),
          context: file.context,
        });
      });
    }
    return { status: 'ok', findings };
  },
};
