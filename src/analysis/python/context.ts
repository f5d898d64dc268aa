import type { Node } from 'web-tree-sitter';
import type { RawFinding } from '../../repo/types.js';
import type { ImportMap } from './imports.js';
import { redactLine } from './redact.js';
import { PYTHON_RULES, type PythonRuleId } from './rule-list.js';

/** What the rules of one file share while they run. */
export interface FileContext {
  root: Node;
  source: string;
  path: string;
  imports: ImportMap;
  /** Names bound by `except ... as <name>` anywhere in the file (a cheap first filter). */
  exceptAliases: Set<string>;
  /** Names that stand for a django-environ `Env` (`env = environ.Env()`, `from .base import env`). */
  envNames: Set<string>;
  /** True when the file imports anything from jinja2 (a bare `Environment` is then Jinja's). */
  importsJinja: boolean;
  findings: RawFinding[];
  lines?: string[];
  /** Names of the functions and classes this file defines (computed on first use). */
  definitions?: Set<string>;
}

/**
 * True when the file itself defines a function or class of this name: `SafeString` in docutils
 * or `_create_unverified_context` in ssl.py is that file's own thing, not the framework's.
 */
export function definesName(context: FileContext, name: string): boolean {
  if (!context.definitions) {
    context.definitions = new Set();
    for (const node of context.root.descendantsOfType(['function_definition', 'class_definition'])) {
      const defined = node.childForFieldName('name')?.text;
      if (defined !== undefined) context.definitions.add(defined);
    }
  }
  return context.definitions.has(name);
}

/** True when the file imports `module` or anything inside it (`tornado` for `tornado.web`). */
export function importsModule(context: FileContext, module: string): boolean {
  for (const target of context.imports.values()) {
    if (target === module || target.startsWith(`${module}.`)) return true;
  }
  return false;
}

const RULES = new Map(PYTHON_RULES.map((rule) => [rule.id, rule]));

/** Lines whose string literals may hold a credential: redacted in every snippet. */
const SECRET_LINE = /passw|pwd|secret|token|key|credential|auth|bearer|private|signature|salt/i;

/** The stripped source line of a row, redacted where it may hold a secret, at most 200 chars. */
export function snippetOf(context: FileContext, row: number, redact: boolean): string {
  context.lines ??= context.source.split('\n');
  const line = (context.lines[row] ?? '').trim();
  const safe = redact || SECRET_LINE.test(line) ? redactLine(line) : line;
  return safe.slice(0, 200);
}

/** Records a finding of a rule at a node. */
export function report(
  context: FileContext,
  rule: PythonRuleId,
  node: Node,
  options: { redact?: boolean; confidence?: RawFinding['confidence']; message?: string } = {},
): void {
  const meta = RULES.get(rule);
  const { row, column } = node.startPosition;
  context.findings.push({
    rule,
    message: options.message ?? meta?.message ?? rule,
    file: context.path,
    line: row + 1,
    column: column + 1,
    snippet: snippetOf(context, row, options.redact === true || rule === 'py-secret-key-literal'),
    severity: meta?.severity,
    confidence: options.confidence ?? meta?.confidence,
  });
}
