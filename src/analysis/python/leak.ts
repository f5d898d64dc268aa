import type { Node } from 'web-tree-sitter';
import { report, type FileContext } from './context.js';
import { resolve } from './imports.js';
import { dottedName, lastPart, scopeOf } from './syntax.js';

/** py-error-leak: does exception text (a traceback, `str(e)`) reach a response? */

/** Calls whose arguments are shown to the user (response bodies, flashed messages, pages). */
const RESPONSES = new Set([
  'jsonify',
  'Response',
  'make_response',
  'HttpResponse',
  'HttpResponseBadRequest',
  'HttpResponseServerError',
  'StreamingHttpResponse',
  'JsonResponse',
  'JSONResponse',
  'ORJSONResponse',
  'HTMLResponse',
  'PlainTextResponse',
  'json_response',
  'HTTPException',
  'abort',
  'flash',
  'render_template',
  'render',
]);

const STOPS = new Set([
  'expression_statement',
  'block',
  'module',
  'function_definition',
  'class_definition',
  'lambda',
  'if_statement',
  'while_statement',
  'for_statement',
  'with_statement',
  'assert_statement',
  'delete_statement',
]);

type LeakSink =
  { kind: 'return' } | { kind: 'response' } | { kind: 'variable'; name: string } | { kind: 'none' };

/** http.client's HTTPException is an HTTP client's error, not a response to a user. */
function isClientSide(resolved: string): boolean {
  return (
    resolved.startsWith('http.client.') || resolved.startsWith('urllib3.') || resolved.startsWith('requests.')
  );
}

function leakSink(context: FileContext, expression: Node): LeakSink {
  let child = expression;
  for (let parent = expression.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'return_statement':
        return { kind: 'return' };
      case 'call': {
        const callee = dottedName(parent.childForFieldName('function'));
        if (!callee) break;
        const parts = callee.split('.');
        // Django's messages.error(request, ...) shows the text on the next page.
        if (parts.at(-2) === 'messages') return { kind: 'response' };
        if (RESPONSES.has(lastPart(callee)) && !isClientSide(resolve(callee, context.imports)))
          return { kind: 'response' };
        break;
      }
      case 'assignment':
      case 'augmented_assignment': {
        const left = parent.childForFieldName('left');
        if (left?.type === 'identifier' && !left.equals(child)) return { kind: 'variable', name: left.text };
        return { kind: 'none' };
      }
      default:
        if (STOPS.has(parent.type)) return { kind: 'none' };
    }
  }
  return { kind: 'none' };
}

/** True when `node` sits in an `except ... as <name>` handler. */
function caughtAs(node: Node, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition') return false;
    if (current.type !== 'except_clause') continue;
    const alias = current.childForFieldName('value')?.childForFieldName('alias')?.namedChildren[0];
    if (alias?.text === name) return true;
  }
  return false;
}

/**
 * Reports exception text at `expression` when it is returned or passed to a response, or when
 * a variable holding it is passed to a response (`msg = str(e)` ... `jsonify(error=msg)`). A
 * variable that is merely returned is not followed: library code hands error text to its
 * callers all the time. With `exceptionName`, the expression only counts inside the handler
 * that caught that name.
 */
export function checkLeak(context: FileContext, expression: Node, exceptionName?: string): void {
  if (exceptionName !== undefined && !caughtAs(expression, exceptionName)) return;
  const sink = leakSink(context, expression);
  if (sink.kind === 'return' || sink.kind === 'response') {
    report(context, 'py-error-leak', expression);
    return;
  }
  if (sink.kind !== 'variable') return;
  for (const use of scopeOf(expression).descendantsOfType('identifier')) {
    if (use.startIndex <= expression.endIndex || use.text !== sink.name) continue;
    if (leakSink(context, use).kind === 'response') {
      report(context, 'py-error-leak', use);
      return;
    }
  }
}

/**
 * `str(e)`, `repr(e)` or `f"{e}"` where `e` names a caught exception: checked for a leak.
 * `identifier` is a use of a name some `except ... as` clause of the file binds.
 */
export function checkExceptionName(context: FileContext, identifier: Node): void {
  const parent = identifier.parent;
  if (parent?.type === 'interpolation') {
    checkLeak(context, identifier, identifier.text);
    return;
  }
  const call = parent?.type === 'argument_list' ? parent.parent : null;
  if (call?.type !== 'call' || parent?.namedChildCount !== 1) return;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr'))
    checkLeak(context, call, identifier.text);
}
