import type { Facts } from '../repo/types.js';
import { isTemplateFile } from './secrets.js';
import { contextOf, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type EnvFilesParams = Record<string, never>;

// Packages and modules that load `.env` files: with one of them a `.env` file is coming.
const DOTENV_PACKAGES = new Set(['python-dotenv', 'django-environ', 'environs', 'pydantic-settings']);
const DOTENV_MODULES = ['dotenv', 'environ', 'environs'];

/** Why the project reads `.env` files, or undefined when nothing says it does. */
function readsEnvFiles(facts: Facts): string | undefined {
  for (const m of facts.manifests) {
    const dep = m.dependencies.find((d) => DOTENV_PACKAGES.has(d.name));
    if (dep !== undefined) return `it depends on ${dep.name} (${dep.file}:${dep.line})`;
  }
  for (const f of facts.python.findings) {
    const module = f.rule.startsWith('import:') ? f.rule.slice('import:'.length) : '';
    if (DOTENV_MODULES.some((m) => module === m || module.startsWith(`${m}.`))) {
      return `${f.file}:${f.line} imports ${module}`;
    }
  }
  return undefined;
}

export const envFilesProbe: ValidatingProbe<EnvFilesParams> = {
  id: 'env-files',
  description: 'Is a .env file committed to git, or left uncovered by .gitignore?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {},
  },
  run(facts: Facts): ProbeResult {
    const findings: Finding[] = [];
    const notes: Finding[] = [];
    const envFiles = [...facts.git.envFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const env of envFiles) {
      const where = { file: env.path, line: 1, context: contextOf(facts, env.path) };
      if (isTemplateFile(env.path)) {
        // Templates are meant to be committed; what matters is that they hold no real values (the secrets probe looks).
        if (env.tracked) {
          notes.push({
            ...where,
            rule: 'env-template',
            message: `\`${env.path}\` is a committed template; keep real values out of it`,
          });
        }
        continue;
      }
      if (env.tracked) {
        const already = env.ignored
          ? ' (.gitignore covers it now, but it was added before: `git rm --cached` it)'
          : '';
        findings.push({
          ...where,
          rule: 'env-committed',
          message: `\`${env.path}\` is committed to git${already}`,
        });
      } else if (!env.ignored) {
        findings.push({
          ...where,
          rule: 'env-not-ignored',
          message: `\`${env.path}\` is not covered by .gitignore`,
        });
      }
    }
    const realEnvFiles = envFiles.filter((e) => !isTemplateFile(e.path));
    if (realEnvFiles.length === 0 && !facts.git.envIgnored) {
      const why = readsEnvFiles(facts);
      if (why !== undefined) {
        notes.push({
          message: `.gitignore does not cover .env, and the project reads .env files: ${why}`,
          file: '.gitignore',
          context: 'code',
        });
      }
    }
    return { status: 'ok', findings, notes };
  },
};
