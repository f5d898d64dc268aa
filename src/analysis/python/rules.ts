import type { Node } from 'web-tree-sitter';
import type { RawFinding } from '../../repo/types.js';
import { CALL_RULE_NAMES, checkCall } from './call-rules.js';
import { report, snippetOf, type FileContext } from './context.js';
import { bindImport, importedModules, importFinding, resolve, type ImportMap } from './imports.js';
import { checkExceptionName } from './leak.js';
import { checkLoggedName, SECRET_NAME_ANCHOR } from './log-secret.js';
import {
  checkAssignment,
  checkClass,
  checkDecorator,
  checkEnvironSubscript,
  checkKeyword,
  checkPair,
  checkDebugSwitchCall,
  checkSpecialName,
  checkWebEntries,
} from './statement-rules.js';
import { lastPart } from './syntax.js';
import { checkTaint } from './taint.js';

export { PYTHON_RULES, type PythonRule, type PythonRuleId } from './rule-list.js';

/*
 * How the rules find their nodes. Every rule starts from a word that must be in the source (a
 * called name, a keyword, a setting). The analyser finds those words in the text, asks the tree
 * which node sits there (`descendantForIndex`) and only goes on when it is code: an identifier,
 * a keyword token, or a dictionary/subscript key. A word in a comment, a docstring or a string is
 * a `comment` or `string_content` node and is dropped, exactly as a query would. Measured on the
 * Python standard library, one tree-sitter query costs a walk of the whole tree (about a third of
 * the parse, even for a pattern that matches nothing) while these lookups cost about a twentieth.
 */

/** Keyword arguments and assigned names some rule looks at. */
const SETTING_NAMES = [
  'shell',
  'verify',
  'cert_reqs',
  'debug',
  'DEBUG',
  'SECRET_KEY',
  'JWT_SECRET_KEY',
  'secret_key',
  'cookie_secret',
  'SECRET',
  'secret',
  'WTF_CSRF_ENABLED',
  'CSRF_ENABLED',
  'check_hostname',
  'autoescape',
  'ssl',
  'verify_ssl',
];
/** Names that matter wherever they are used as a value. */
const SPECIAL_NAMES = new Set(['CERT_NONE', '_create_unverified_context', 'MODE_ECB']);
/** Objects whose method calls matter where the method name alone is too common to anchor on. */
const OBJECT_ANCHORS = [
  'environ',
  'shelve',
  'decouple',
  'BaseSettings',
  'csrf_exempt',
  'exempt',
  'jsonpickle',
];
/** String keys: `config['SECRET_KEY'] = ...`, `{'SECRET_KEY': ...}`. */
const KEY_NAMES = new Set([
  'autoescape',
  'debug',
  'SECRET_KEY',
  'JWT_SECRET_KEY',
  'secret_key',
  'cookie_secret',
  'SECRET',
  'DEBUG',
  'WTF_CSRF_ENABLED',
  'CSRF_ENABLED',
]);
/** Called names too common to anchor on; reached through OBJECT_ANCHORS or import aliases. */
const COMMON_CALLS = new Set(['open', 'get', 'config', 'decode']);

/** Whole-word matches of any of `words` (identifiers: no escaping needed). */
function wordsPattern(words: Iterable<string>): RegExp {
  return new RegExp(`\\b(?:${[...new Set(words)].join('|')})\\b`, 'g');
}

const STATIC_ANCHORS = [
  ...[...CALL_RULE_NAMES].filter((name) => !COMMON_CALLS.has(name)),
  ...SETTING_NAMES,
  ...SPECIAL_NAMES,
  ...OBJECT_ANCHORS,
];
const STATIC_PATTERN = wordsPattern(STATIC_ANCHORS);
const STATEMENT_ANCHOR = /\b(?:import|from|except|Env|FileAwareEnv)\b/g;
const LOGGER = /log/i;

/** Each node the tree has at the places `pattern` matches in the source. */
function* nodesAt(root: Node, source: string, pattern: RegExp): Generator<Node> {
  for (const match of source.matchAll(pattern)) {
    const node = root.descendantForIndex(match.index, match.index + match[0].length);
    if (node) yield node;
  }
}

/**
 * Runs every built-in rule on one parsed file. Returns the rule findings and one
 * `import:<module>` finding per imported module, sorted by position; at most one finding per
 * rule and line.
 */
