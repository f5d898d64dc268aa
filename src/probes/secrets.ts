import type { Facts } from '../repo/types.js';
import { maskSpans } from '../util/redact.js';
import {
  detectSecretsWithSegments,
  SECRET_KINDS,
  syntaxOf,
  type SecretKind,
  type SecretMatch,
  type Segment,
  type Syntax,
} from './secret-detectors.js';
import { docstringLines } from './python-docstrings.js';
import { pythonConfigSegments, yamlConfigSegments, type LineSegment } from './embedded-configs.js';
import { snippetOf, splitLines, type ValidatingProbe } from './support.js';
import type { Finding } from './types.js';

export type SecretsParams = { kinds?: string[] };

// Generated files full of hashes and integrity strings, never hand-written secrets.
const LOCK_FILES = new Set([
  'poetry.lock',
  'pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'pylock.toml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'cargo.lock',
  'composer.lock',
  'gemfile.lock',
  'go.sum',
  'conda-lock.yml',
]);

/** Lock files, minified and map files: generated, never holding a hand-written secret. */
export function isGenerated(path: string): boolean {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  return (
    LOCK_FILES.has(base) ||
    /^pylock\..+\.toml$/.test(base) ||
    /\.min\.(?:js|css)$/.test(base) ||
    base.endsWith('.map') ||
    base.endsWith('.tsbuildinfo')
  );
}

/**
 * `.env.example`, `config.sample.yaml`, `settings.template.py`: by convention they hold
 * placeholders, so generic assignments there are not secrets. A token in a real format still is.
 */
export function isTemplateFile(path: string): boolean {
  const parts = (path.split('/').pop() ?? path).toLowerCase().split('.');
  const template = (part: string): boolean => /^(?:example|sample|template|tmpl|tpl|dist)$/.test(part);
  // `example.env` too, but not `example.py`: a module of that name is code.
  return (
    parts.slice(1).some(template) || (parts.length === 2 && parts[1] === 'env' && template(parts[0] ?? ''))
  );
}

/**
 * Data files of examples: botocore's `data/rds/2014-10-31/examples-1.json`, a `samples.yaml`.
 * Their values illustrate an API (`"MasterUserPassword": "mynewpassword"`); like templates, only
 * a token in a real format counts there. Code named `example.py` is not data and still counts.
 */
export function isExampleData(path: string): boolean {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return false;
  const syntax = syntaxOf(base);
  if (syntax !== 'json' && syntax !== 'yaml' && syntax !== 'toml' && syntax !== 'ini') return false;
  return /^(?:examples?|samples?)(?:[-_.]?\d+)?$/.test(base.slice(0, dot));
}

const GENERIC: ReadonlySet<SecretKind> = new Set([
  'secret-assignment',
  'high-entropy-string',
  'url-password',
]);

/** A private key header is a secret only when key material follows it (not in a regex, a docstring or docs about keys). */
function privateKeyHasBody(lines: readonly string[], index: number, m: SecretMatch): boolean {
  if (m.maskEnd > m.maskStart) return true;
  for (const next of lines.slice(index + 1, index + 4)) {
    if (next.includes('-----END')) return false;
    if (/[A-Za-z0-9+/]{40,}/.test(next) || /^\s*Proc-Type:/.test(next)) return true;
  }
  return false;
}

/** One secret in a file: its 1-based line, what was found, and the line redacted. */
export interface SecretFound {
  line: number;
  match: SecretMatch;
  snippet: string;
  /** The line is part of a Python docstring: an example in documentation. */
  inDocstring?: boolean;
}

/**
 * The parts of lines that hold an embedded config file (a Python `CONFIG = """..."""`, a YAML
 * `settings.ini: |` block): read as embedded config text ('blob'), besides the file's own syntax.
 */
function embeddedConfigs(syntax: Syntax, text: string, lines: readonly string[]): Map<number, Segment[]> {
  let parts: Map<number, LineSegment[]>;
  if (syntax === 'yaml') parts = yamlConfigSegments(lines);
  else if (syntax === 'python' && (text.includes('"""') || text.includes("'''"))) {
    const starts: number[] = [];
    let at = 0;
    for (const line of text.split('\n')) {
      starts.push(at);
      at += line.length + 1;
    }
    parts = pythonConfigSegments(text, starts);
  } else return new Map();
  const out = new Map<number, Segment[]>();
  for (const [index, segments] of parts) {
    const length = lines[index]?.length ?? 0;
    out.set(
      index,
      segments.map(({ from, to }) => ({ from, to: Math.min(to, length), syntax: 'blob' as const })),
    );
  }
  return out;
}

/** The secrets in one file's text, one per secret. */
export function scanText(path: string, text: string): SecretFound[] {
  const syntax = syntaxOf(path);
  const template = isTemplateFile(path) || isExampleData(path);
  const lines = splitLines(text);
  const embedded = embeddedConfigs(syntax, text, lines);
  let docstrings: Set<number> | undefined;
  const out: SecretFound[] = [];
  lines.forEach((line, i) => {
    const all = detectSecretsWithSegments(line, syntax, embedded.get(i) ?? []);
    if (all.length === 0) return;
    const matches = all.filter(
      (m) =>
        !(template && GENERIC.has(m.kind)) && (m.kind !== 'private-key' || privateKeyHasBody(lines, i, m)),
    );
    if (matches.length === 0) return;
    // Masks come from every secret the detectors see on the line, even those filtered out above.
    const snippet = snippetOf(maskSpans(line, all));
    if (syntax === 'python') docstrings ??= docstringLines(text);
    const inDocstring = docstrings?.has(i + 1) === true;
    for (const match of matches)
      out.push({ line: i + 1, match, snippet, ...(inDocstring ? { inDocstring } : {}) });
  });
  return out;
}

function secretsOf(facts: Facts, path: string): SecretFound[] {
  const text = facts.text.get(path);
  return text === undefined ? [] : scanText(path, text);
}

export const secretsProbe: ValidatingProbe<SecretsParams> = {
  id: 'secrets',
  description: 'Does the repository hold a hard-coded credential (token, private key, password)?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      kinds: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { enum: Object.keys(SECRET_KINDS) },
        description: 'Only these kinds of secret (rule ids); all kinds when absent.',
      },
    },
  },
  run(facts: Facts, params: SecretsParams) {
    const kinds = params.kinds === undefined ? undefined : new Set(params.kinds);
    const findings: Finding[] = [];
    for (const file of facts.files) {
      if (isGenerated(file.path)) continue;
      const found = facts.secrets?.get(file.path) ?? secretsOf(facts, file.path);
      for (const { line, match, snippet, inDocstring } of found) {
        if (kinds !== undefined && !kinds.has(match.kind)) continue;
        findings.push({
          message: match.message,
          file: file.path,
          line,
          column: match.start + 1,
          snippet,
          rule: match.kind,
          // A docstring's example is documentation, shown as such (and not counted) like a page in docs/.
          context: inDocstring === true && file.context === 'code' ? 'docs' : file.context,
        });
      }
    }
    return { status: 'ok', findings };
  },
};
