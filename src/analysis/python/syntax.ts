import type { Node } from 'web-tree-sitter';

/** Small questions about tree-sitter-python nodes, shared by the rules. */

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/** `os.path.join` for an identifier or a chain of attributes on one; undefined otherwise. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node || (node.type !== 'identifier' && node.type !== 'attribute')) return undefined;
  const text = node.text.replace(/[\s\\]+/g, '');
  return DOTTED.test(text) ? text : undefined;
}

/** The last part of a dotted name: `join` for `os.path.join`. */
export function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
  /** `*args` or `**kwargs` present: a keyword may hide in them. */
  splat: boolean;
  /** `**kwargs` present: a keyword-only argument may hide in it. */
  keywordSplat: boolean;
}

/** The arguments of a call, split into positional and keyword ones (comments dropped). */
export function callArgs(call: Node): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), splat: false, keywordSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list) return args;
  if (list.type !== 'argument_list') {
    // `f(x for x in y)`: a generator expression is the only argument.
    args.positional.push(list);
    return args;
  }
  for (const child of list.namedChildren) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) args.keywords.set(name.text, value);
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      args.splat = true;
      if (child.type === 'dictionary_splat') args.keywordSplat = true;
    } else if (child.type !== 'comment') {
      args.positional.push(child);
    }
  }
  return args;
}

/**
 * The command or code a call runs: its first positional argument, or the keyword that stands
 * for it (`subprocess.run(args=...)`, `os.system(command=...)`).
 */
export function commandArgument(call: Node): Node | undefined {
  const args = callArgs(call);
  return (
    args.positional[0] ??
    args.keywords.get('args') ??
    args.keywords.get('cmd') ??
    args.keywords.get('command') ??
    args.keywords.get('source')
  );
}

/** Strips parentheses around an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChildren.find((child) => child.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

function hasInterpolation(node: Node): boolean {
  return node.namedChildren.some((child) => child.type === 'interpolation');
}

/** A string literal with nothing computed in it: `'a'`, `b'a'`, `f'a'`, `'a' 'b'`. */
export function isPlainString(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'string') return !hasInterpolation(inner);
  if (inner.type === 'concatenated_string') {
    return inner.namedChildren.every((child) => child.type === 'comment' || isPlainString(child));
  }
  return false;
}

/** Any string literal, f-strings with interpolation included. */
export function isStringNode(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === 'string' || inner.type === 'concatenated_string';
}

/** An f-string that interpolates something. */
export function isInterpolatedString(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'string') return hasInterpolation(inner);
  if (inner.type === 'concatenated_string') {
    return inner.namedChildren.some((child) => child.type === 'string' && hasInterpolation(child));
  }
  return false;
}

/** The text between the quotes of a plain string literal (escapes left as written). */
export function stringContent(node: Node): string {
  const inner = unwrap(node);
  const parts = inner.type === 'concatenated_string' ? inner.namedChildren : [inner];
  let content = '';
  for (const part of parts) {
    if (part.type !== 'string') continue;
    for (const child of part.namedChildren) {
      if (child.type === 'string_content') content += child.text;
    }
  }
  return content;
}

/** A literal that computes nothing: strings without interpolation, numbers, tuples of those. */
export function isConstant(node: Node): boolean {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return true;
    case 'string':
    case 'concatenated_string':
      return isPlainString(inner);
    case 'tuple':
    case 'list':
      return inner.namedChildren.every((child) => child.type === 'comment' || isConstant(child));
    case 'unary_operator': {
      const operand = inner.childForFieldName('argument');
      return operand !== null && isConstant(operand);
    }
    default:
      return false;
  }
}

/** The operator of a binary_operator node (`+`, `%`...). */
export function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.type;
}

/** Nearest ancestor of one of these types, stopping at (and excluding) a stop type. */
export function ancestor(
  node: Node,
  types: ReadonlySet<string>,
  stop?: ReadonlySet<string>,
): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (types.has(current.type)) return current;
    if (stop?.has(current.type)) return undefined;
  }
  return undefined;
}

const FUNCTION = new Set(['function_definition']);
const SCOPE_STOP = new Set(['class_definition']);

/** The function that directly encloses a node (not through a class body). */
export function enclosingFunction(node: Node): Node | undefined {
  return ancestor(node, FUNCTION, SCOPE_STOP);
}

/** The node whose body is a name's scope: the enclosing function, else the module. */
export function scopeOf(node: Node): Node {
  return ancestor(node, FUNCTION) ?? node.tree.rootNode;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition']);

/** True when a statement runs at import time, outside any function or class body. */
export function isModuleLevel(node: Node): boolean {
  return ancestor(node, DEFINITIONS) === undefined;
}

/** The class whose body directly holds a statement, when there is one. */
export function enclosingClass(node: Node): Node | undefined {
  return ancestor(node, new Set(['class_definition']), FUNCTION);
}
