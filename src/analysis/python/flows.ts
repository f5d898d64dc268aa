import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  dottedName,
  isConstant,
  isInterpolatedString,
  isPlainString,
  isStringNode,
  lastPart,
  operatorOf,
  scopeOf,
  unwrap,
} from './syntax.js';

/**
 * Where values go: the few data-flow questions the rules ask, answered within one function
 * (or the module). Simple by design: one assignment step, names compared as text.
 */

/** Nodes that end an expression: walking up stops there. */
const STATEMENTS = new Set([
  'expression_statement',
  'block',
  'module',
  'if_statement',
  'elif_clause',
  'while_statement',
  'for_statement',
  'with_statement',
  'with_item',
  'try_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'decorator',
  'lambda',
  'assert_statement',
  'raise_statement',
  'delete_statement',
  'global_statement',
  'print_statement',
  'match_statement',
  'case_clause',
  'default_parameter',
  'typed_default_parameter',
]);

export type Sink =
  { kind: 'name'; name: string; node: Node } | { kind: 'return' } | { kind: 'condition' } | { kind: 'none' };

const SLEEPS = new Set(['sleep', 'wait', 'call_later', 'setTimeout', 'sleep_for']);

/**
 * Where the value of an expression ends up: the name it is stored under (assignment target,
 * keyword argument, dictionary key), a return, a condition (`random.random() < 0.1`), or nothing.
 * A value passed to `sleep(...)` is reported under the name `sleep`.
 */
export function sinkOf(expression: Node): Sink {
  let child = expression;
  for (let parent = expression.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'assignment':
      case 'augmented_assignment': {
        const left = parent.childForFieldName('left');
        if (!left || left.equals(child)) return { kind: 'none' };
        return { kind: 'name', name: left.text, node: left };
      }
      case 'keyword_argument': {
        const name = parent.childForFieldName('name');
        return name ? { kind: 'name', name: name.text, node: name } : { kind: 'none' };
      }
      case 'pair': {
        const key = parent.childForFieldName('key');
        if (!key || key.equals(child)) return { kind: 'none' };
        return { kind: 'name', name: key.text, node: key };
      }
      case 'return_statement':
        return { kind: 'return' };
      case 'comparison_operator':
      case 'boolean_operator':
      case 'not_operator':
        return { kind: 'condition' };
      case 'call': {
        const callee = dottedName(parent.childForFieldName('function'));
        if (callee && SLEEPS.has(lastPart(callee))) return { kind: 'name', name: 'sleep', node: parent };
        break;
      }
      case 'conditional_expression':
        // `a if random.random() < p else b`: the draw decides, it is not stored.
        if (parent.namedChildren[1]?.equals(child)) return { kind: 'condition' };
        break;
      default:
        if (STATEMENTS.has(parent.type)) return { kind: 'none' };
    }
  }
  return { kind: 'none' };
}

interface Assigned {
  name: string;
  value: Node;
  start: number;
  /** The assignment itself: `x = ...` (replaces the value) or `x += ...` (adds to it). */
  node: Node;
}

const assignmentCache = new WeakMap<object, Map<number, Assigned[]>>();

/** Simple-name assignments (`x = ...`, `x += ...`, `x: str = ...`) inside a scope node. */
function assignmentsIn(scope: Node): Assigned[] {
  let byScope = assignmentCache.get(scope.tree);
  if (!byScope) {
    byScope = new Map();
    assignmentCache.set(scope.tree, byScope);
  }
  let list = byScope.get(scope.id);
  if (!list) {
    list = [];
    for (const node of scope.descendantsOfType(['assignment', 'augmented_assignment'])) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'identifier' && right)
        list.push({ name: left.text, value: right, start: node.startIndex, node });
    }
    byScope.set(scope.id, list);
  }
  return list;
}

/** Assignments to `name` in the scope of `use`, before it, in source order. */
function assignmentsBefore(name: string, use: Node): Assigned[] {
  return assignmentsIn(scopeOf(use)).filter(
    (assigned) => assigned.name === name && assigned.start < use.startIndex,
  );
}

