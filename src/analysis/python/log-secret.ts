import type { Node } from 'web-tree-sitter';
import { report, type FileContext } from './context.js';
import { resolve } from './imports.js';
import { isLoggedSecretName, words } from './names.js';
import { dottedName, isPlainString, lastPart, stringContent } from './syntax.js';

/**
 * py-log-secret, found from the secret's side: a name that holds a password, token or secret
 * (rare in code) is followed up to the call it is an argument of; that is cheaper than looking
 * at every logging call, and it sees `f"{token}"` and `extra={"t": token}` the same way.
 */

const LOG_METHODS = new Set([
  'debug',
  'info',
  'warning',
  'warn',
  'error',
  'exception',
  'critical',
  'log',
  'fatal',
]);
const LOGGER_WORDS = new Set(['log', 'logger', 'logging', 'logs', 'loggers']);
/** Calls that hand their argument on unchanged (or as text): a secret inside them is still logged. */
const PASS_THROUGH = new Set([
  'str',
  'repr',
  'format',
  'join',
  'encode',
  'decode',
  'strip',
  'dumps',
  'dict',
  'list',
  'tuple',
  'vars',
]);
const STOPS = new Set([
  'expression_statement',
  'block',
  'module',
  'function_definition',
  'class_definition',
  'lambda',
]);

/**
 * Candidate names in source text: anything with a secret word in it (checked on the tree). A
 * match starts where a run of letters starts (the lookbehind): trying every position inside a
 * long name again cost time quadratic in its length, for the same matches.
 */
export const SECRET_NAME_ANCHOR =
  /(?<![A-Za-z_])[A-Za-z_]*(?:passw|pwd|secret|token|api_?key|apikey|credential|passphrase)\w*|\bpw\b/gi;

/** logger.info(...), logging.debug(...), self.log.error(...), structlog.get_logger().warning(...) */
function isLoggerCall(context: FileContext, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') {
    // `from logging import info`
    const resolved = resolve(fn.text, context.imports);
    return resolved.startsWith('logging.') && LOG_METHODS.has(lastPart(resolved));
  }
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!LOG_METHODS.has(method)) return false;
  const object = fn.childForFieldName('object');
  return object !== null && words(object.text).some((word) => LOGGER_WORDS.has(word));
}

/** `check_password` in `check_password(pw)` or `user.check_password(pw)`: a function, not data. */
function isCalledName(identifier: Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'call') return parent.childForFieldName('function')?.equals(identifier) === true;
  if (parent?.type !== 'attribute' || !parent.childForFieldName('attribute')?.equals(identifier))
    return false;
  return (
    parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.equals(parent) === true
  );
}

/**
 * `token` in `token.tok_name`, `self._token_bucket.capacity` or `credentials['expiry_time']`:
 * what is logged is the part taken out, not the container (which counts only when a method of
 * it is called: `password.strip()`).
 */
function isContainer(identifier: Node): boolean {
  let expression = identifier;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier))
    expression = parent;
  const holder = expression.parent;
  if (holder?.type === 'subscript' && holder.childForFieldName('value')?.equals(expression)) {
    const key = holder.childForFieldName('subscript');
    return key !== null && isPlainString(key);
  }
  if (holder?.type !== 'attribute' || !holder.childForFieldName('object')?.equals(expression)) return false;
  return !(holder.parent?.type === 'call' && holder.parent.childForFieldName('function')?.equals(holder));
}

/**
 * Reports a logging call when the name at `node` (an identifier, or the string content of a
 * subscript key such as `form['password']`) holds a secret and reaches the call's arguments
 * unchanged; `len(password)` or `mask(token)` on the way means it does not.
 */
export function checkLoggedName(context: FileContext, node: Node): void {
  let start = node;
  let name: string;
  if (node.type === 'identifier') {
    if (isCalledName(node) || isContainer(node)) return;
    name = node.text;
  } else if (node.type === 'string_content') {
    const string = node.parent;
    const subscript = string?.parent;
    if (
      !string ||
      subscript?.type !== 'subscript' ||
      !subscript.childForFieldName('subscript')?.equals(string)
    )
      return;
    if (!isPlainString(string)) return;
    name = stringContent(string);
    start = subscript;
  } else {
    return;
  }
  if (!isLoggedSecretName(name)) return;
  for (let current = start.parent; current && !STOPS.has(current.type); current = current.parent) {
    if (current.type !== 'argument_list' && current.type !== 'generator_expression') continue;
    const call = current.parent;
    if (call?.type !== 'call') return;
    if (isLoggerCall(context, call)) {
      report(context, 'py-log-secret', call);
      return;
    }
    const callee = dottedName(call.childForFieldName('function'));
    const method = call.childForFieldName('function')?.childForFieldName('attribute')?.text;
    if (!PASS_THROUGH.has(callee ? lastPart(callee) : (method ?? ''))) return;
  }
}
