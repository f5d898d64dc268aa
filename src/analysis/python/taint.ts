import type { Node } from 'web-tree-sitter';
import { FRAMEWORKS, frameworkOfImport, type FrameworkModel } from '../frameworks/index.js';
import { report, snippetOf, type FileContext } from './context.js';
import { builtStringOf } from './flows.js';
import { resolve } from './imports.js';
import {
  MARKUP_TEXT,
  NEUTRAL_CALLS,
  NEUTRAL_METHODS,
  PATH_COMPONENT_ATTRIBUTES,
  looksLikeSqlObject,
  sanitises,
  sinksOfCall,
  SINK_NAMES,
  type SinkHit,
  type SinkKind,
} from './sinks.js';
import {
  callArgs,
  dottedName,
  isPlainString,
  isStringNode,
  lastPart,
  stringContent,
  unwrap,
} from './syntax.js';

/**
 * Request data followed to the sink, within a function and through the simple helpers of the
 * same module. A value is tainted when it is read from the request as the framework models say
 * (`request.args`, a handler's `request.GET`, `self.get_argument`, a route's parameters), or
 * computed from a tainted value by assignment, f-string, `%`, `.format`, `+`, `join`, a string
 * method or a path/encoding function. Calls that reduce a value to a number or a truth value
 * (`int`, `len`, comparisons) and the sanitisers each sink names (escape for HTML,
 * secure_filename for paths, shlex.quote for a shell) end the taint. A call to a function of
 * this module is followed through its summary: which parameters reach which sink, and whether
 * it returns request data or one of its parameters.
 *
 * What it does not see, it does not claim: values kept in attributes, containers filled by
 * method calls, other modules and closures are not followed. The sink rules of the call rules
 * still report the sink itself where its argument is not a literal.
 */

interface Step {
  line: number;
  text: string;
}

/** Where a value came from: the request (-1) or the function's parameter of that index. */
interface Taint {
  origin: number;
  steps: Step[];
}

type State = Map<string, Taint>;

interface SummarySink {
  param: number;
  hit: SinkHit;
  at: Node;
  steps: Step[];
  object: Node | undefined;
}

interface Summary {
  params: string[];
  /** Origins of the returned value: -1 request data, i the parameter i. */
  returns: Taint[];
  sinks: SummarySink[];
}

interface Frame {
  context: FileContext;
  fn: Node | undefined;
  cls: Node | undefined;
  /** Names of the function's parameters that hold the request, with the models that say so. */
  requestParams: Map<string, FrameworkModel[]>;
  /** Models whose handler base the enclosing class extends. */
  handlerModels: FrameworkModel[];
  params: string[];
  summary: Summary;
  /** True on the pass that reports; the first pass only builds summaries. */
  reporting: boolean;
  /** The function checks a joined path stays inside a directory: its file paths are guarded. */
  guardsPaths: boolean;
  /** True when the function is a request handler (route, handler method, request parameter). */
  handler: boolean;
  /** The calls of its body the walk checks (see `callsIn`). */
  calls: Node[];
  files: FileFacts;
}

interface FileFacts {
  models: FrameworkModel[];
  functions: Map<string, Node>;
  summaries: Map<Node['id'], Summary>;
  /** Calls of a sink's or a helper's name (`execute(`, `helper(`): the only calls the walk checks. */
  calls: RegExp;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);
const SAFE_ANNOTATIONS =
  /^(?:int|float|bool|complex|UUID|uuid\.UUID|date|datetime|Decimal|PositiveInt|conint\(.*\)|Optional\[(?:int|float|bool|UUID)\])$/;