/**
 * True when a plain `x = ...` surely runs between the earlier assignments and `use`: it sits in
 * a block that encloses `use` (not in a branch or loop beside it), so it replaces what came before.
 */
function replacesEarlier(assigned: Assigned, use: Node): boolean {
  if (assigned.node.type !== 'assignment') return false;
  const block = assigned.node.parent?.parent;
  if (!block) return false;
  for (let up = use.parent; up; up = up.parent) if (up.equals(block)) return true;
  return false;
}

function plusOperands(node: Node, out: Node[]): Node[] {
  const inner = unwrap(node);
  if (inner.type === 'binary_operator' && operatorOf(inner) === '+') {
    const left = inner.childForFieldName('left');
    const right = inner.childForFieldName('right');
    if (left) plusOperands(left, out);
    if (right) plusOperands(right, out);
  } else {
    out.push(inner);
  }
  return out;
}

/**
 * True when a value is a constant wherever it comes from: a literal, a name only ever given
 * literals before its use (`order = "DESC" if desc else "ASC"`, a module constant), or a choice
 * between such values. Formatting constants into SQL injects nothing.
 */
export function isConstantValue(node: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (isConstant(inner)) return true;
  if (depth > 3) return false;
  // `"rm -rf " + TMP_DIR`, `f"{TOOL} --version"`, `"%s %s" % (A, B)`: text made only of constants.
  if (inner.type === 'binary_operator' && ['+', '%'].includes(operatorOf(inner) ?? '')) {
    const left = inner.childForFieldName('left');
    const right = inner.childForFieldName('right');
    const constantRight =
      right !== null &&
      (isConstantValue(right, depth + 1) ||
        (right.type === 'tuple' && right.namedChildren.every((c) => isConstantValue(c, depth + 1))));
    return left !== null && isConstantValue(left, depth + 1) && constantRight;
  }
  if ((inner.type === 'string' || inner.type === 'concatenated_string') && isInterpolatedString(inner))
    return interpolatesOnlyConstants(inner, depth + 1);
  if (inner.type === 'conditional_expression') {
    const [first, , last] = inner.namedChildren;
    return (
      first !== undefined &&
      last !== undefined &&
      isConstantValue(first, depth + 1) &&
      isConstantValue(last, depth + 1)
    );
  }
  if (inner.type !== 'identifier') return false;
  if (literalOf(inner) !== undefined) return true;
  const assigned = assignmentsBefore(inner.text, inner);
  return (
    assigned.length > 0 &&
    !isParameter(inner) &&
    assigned.every((entry) => entry.node.type === 'assignment' && isConstantValue(entry.value, depth + 1))
  );
}

function isParameter(identifier: Node): boolean {
  const scope = scopeOf(identifier);
  const parameters = scope.type === 'function_definition' ? scope.childForFieldName('parameters') : null;
  return (
    parameters?.namedChildren.some((param) => {
      const name =
        param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChildren[0]);
      return name?.text === identifier.text;
    }) === true
  );
}

/** An f-string whose every interpolation is a constant value. */
function interpolatesOnlyConstants(node: Node, depth = 0): boolean {
  const strings = node.type === 'concatenated_string' ? node.namedChildren : [node];
  return strings.every((part) =>
    part.namedChildren
      .filter((child) => child.type === 'interpolation')
      .every((interpolation) => {
        const expression = interpolation.childForFieldName('expression') ?? interpolation.namedChildren[0];
        return expression !== undefined && expression !== null && isConstantValue(expression, depth);
      }),
  );
}

/**
 * True when an expression builds a string from values: an f-string that interpolates, `%`
 * applied to a string, `"...".format(...)`, or `+` joining a literal and something computed.
 * Formatting only constants (`"%d" % 10`, a module constant, a choice of literals) builds nothing.
 */