export function analyse(root: Node, source: string, path: string): RawFinding[] {
  const context: FileContext = {
    root,
    source,
    path,
    imports: new Map(),
    exceptAliases: new Set(),
    envNames: new Set(),
    importsJinja: false,
    findings: [],
  };
  // Names first: an import or `env = environ.Env()` may come after the code that uses it.
  const envCalls: Node[] = [];
  for (const node of nodesAt(root, source, STATEMENT_ANCHOR)) {
    const parent = node.parent;
    if (node.type === 'import' && parent?.type === 'import_statement') collectImport(context, parent);
    else if (node.type === 'from' && parent?.type === 'import_from_statement') collectImport(context, parent);
    else if (node.type === 'except' && parent?.type === 'except_clause') collectExceptAlias(context, parent);
    else if (node.type === 'identifier') envCalls.push(node);
  }
  collectEnvNames(context, envCalls);
  collectAliases(context);

  const visited = new Set<number>();
  for (const node of nodesAt(root, source, STATIC_PATTERN)) visit(context, node, visited);
  const dynamic = dynamicAnchors(context);
  if (dynamic.length > 0) {
    for (const node of nodesAt(root, source, wordsPattern(dynamic))) visit(context, node, visited);
  }
  if (LOGGER.test(source)) {
    for (const node of nodesAt(root, source, SECRET_NAME_ANCHOR)) checkLoggedName(context, node);
  }
  checkWebEntries(context);
  checkTaint(context);
  return finish(context.findings);
}

/** True inside `except ...:`: a fallback import, used only when the one tried first failed. */
function isFallback(statement: Node): boolean {
  for (let up = statement.parent; up; up = up.parent) {
    if (up.type === 'except_clause') return true;
    if (up.type === 'function_definition' || up.type === 'class_definition') return false;
  }
  return false;
}

function collectImport(context: FileContext, statement: Node): void {
  if (isFallback(statement)) {
    // `try: from secrets import randbits` / `except ImportError: from random import getrandbits as
    // randbits`: the name stands for what the try imported; the fallback binds only new names.
    const fallback: ImportMap = new Map();
    bindImport(statement, fallback);
    for (const [local, target] of fallback)
      if (!context.imports.has(local)) context.imports.set(local, target);
  } else {
    bindImport(statement, context.imports);
  }
  const { row, column } = statement.startPosition;
  for (const module of importedModules(statement)) {
    context.findings.push(
      importFinding(module, context.path, row + 1, column + 1, snippetOf(context, row, false)),
    );
    if (module.startsWith('jinja2')) context.importsJinja = true;
    // `Crypto` is the abandoned pycrypto or the maintained pycryptodome: the import alone
    // decides nothing (the checklist asks the dependency probe for pycrypto instead).
  }
}

function collectExceptAlias(context: FileContext, clause: Node): void {
  const alias = clause.childForFieldName('value')?.childForFieldName('alias')?.namedChildren[0];
  if (alias?.type === 'identifier') context.exceptAliases.add(alias.text);
}

/** Names standing for a django-environ Env: `env = environ.Env()`, `from .base import env`. */
function collectEnvNames(context: FileContext, envIdentifiers: Node[]): void {
  for (const [local, target] of context.imports) {
    if (local === 'env' && target !== 'env' && lastPart(target) === 'env') context.envNames.add(local);
  }
  for (const identifier of envIdentifiers) {
    const found = callOfChain(identifier);
    if (!found) continue;
    const fn = found.call.childForFieldName('function');
    if (!fn || !resolve(fn.text, context.imports).startsWith('environ.')) continue;
    const parent = found.call.parent;
    const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : null;
    if (left?.type === 'identifier') context.envNames.add(left.text);
  }
}

/** `evaluate = eval`, `run = os.system`: a name given to a function a rule looks for. */
const ALIAS = /^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*)[ \t]*(?:#.*)?$/gm;
/** `rng = random.Random(seed)`: an instance of the module's generator, as predictable as the module. */
const RANDOM_INSTANCE = /^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*)\.Random\(/gm;

/**
 * Names bound by plain assignment to what a rule looks for, recorded as if imported under that
 * name: `evaluate = eval` makes `evaluate(s)` an eval, `rng = random.Random()` makes
 * `rng.choice(...)` a draw from random. (`random.SystemRandom()` is the secure one: not bound.)
 */
function collectAliases(context: FileContext): void {
  for (const match of context.source.matchAll(ALIAS)) {
    const [, local = '', target = ''] = match;
    if (context.imports.has(local) || local === target) continue;
    const resolved = resolve(target, context.imports);
    const builtin =
      !target.includes('.') && (target === 'eval' || target === 'exec') && !context.imports.has(target);
    const imported = target.includes('.') && context.imports.has(target.split('.')[0] ?? '');
    if ((builtin || imported) && CALL_RULE_NAMES.has(lastPart(resolved)) && isCode(context, match.index))
      context.imports.set(local, resolved);
  }
  for (const match of context.source.matchAll(RANDOM_INSTANCE)) {
    const [, local = '', module = ''] = match;
    if (
      !context.imports.has(local) &&
      resolve(module, context.imports) === 'random' &&
      isCode(context, match.index)
    )
      context.imports.set(local, 'random');
  }
}

/** True when the text at `index` is code (not inside a string or a comment). */
function isCode(context: FileContext, index: number): boolean {
  const at = context.source.slice(index).search(/\S/);
  const node = context.root.descendantForIndex(index + Math.max(at, 0), index + Math.max(at, 0) + 1);
  return node?.type === 'identifier';
}

/**
 * Names this file gave to things the rules look for: `from os import system as run` (a rule
 * then reads `run(...)` as os.system), `from os import environ as env_vars`, Env instances and
 * caught exceptions.
 */
function dynamicAnchors(context: FileContext): string[] {
  const names: string[] = [...context.envNames, ...context.exceptAliases];
  for (const [local, target] of context.imports) {
    const last = lastPart(target);
    if (local === last && !COMMON_CALLS.has(last)) continue;
    if (CALL_RULE_NAMES.has(last) || target === 'os.environ') names.push(local);
  }
  return names.filter((name) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name));
}

