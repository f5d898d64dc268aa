import type { Facts, FileContext } from '../repo/types.js';
import { matchGlob } from '../repo/glob.js';
import { fileContext } from '../repo/context.js';
import { compileLineRegex, snippetOf, splitLines, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type FileParams = { paths: string[]; contains?: string; flags?: string; message?: string };

// Files the collector listed but did not read still exist; only `excluded` ones were asked away.
const EXISTING_SKIPS = new Set(['too-large', 'binary', 'unreadable']);

export const fileProbe: ValidatingProbe<FileParams> = {
  id: 'file',
  description: 'Is there a file matching these globs (containing this regular expression)?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['paths'],
    properties: {
      paths: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Globs of the files looked for (.github/dependabot.yml, .pre-commit-config.yaml).',
      },
      contains: {
        type: 'string',
        minLength: 1,
        description: 'A regular expression a line of the file must match.',
      },
      flags: { type: 'string', pattern: '^[imsuv]*$', description: 'Flags of `contains` (i, m, s, u, v).' },
      message: {
        type: 'string',
        minLength: 1,
        description: 'What a match means; defaults to naming the file.',
      },
    },
  },
  validate(params: FileParams): string[] {
    if (params.contains === undefined)
      return params.flags === undefined ? [] : ['flags given without contains'];
    const re = compileLineRegex(params.contains, params.flags);
    return typeof re === 'string' ? [re] : [];
  },
  run(facts: Facts, params: FileParams): ProbeResult {
    const re = params.contains === undefined ? undefined : compileLineRegex(params.contains, params.flags);
    if (typeof re === 'string') return { status: 'error', reason: re, findings: [] };
    const findings: Finding[] = [];
    const candidates: { path: string; context: FileContext }[] = [...facts.files];
    if (re === undefined) {
      for (const s of facts.skipped)
        if (EXISTING_SKIPS.has(s.reason)) candidates.push({ path: s.path, context: fileContext(s.path) });
    }
    for (const file of candidates) {
      if (!matchGlob(params.paths, file.path)) continue;
      if (re === undefined) {
        findings.push({
          message: params.message ?? `${file.path} exists`,
          file: file.path,
          context: file.context,
        });
        continue;
      }
      const lines = splitLines(facts.text.get(file.path) ?? '');
      const index = lines.findIndex((line) => re.test(line));
      const line = lines[index];
      if (line === undefined) continue;
      findings.push({
        message: params.message ?? `${file.path} matches /${params.contains ?? ''}/`,
        file: file.path,
        line: index + 1,
        column: (re.exec(line)?.index ?? 0) + 1,
        snippet: snippetOf(line),
        context: file.context,
      });
    }
    findings.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
    return { status: 'ok', findings };
  },
};