function isBuiltString(node: Node): boolean {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'string':
    case 'concatenated_string':
      return isInterpolatedString(inner) && !interpolatesOnlyConstants(inner);
    case 'binary_operator': {
      const operator = operatorOf(inner);
      const left = inner.childForFieldName('left');
      const right = inner.childForFieldName('right');
      if (!left || !right) return false;
      if (operator === '%')
        return (
          (isStringNode(left) || isBuiltString(left)) &&
          !isConstantValue(right) &&
          !(right.type === 'tuple' && right.namedChildren.every((c) => isConstantValue(c)))
        );
      if (operator !== '+') return false;
      const operands = plusOperands(inner, []);
      const literal = operands.some((operand) => isStringNode(operand));
      const computed = operands.some((operand) => !isPlainString(operand) && !isConstantValue(operand));
      return literal && computed;
    }
    case 'call': {
      const fn = inner.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return false;
      const object = fn.childForFieldName('object');
      if (!object || !isStringNode(object)) return false;
      const args = callArgs(inner);
      return (
        args.splat || [...args.positional, ...args.keywords.values()].some((arg) => !isConstantValue(arg))
      );
    }
    default:
      return false;
  }
}

/**
 * The expression that builds the string passed as `argument`: the argument itself, or for a
 * plain name the value it was assigned in the same scope (`q = f"..."; cur.execute(q)`).
 */
export function builtStringOf(argument: Node): Node | undefined {
  const inner = unwrap(argument);
  if (isBuiltString(inner)) return inner;
  if (inner.type !== 'identifier') return undefined;
  // From the nearest assignment back, until one that surely replaced the value
  // (`q = f"..."` in a loop, then `q = "SELECT ..."` before the execute: the literal runs).
  const assigned = assignmentsBefore(inner.text, inner);
  for (let i = assigned.length - 1; i >= 0; i--) {
    const entry = assigned[i];
    if (!entry) continue;
    if (isBuiltString(entry.value)) return entry.value;
    if (replacesEarlier(entry, inner)) return undefined;
  }
  return undefined;
}

/** The value last assigned (`x = ...`) to a name before its use in the same scope, if any. */
export function lastAssignedValue(identifier: Node): Node | undefined {
  const last = assignmentsBefore(identifier.text, identifier).at(-1);
  return last?.node.type === 'assignment' ? last.value : undefined;
}

const LITERALS = new Set(['true', 'false', 'none', 'integer', 'float', 'string']);

/**
 * The literal a plain name stands for, one step away: assigned before its use in the same
 * function, or a module constant (assigned once, at module level). `VERIFY_TLS = False` …
 * `requests.get(url, verify=VERIFY_TLS)`. Undefined when the value is not a literal or not sure.
 */
export function literalOf(identifier: Node): Node | undefined {
  if (identifier.type !== 'identifier') return undefined;
  const local = lastAssignedValue(identifier);
  const pick = (value: Node | undefined): Node | undefined => {
    const inner = value === undefined ? undefined : unwrap(value);
    return inner !== undefined && LITERALS.has(inner.type) ? inner : undefined;
  };
  if (local !== undefined) return pick(local);
  const root = identifier.tree.rootNode;
  if (scopeOf(identifier).equals(root)) return undefined;
  const everywhere = assignmentsIn(root).filter((a) => a.name === identifier.text);
  const atModule = everywhere.filter((a) => a.node.parent?.parent?.equals(root) === true);
  if (atModule.length !== 1 || everywhere.length !== 1) return undefined;
  return atModule[0]?.node.type === 'assignment' ? pick(atModule[0].value) : undefined;
}

/** Identifiers and string keys (`form['password']`) inside an expression, as names. */
export function mentionedNames(node: Node): string[] {
  const names: string[] = [];
  for (const found of node.descendantsOfType(['identifier', 'subscript'])) {
    if (found.type === 'identifier') {
      names.push(found.text);
    } else {
      const key = found.childForFieldName('subscript');
      if (key && isPlainString(key)) names.push(key.text);
    }
  }
  return names;
}