/**
 * The call an identifier is part of the called name of: `os.environ.get(...)` for `os`,
 * `environ` or `get`; `callee` is the last identifier of the name.
 */
function callOfChain(identifier: Node): { call: Node; callee: Node } | undefined {
  let node = identifier;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier))
    node = parent;
  for (
    let up = node.parent;
    up?.type === 'attribute' && up.childForFieldName('object')?.equals(node);
    up = up.parent
  ) {
    node = up;
  }
  const call = node.parent;
  if (call?.type !== 'call' || !call.childForFieldName('function')?.equals(node)) return undefined;
  const callee = node.type === 'attribute' ? node.childForFieldName('attribute') : node;
  return callee ? { call, callee } : undefined;
}

function visit(context: FileContext, node: Node, visited: Set<number>): void {
  if (node.type === 'string_content') {
    visitKey(context, node);
    return;
  }
  if (node.type !== 'identifier') return;
  const text = node.text;
  const parent = node.parent;
  if (!parent) return;

  const chain = callOfChain(node);
  if (chain && !visited.has(chain.call.id)) {
    visited.add(chain.call.id);
    checkCall(context, chain.call, chain.callee);
    if (text === 'debug') checkDebugSwitchCall(context, chain.call);
  }
  if (
    chain &&
    context.envNames.has(text) &&
    chain.call.childForFieldName('function')?.text.startsWith(text)
  ) {
    report(context, 'py-env-read', chain.call);
  }
  if (context.exceptAliases.has(text)) checkExceptionName(context, node);

  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(node)) {
    checkKeyword(context, parent, text);
  } else if (parent.type === 'assignment' && parent.childForFieldName('left')?.equals(node)) {
    checkAssignment(context, parent);
  } else if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.equals(node)) {
    const assignment = parent.parent;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.equals(parent)) {
      checkAssignment(context, assignment);
    }
  }

  if (SPECIAL_NAMES.has(text)) checkSpecialName(context, node);
  if (text === 'environ' || resolve(text, context.imports) === 'os.environ') visitEnviron(context, node);
  if (text === 'BaseSettings') visitBase(context, node);
  if (text === 'csrf_exempt' || text === 'exempt') {
    const decorator = enclosing(node, 'decorator');
    if (decorator) checkDecorator(context, decorator);
  }
}

/** `os.environ[...]` (or a name imported as os.environ) read by subscript. */
function visitEnviron(context: FileContext, identifier: Node): void {
  let expression = identifier;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier))
    expression = parent;
  const subscript = expression.parent;
  if (subscript?.type === 'subscript' && subscript.childForFieldName('value')?.equals(expression)) {
    checkEnvironSubscript(context, subscript);
  }
}

/** `class Settings(BaseSettings)`. */
function visitBase(context: FileContext, identifier: Node): void {
  let base = identifier;
  if (base.parent?.type === 'attribute') base = base.parent;
  const bases = base.parent;
  const cls = bases?.parent;
  if (bases?.type === 'argument_list' && cls?.type === 'class_definition') checkClass(context, cls, bases);
}

/** A setting name inside a string: `config['SECRET_KEY'] = ...` or `{'SECRET_KEY': ...}`. */
function visitKey(context: FileContext, content: Node): void {
  if (!KEY_NAMES.has(content.text)) return;
  const string = content.parent;
  const holder = string?.parent;
  if (!string || !holder) return;
  if (holder.type === 'pair' && holder.childForFieldName('key')?.equals(string)) {
    checkPair(context, holder, string);
  } else if (holder.type === 'subscript' && holder.childForFieldName('subscript')?.equals(string)) {
    const assignment = holder.parent;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.equals(holder)) {
      checkAssignment(context, assignment);
    }
  }
}

const STATEMENT_TYPES = new Set([
  'expression_statement',
  'block',
  'module',
  'function_definition',
  'class_definition',
]);

function enclosing(node: Node, type: string): Node | undefined {
  for (let current = node.parent; current && !STATEMENT_TYPES.has(current.type); current = current.parent) {
    if (current.type === type) return current;
  }
  return undefined;
}

function finish(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule))
    .filter((finding) => {
      const key = `${finding.rule}\u0000${finding.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