const DEPENDENCY_DEFAULT = /^(?:Depends|Security|Inject|Provide)\(/;
const HANDLER_METHODS = /^(get|post|put|patch|delete|head|options|dispatch|do_[A-Z]+|on_[a-z]+|prepare)$/;
const GUARDED_PATH =
  /is_relative_to\(|commonpath\(|commonprefix\(|safe_join\(|(?:realpath|abspath|\.resolve\(\))[\s\S]*\.startswith\(/;

/** Functions whose result carries their arguments' content (text, paths, encodings). */
const PROPAGATING_FUNCTIONS =
  /^(?:str|repr|ascii|format|bytes|bytearray|list|tuple|set|frozenset|dict|sorted|reversed|os\.fspath|(?:os\.path|posixpath|ntpath|pathlib|urllib\.parse|base64|binascii|codecs|textwrap|html|shlex)\.\w+|json\.loads?|re\.sub|string\.Template|Path|PurePath|PosixPath|WindowsPath)$/;
/** Methods whose result carries the content of their arguments as well as of their object. */
const COMBINING_METHODS = new Set([
  'join',
  'format',
  'format_map',
  'replace',
  'joinpath',
  'substitute',
  'safe_substitute',
  'with_name',
  'with_suffix',
]);

/** Runs the taint walk on a parsed file and reports what reaches a sink. */
export function checkTaint(context: FileContext): void {
  const models = activeModels(context);
  if (models.length === 0 && !/\bexecute/.test(context.source)) return;
  const source = context.source;
  const textOf = (node: Node): string => source.slice(node.startIndex, node.endIndex);
  const functions = new Map<string, Node>();
  const all = definitions(context);
  for (const fn of all) {
    const name = fn.childForFieldName('name')?.text;
    if (name === undefined) continue;
    const cls = classOf(fn);
    const key = cls === undefined ? name : `${cls.childForFieldName('name')?.text ?? ''}.${name}`;
    if (cls !== undefined || isTopLevel(fn)) functions.set(key, fn);
  }
  const files: FileFacts = { models, functions, summaries: new Map(), calls: callPattern(functions) };
  const cache = new Map<number, Facts>();
  const facts = (fn: Node): Facts => {
    let found = cache.get(fn.id);
    if (!found) {
      found = factsOf(context, fn, files);
      cache.set(fn.id, found);
    }
    return found;
  };
  // Where request data can enter: routes, handlers, functions with a request parameter or that
  // name a module-level request object (and the module body). Only those are walked to report,
  // and only the helpers they call (two calls deep) get a summary first. A function that neither
  // reads request data nor is called from one that does cannot carry it anywhere. The text
  // test comes first: most functions of a large file are let go without looking at their tree.
  const objects = requestObjectNames(context);
  const maybe = entryWords(models, objects, source);
  const entries = all
    .filter(
      (fn) => fn.parent?.type === 'decorated_definition' || (maybe !== undefined && maybe.test(textOf(fn))),
    )
    .map(facts)
    .filter(
      (f) =>
        f.route !== undefined ||
        f.requestParams.size > 0 ||
        f.handlerModels.length > 0 ||
        (objects !== undefined && f.fn !== undefined && objects.test(textOf(f.fn))),
    );
  const helpers = new Set<Facts>();
  let frontier = entries;
  for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
    const next: Facts[] = [];
    for (const f of frontier) {
      for (const fn of helpersCalled(f, f.fn === undefined ? '' : textOf(f.fn), functions)) {
        const helper = facts(fn);
        if (!helpers.has(helper) && helper !== f) {
          helpers.add(helper);
          next.push(helper);
        }
      }
    }
    frontier = next;
  }
  // SQL run by a helper on a string its callers build: the helpers with an execute, and their callers.
  const sqlHelpers = all.filter((fn) => /\.execute\w*\s*\(/.test(textOf(fn)));
  for (const fn of sqlHelpers) {
    const helper = facts(fn);
    helpers.add(helper);
    const call = new RegExp(`\\b${fn.childForFieldName('name')?.text ?? ''}\\s*\\(`);
    for (const caller of all) {
      const f = caller.equals(fn) ? undefined : facts(caller);
      if (f && !entries.includes(f) && call.test(textOf(caller))) entries.push(f);
    }
  }
  // Helpers deepest first, twice, so that a helper's helper is summarised before it is used.
  const ordered = [...helpers].reverse();
  for (let round = 0; round < 2; round++) for (const f of ordered) analyseFunction(context, f, files, false);
  for (const f of entries) analyseFunction(context, f, files, true);
  if (objects !== undefined && objects.test(source))
    analyseFunction(context, factsOf(context, undefined, files), files, true);
}

/** Words without which a function cannot be an entry: a request parameter or object, `self.` in a handler. */
function entryWords(
  models: FrameworkModel[],
  objects: RegExp | undefined,
  source: string,
): RegExp | undefined {
  const words = new Set<string>();
  for (const model of models) for (const parameter of model.requests.parameters) words.add(parameter);
  const parts = words.size > 0 ? [`\\b(?:${[...words].join('|')})\\b`] : [];
  if (objects) parts.push(objects.source);
  // `self.` only where a class could extend a handler base of a model (its last name is in the text).
  const bases = models.flatMap((m) => (m.requests.selfMembers.length > 0 ? m.requests.handlerBases : []));
  if (bases.some((base) => source.includes(lastPart(base)))) parts.push('\\bself\\.');
  return parts.length === 0 ? undefined : new RegExp(parts.join('|'));
}

/** The called names a walk looks at: every sink's, and this file's own functions'. */
function callPattern(functions: Map<string, Node>): RegExp {
  const names = new Set([...SINK_NAMES, ...[...functions.keys()].map(lastPart)]);
  return new RegExp(`\\b(?:${[...names].filter((n) => /^\w+$/.test(n)).join('|')})\\s*\\(`, 'g');
}

/** The local names of module-level request objects (`request` from `from flask import request`), as one pattern. */
function requestObjectNames(context: FileContext): RegExp | undefined {
  const names = new Set<string>();
  for (const [local, target] of context.imports) {
    if (FRAMEWORKS.some((m) => m.requests.objects.some((o) => o === target || o.startsWith(`${target}.`))))
      names.add(local);
  }
  return names.size === 0 ? undefined : new RegExp(`\\b(?:${[...names].join('|')})\\.`);
}

/**
 * The functions of this file a function's text calls the way `summaryOf` resolves them: a bare
 * `name(...)` of a top-level function, `self.name(...)` of a method of its own class.
 */
function helpersCalled(facts: Facts, text: string, functions: Map<string, Node>): Node[] {
  const found: Node[] = [];
  const className = facts.cls?.childForFieldName('name')?.text;
  for (const match of text.matchAll(/(\bself\.|(?<![.\w]))([A-Za-z_]\w*)\s*\(/g)) {
    const key = match[1] === undefined || match[1] === '' ? match[2] : `${className ?? ''}.${match[2] ?? ''}`;
    const fn = key === undefined ? undefined : functions.get(key);
    if (fn && !found.includes(fn)) found.push(fn);
  }
  return found;
}

/** Every function definition of the file, found by its `def` in the text, then in the tree. */
function definitions(context: FileContext): Node[] {
  const found: Node[] = [];
  for (const match of context.source.matchAll(/\bdef\s/g)) {
    const keyword = context.root.descendantForIndex(match.index, match.index + 3);
    const fn = keyword?.parent;
    if (keyword?.type === 'def' && fn?.type === 'function_definition') found.push(fn);
  }
  return found;
}

function activeModels(context: FileContext): FrameworkModel[] {
  const found = new Set<FrameworkModel>();
  // The modules imported, as the import facts name them (`import tornado.web` binds only `tornado`).
  const modules = [
    ...context.imports.values(),
    ...context.findings
      .filter((f) => f.rule.startsWith('import:'))
      .map((f) => f.rule.slice('import:'.length)),
  ];
  for (const module of modules) {
    const model = frameworkOfImport(module);
    if (model) found.add(model);
  }
  return [...found];
}

function isTopLevel(fn: Node): boolean {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return holder?.type === 'module';
}

/** The class a function is a method of (directly in its body). */
function classOf(fn: Node): Node | undefined {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const cls = holder?.type === 'block' ? holder.parent : undefined;
  return cls?.type === 'class_definition' ? cls : undefined;
}

function parameterNames(fn: Node | undefined): { names: string[]; nodes: Node[] } {
  const names: string[] = [];
  const nodes: Node[] = [];
  const list = fn?.childForFieldName('parameters');
  for (const param of list?.namedChildren ?? []) {
    const name =
      param.type === 'identifier'
        ? param
        : (param.childForFieldName('name') ?? param.namedChildren.find((c) => c.type === 'identifier'));
    if (name?.type === 'identifier') {
      names.push(name.text);
      nodes.push(param);
    }
  }
  return { names, nodes };
}

function decoratorsOf(fn: Node): Node[] {
  const holder = fn.parent;
  return holder?.type === 'decorated_definition'
    ? holder.namedChildren.filter((c) => c.type === 'decorator')
    : [];
}

/** The route string of a route decorator (`"/u/<int:id>"`), or undefined when it is no route. */
function routeOf(context: FileContext, fn: Node, models: FrameworkModel[]): string | undefined {
  for (const decorator of decoratorsOf(fn)) {
    const call = decorator.namedChildren.find((c) => c.type === 'call');
    const callee = dottedName(call?.childForFieldName('function'));
    if (!call || callee === undefined) continue;
    // `@app.route(...)`, `@router.get(...)`, or a bare `@route(...)` imported from the framework.
    if (!callee.includes('.') && resolve(callee, context.imports) === callee) continue;
    const method = lastPart(callee);
    if (!models.some((model) => model.requests.routes?.includes(method) === true)) continue;
    const path = callArgs(call).positional[0];
    if (path !== undefined && isPlainString(path) && stringContent(path).startsWith('/'))
      return stringContent(path);
    if (resolve(callee, context.imports) !== callee) return '';
  }
  return undefined;
}

interface Facts {
  fn: Node | undefined;
  cls: Node | undefined;
  names: string[];
  nodes: Node[];
  handlerModels: FrameworkModel[];
  requestParams: Map<string, FrameworkModel[]>;
  route: string | undefined;
}

/** What a function's definition says about request data: its class, parameters, route. */
function factsOf(context: FileContext, fn: Node | undefined, files: FileFacts): Facts {
  const cls = fn === undefined ? undefined : classOf(fn);
  const { names, nodes } = parameterNames(fn);
  const bases = cls?.childForFieldName('superclasses')?.namedChildren ?? [];
  const handlerModels =
    bases.length === 0
      ? []
      : FRAMEWORKS.filter((model) =>
          bases.some((base) => {
            const name = dottedName(base);
            return name !== undefined && model.requests.handlerBases.includes(resolve(name, context.imports));
          }),
        );
  const requestParams = new Map<string, FrameworkModel[]>();
  for (const name of names) {
    const models = files.models.filter((model) => model.requests.parameters.includes(name));
    if (models.length > 0) requestParams.set(name, models);
  }
  const route = fn === undefined ? undefined : routeOf(context, fn, files.models);
  return { fn, cls, names, nodes, handlerModels, requestParams, route };
}

function analyseFunction(context: FileContext, facts: Facts, files: FileFacts, reporting: boolean): void {
  const { fn, cls, names, nodes, handlerModels, requestParams, route } = facts;
  const summary: Summary = { params: names, returns: [], sinks: [] };
  const state: State = new Map();
  names.forEach((name, index) => {
    if (!requestParams.has(name) && name !== 'self' && name !== 'cls')
      state.set(name, { origin: index, steps: [] });
  });
  if (fn !== undefined && route !== undefined) {
    nodes.forEach((param, index) => {
      const name = names[index] ?? '';
      if (requestParams.has(name) || name === 'self' || !isRouteInput(param, name, route)) return;
      state.set(name, { origin: -1, steps: [stepAt(context, param, `route parameter ${name}`)] });
    });
  }
  const body = fn === undefined ? context.root : fn.childForFieldName('body');
  const frame: Frame = {
    calls: body ? callsIn(context, body, files.calls) : [],
    context,
    fn,
    cls,
    requestParams,
    handlerModels,
    params: names,
    summary,
    reporting,
    guardsPaths: fn !== undefined && GUARDED_PATH.test(context.source.slice(fn.startIndex, fn.endIndex)),
    handler:
      fn !== undefined &&
      (route !== undefined ||
        requestParams.size > 0 ||
        (handlerModels.length > 0 && HANDLER_METHODS.test(fn.childForFieldName('name')?.text ?? ''))),
    files,
  };
  // Nothing to check and nothing to return: the walk would find nothing.
  const returns =
    body !== undefined &&
    body !== null &&
    /\breturn\b/.test(context.source.slice(body.startIndex, body.endIndex));
  if (body && (frame.calls.length > 0 || returns)) walk(frame, body, state, true);
  if (fn !== undefined) files.summaries.set(fn.id, summary);
}

/** A route parameter that carries text from the request: not `<int:id>`, `id: int` or `Depends(...)`. */
function isRouteInput(param: Node, name: string, route: string): boolean {
  if (new RegExp(`<(?:int|float|uuid):${name}>`).test(route)) return false;
  const annotation = param.childForFieldName('type')?.text.replace(/\s+/g, '');
  if (annotation !== undefined && SAFE_ANNOTATIONS.test(annotation)) return false;
  const value = param.childForFieldName('value')?.text;
  if (value !== undefined && DEPENDENCY_DEFAULT.test(value)) return false;
  return !['cls', 'db', 'session', 'response', 'resp', 'background_tasks', 'current_user'].includes(name);
}

/** Walks statements in source order; `top` is true for the function's own body block. */
function walk(frame: Frame, node: Node, state: State, top: boolean): void {
  for (const child of node.namedChildren) {
    if (DEFINITIONS.has(child.type)) continue;
    switch (child.type) {
      case 'block':
        walk(frame, child, state, false);
        break;
      case 'expression_statement':
        checkCalls(frame, child, state);
        for (const expression of child.namedChildren) assign(frame, expression, state, top);
        break;
      case 'return_statement':
        checkCalls(frame, child, state);
        checkReturn(frame, child, state);
        break;
      case 'for_statement': {
        const right = child.childForFieldName('right');
        const left = child.childForFieldName('left');
        if (right) checkCalls(frame, right, state);
        const taint = right ? taintOf(frame, right, state) : undefined;
        if (taint && left) bind(frame, left, taint, child, state);
        for (const part of child.namedChildren) {
          if (part.type === 'block' || part.type === 'else_clause') walk(frame, part, state, false);
        }
        break;
      }
      case 'if_statement':
      case 'elif_clause':
      case 'else_clause':
      case 'while_statement':
      case 'try_statement':
      case 'except_clause':
      case 'finally_clause':
      case 'with_statement':
      case 'match_statement':
      case 'case_clause':
        walkCompound(frame, child, state);
        break;
      default:
        checkCalls(frame, child, state);
    }
  }
}

function walkCompound(frame: Frame, node: Node, state: State): void {
  for (const part of node.namedChildren) {
    if (DEFINITIONS.has(part.type)) continue;
    if (part.type === 'block') walk(frame, part, state, false);
    else if (/_clause$|^with_clause$|^case_clause$/.test(part.type) || part.type === 'block')
      walkCompound(frame, part, state);
    else checkCalls(frame, part, state);
  }
  // `with open(p) as f` binds nothing tainted that matters; the blocks were walked above.
}

function assign(frame: Frame, expression: Node, state: State, top: boolean): void {
  if (expression.type !== 'assignment' && expression.type !== 'augmented_assignment') return;
  const left = expression.childForFieldName('left');
  const right = expression.childForFieldName('right');
  if (!left || !right) return;
  if (right.type === 'assignment') assign(frame, right, state, top);
  const value = right.type === 'assignment' ? right.childForFieldName('right') : right;
  const taint = value ? taintOf(frame, value, state) : undefined;
  if (taint) bind(frame, left, taint, expression, state);
  else if (expression.type === 'assignment' && top && left.type === 'identifier') state.delete(left.text);
}

function bind(frame: Frame, target: Node, taint: Taint, at: Node, state: State): void {
  const step = stepAt(frame.context, at);
  const steps = taint.steps.at(-1)?.line === step.line ? taint.steps : [...taint.steps, step];
  const names =
    target.type === 'identifier'
      ? [target]
      : target.descendantsOfType('identifier').filter((id) => id.parent?.type !== 'attribute');
  for (const name of names) state.set(name.text, { origin: taint.origin, steps });
}

function stepAt(context: FileContext, node: Node, text?: string): Step {
  const row = node.startPosition.row;
  return { line: row + 1, text: (text ?? snippetOf(context, row, false)).slice(0, 80) };
}

/**
 * Where `node` reads request data, as the models say; the words for the evidence, or undefined.
 */
function requestRead(frame: Frame, node: Node): string | undefined {
  const { context } = frame;
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    if (value?.type === 'identifier') {
      const models = frame.requestParams.get(value.text);
      if (models?.some((model) => model.requests.attributes.length === 0)) return node.text;
    }
    return undefined;
  }
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute')?.text ?? '';
  if (!object) return undefined;
  const name = dottedName(object);
  if (name !== undefined) {
    const resolved = resolve(name, context.imports);
    if (context.imports.has(name.split('.')[0] ?? '')) {
      if (FRAMEWORKS.some((model) => model.requests.objects.includes(resolved))) return node.text;
    }
  }
  if (object.type === 'identifier') {
    const models = frame.requestParams.get(object.text);
    if (models?.some((m) => m.requests.attributes.length === 0 || m.requests.attributes.includes(attribute)))
      return node.text;
    if (object.text === 'self') {
      const member = frame.handlerModels.some(
        (m) => attribute !== 'request' && m.requests.selfMembers.includes(attribute),
      );
      if (member) return node.text;
    }
  }
  // `self.request.GET`: the handler's request object, then one of its data attributes.
  if (object.type === 'attribute' && object.text === 'self.request') {
    const models = frame.handlerModels.filter((m) => m.requests.selfMembers.includes('request'));
    if (models.some((m) => m.requests.attributes.length === 0 || m.requests.attributes.includes(attribute)))
      return node.text;
  }
  return undefined;
}

function calleeName(
  frame: Frame,
  fn: Node | null,
): { name: string | undefined; resolved: string | undefined } {
  const name = dottedName(fn);
  if (name === undefined) return { name: undefined, resolved: undefined };
  const resolved = resolve(name, frame.context.imports);
  // A bare name nothing was imported as is the builtin, or a function of this file.
  return { name, resolved };
}

/** The summary of the same-module function a call names: `helper(...)` or `self.helper(...)`. */
function summaryOf(frame: Frame, fn: Node | null): { summary: Summary; offset: number } | undefined {
  if (!fn) return undefined;
  let definition: Node | undefined;
  let offset = 0;
  if (fn.type === 'identifier' && !frame.context.imports.has(fn.text)) {
    definition = frame.files.functions.get(fn.text);
  } else if (fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'self' && frame.cls) {
    const className = frame.cls.childForFieldName('name')?.text ?? '';
    definition = frame.files.functions.get(`${className}.${fn.childForFieldName('attribute')?.text ?? ''}`);
    offset = 1;
  }
  if (definition === undefined) return undefined;
  const summary = frame.files.summaries.get(definition.id);
  return summary ? { summary, offset } : undefined;
}

/** The argument of a call that fills parameter `index` of a summarised function. */
function argumentFor(call: Node, summary: Summary, index: number, offset: number): Node | undefined {
  const args = callArgs(call);
  const name = summary.params[index];
  if (name !== undefined && args.keywords.has(name)) return args.keywords.get(name);
  return args.positional[index - offset];
}

/** The taint a value carries, for a sink of `kind` (its sanitisers end the taint). */
function taintOf(frame: Frame, node: Node, state: State, kind?: SinkKind, depth = 0): Taint | undefined {
  if (depth > 40) return undefined;
  const inner = unwrap(node);
  const next = (child: Node): Taint | undefined => taintOf(frame, child, state, kind, depth + 1);
  switch (inner.type) {
    case 'identifier':
      return state.get(inner.text);
    case 'attribute': {
      const read = requestRead(frame, inner);
      if (read !== undefined) return { origin: -1, steps: [stepAt(frame.context, inner)] };
      const attribute = inner.childForFieldName('attribute')?.text ?? '';
      if (kind === 'path' && PATH_COMPONENT_ATTRIBUTES.has(attribute)) return undefined;
      const object = inner.childForFieldName('object');
      return object ? next(object) : undefined;
    }
    case 'subscript': {
      const read = requestRead(frame, inner);
      if (read !== undefined) return { origin: -1, steps: [stepAt(frame.context, inner)] };
      const value = inner.childForFieldName('value');
      return value ? next(value) : undefined;
    }
    case 'call':
      return taintOfCall(frame, inner, state, kind, depth);
    case 'comparison_operator':
    case 'not_operator':
    case 'lambda':
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
    case 'comment':
      return undefined;
    case 'keyword_argument': {
      const value = inner.childForFieldName('value');
      return value ? next(value) : undefined;
    }
    case 'conditional_expression': {
      // `a if cond else b`: the condition decides, it is not the value.
      const [first, , last] = inner.namedChildren;
      return (first ? next(first) : undefined) ?? (last ? next(last) : undefined);
    }
    default:
      for (const child of inner.namedChildren) {
        const found = next(child);
        if (found) return found;
      }
      return undefined;
  }
}

function taintOfCall(
  frame: Frame,
  call: Node,
  state: State,
  kind: SinkKind | undefined,
  depth: number,
): Taint | undefined {
  const fn = call.childForFieldName('function');
  const next = (child: Node): Taint | undefined => taintOf(frame, child, state, kind, depth + 1);
  const { name, resolved } = calleeName(frame, fn);
  const last = lastPart(resolved ?? name ?? '');
  if (
    resolved !== undefined &&
    (NEUTRAL_CALLS.has(resolved) || (fn?.type === 'identifier' && NEUTRAL_CALLS.has(last)))
  )
    return undefined;
  if (sanitises(kind, last)) return undefined;
  if (fn?.type === 'attribute' && NEUTRAL_METHODS.has(last)) return undefined;
  const helper = summaryOf(frame, fn);
  if (helper) {
    for (const returned of helper.summary.returns) {
      if (returned.origin === -1)
        return { origin: -1, steps: [...returned.steps, stepAt(frame.context, call)] };
      const argument = argumentFor(call, helper.summary, returned.origin, helper.offset);
      const taint = argument ? next(argument) : undefined;
      if (taint) return { origin: taint.origin, steps: [...taint.steps, stepAt(frame.context, call)] };
    }
    return undefined;
  }
  if (fn?.type === 'attribute') {
    // `request.args.get("q")`, `name.strip()`, `"".join(parts)`, `"{}".format(x)`.
    const read = requestRead(frame, fn);
    if (read !== undefined) return { origin: -1, steps: [stepAt(frame.context, call)] };
    const object = fn.childForFieldName('object');
    const fromObject = object ? next(object) : undefined;
    if (fromObject) return fromObject;
    if (!COMBINING_METHODS.has(last) && !(resolved !== undefined && PROPAGATING_FUNCTIONS.test(resolved)))
      return undefined;
  } else if (resolved === undefined || !PROPAGATING_FUNCTIONS.test(resolved)) {
    return undefined;
  }
  const args = call.childForFieldName('arguments');
  return args ? next(args) : undefined;
}

/** The literal text a value is built from, followed through the steps that built it. */
function literalText(node: Node, steps: Step[]): string {
  const parts = [
    ...node.descendantsOfType('string_content').map((c) => c.text),
    ...(isStringNode(node) ? [stringContent(node)] : []),
  ];
  return [...parts, ...steps.map((s) => s.text)].join('\n');
}

function checkCalls(frame: Frame, node: Node, state: State): void {
  for (const call of frame.calls) {
    if (call.startIndex < node.startIndex || call.endIndex > node.endIndex) continue;
    const fn = call.childForFieldName('function');
    const { name, resolved } = calleeName(frame, fn);
    const object = fn?.type === 'attribute' ? (fn.childForFieldName('object') ?? undefined) : undefined;
    const method = lastPart(resolved ?? name ?? fn?.childForFieldName('attribute')?.text ?? '');
    const head = name?.split('.')[0] ?? '';
    // A module function (`os.system`, an imported or builtin name) or a method on a value (`cur.execute`).
    const qualified =
      name !== undefined && (!name.includes('.') || frame.context.imports.has(head)) ? resolved : undefined;
    for (const hit of sinksOfCall({ call, resolved: qualified, method, object })) {
      checkSink(frame, hit, call, state);
    }
    const helper = summaryOf(frame, fn);
    if (helper) checkHelperCall(frame, call, helper.summary, helper.offset, state);
  }
}

/**
 * The calls of a function's body (not of the functions and lambdas inside it) whose called
 * name some sink or helper has, in source order: found in the text, then in the tree.
 */
function callsIn(context: FileContext, body: Node, calls: RegExp): Node[] {
  const found: Node[] = [];
  const text = context.source.slice(body.startIndex, body.endIndex);
  for (const match of text.matchAll(calls)) {
    const start = body.startIndex + match.index;
    const identifier = context.root.descendantForIndex(start, start + 1);
    if (identifier?.type !== 'identifier') continue;
    const parent = identifier.parent;
    const callee =
      parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier)
        ? parent
        : identifier;
    const call = callee.parent;
    if (call?.type !== 'call' || !call.childForFieldName('function')?.equals(callee)) continue;
    if (!insideDefinition(call, body)) found.push(call);
  }
  return found;
}

function insideDefinition(node: Node, stop: Node): boolean {
  for (let up = node.parent; up && !up.equals(stop); up = up.parent) {
    if (DEFINITIONS.has(up.type)) return true;
  }
  return false;
}

/**
 * Whether a tainted value at a sink is the problem the sink is about: markup in an HTML body,
 * SQL text (or a database handle) at an `execute`. `values` are the expressions that built the
 * value, at the sink and, through a helper, at its call.
 */
function sinkApplies(hit: SinkHit, values: Node[], steps: Step[], object: Node | undefined): boolean {
  const text =
    values.map((value) => literalText(value, [])).join('\n') + '\n' + steps.map((s) => s.text).join('\n');
  if (hit.needsMarkup === true && !MARKUP_TEXT.test(text)) return false;
  if (hit.kind === 'sql') return SQL_TEXT.test(text) || looksLikeSqlObject(object);
  return true;
}

const SQL_TEXT = /\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|VALUES|ORDER BY)\b/i;

function checkSink(frame: Frame, hit: SinkHit, call: Node, state: State): void {
  const taint = taintOf(frame, hit.argument, state, hit.kind);
  if (!taint) return;
  const fn = call.childForFieldName('function');
  const object = fn?.type === 'attribute' ? (fn.childForFieldName('object') ?? undefined) : undefined;
  if (hit.kind === 'path' && frame.guardsPaths) return;
  const steps = [...taint.steps, stepAt(frame.context, call)];
  if (taint.origin === -1) {
    if (frame.reporting && sinkApplies(hit, [hit.argument], steps, object))
      reportTaint(frame.context, hit, call, steps);
  } else {
    // Whether it applies is decided at each call of this function, with what the caller passes.
    frame.summary.sinks.push({ param: taint.origin, hit, at: call, steps, object });
  }
}

/** A call to a helper of this module whose parameter reaches a sink. */
function checkHelperCall(frame: Frame, call: Node, summary: Summary, offset: number, state: State): void {
  for (const sink of summary.sinks) {
    const argument = argumentFor(call, summary, sink.param, offset);
    if (!argument) continue;
    const taint = taintOf(frame, argument, state, sink.hit.kind);
    const through = stepAt(frame.context, call);
    if (taint?.origin === -1) {
      const steps = [...taint.steps, through, ...sink.steps];
      if (frame.reporting && sinkApplies(sink.hit, [argument, sink.hit.argument], steps, sink.object))
        reportTaint(frame.context, sink.hit, sink.at, steps);
      continue;
    }
    if (taint && !frame.summary.sinks.some((s) => s.at.equals(sink.at) && s.param === taint.origin)) {
      frame.summary.sinks.push({
        ...sink,
        param: taint.origin,
        steps: [...taint.steps, through, ...sink.steps],
      });
    }
    if (
      sink.hit.kind === 'sql' &&
      frame.reporting &&
      builtStringOf(argument) !== undefined &&
      sinkApplies(sink.hit, [argument], sink.steps, sink.object)
    ) {
      // SQL built from strings here and run by the helper: the call rules see only the helper's
      // parameter at its execute, so the string is reported where it is built.
      report(frame.context, 'py-sql-format', call, {
        message: `SQL is built from strings here and run by ${callText(call)} at line ${sink.at.startPosition.row + 1}; pass values as query parameters`,
      });
    }
  }
}

function callText(call: Node): string {
  return `${call.childForFieldName('function')?.text ?? 'a helper'}()`;
}

function checkReturn(frame: Frame, statement: Node, state: State): void {
  const value = statement.namedChildren.find((child) => child.type !== 'comment');
  if (!value) return;
  const taint = taintOf(frame, value, state);
  if (taint) {
    if (!frame.summary.returns.some((r) => r.origin === taint.origin))
      frame.summary.returns.push({
        origin: taint.origin,
        steps: [...taint.steps, stepAt(frame.context, statement)],
      });
  }
  // A dictionary (or, outside WSGI, a list) returned from a handler is sent as JSON.
  const type = unwrap(value).type;
  const wsgi = frame.params.includes('start_response');
  if (!frame.handler || !frame.reporting || type === 'dictionary' || (type === 'list' && !wsgi)) return;
  const hit: SinkHit = {
    kind: 'html',
    rule: 'py-html-response-request',
    argument: value,
    label: 'an HTML response',
    needsMarkup: true,
  };
  const html = taintOf(frame, value, state, 'html');
  if (html?.origin === -1 && sinkApplies(hit, [value], html.steps, undefined))
    reportTaint(frame.context, hit, statement, [...html.steps, stepAt(frame.context, statement)]);
}

function reportTaint(context: FileContext, hit: SinkHit, at: Node, steps: Step[]): void {
  const line = at.startPosition.row + 1;
  const path = steps
    .filter((step, i) => i === 0 || step.line !== steps[i - 1]?.line || step.text !== steps[i - 1]?.text)
    .map((step) => `${context.path}:${step.line} ${step.text}`)
    .join(' → ');
  const message = `request data reaches ${hit.label}: ${path}`;
  const existing = context.findings.find(
    (f) =>
      f.line === line && (f.rule === hit.rule || (hit.replaces !== undefined && f.rule === hit.replaces)),
  );
  if (existing) context.findings.splice(context.findings.indexOf(existing), 1);
  report(context, hit.rule, at, { message });
}
