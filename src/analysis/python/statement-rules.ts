import type { Node } from 'web-tree-sitter';
import { FRAMEWORKS } from '../frameworks/index.js';
import { definesName, importsModule, report, type FileContext } from './context.js';
import { isConstantValue, literalOf } from './flows.js';
import { resolve } from './imports.js';
import {
  callArgs,
  commandArgument,
  dottedName,
  enclosingClass,
  isModuleLevel,
  isPlainString,
  lastPart,
  stringContent,
  unwrap,
} from './syntax.js';

/** Rules that look at keyword arguments, assignments, decorators, classes and names. */

/**
 * Names of the keys frameworks sign sessions and cookies with (the models' `secretKey`):
 * Flask/Django `SECRET_KEY`, `app.secret_key`, Tornado's `cookie_secret`, Sanic's `SECRET`.
 * Bottle's and Pyramid's `secret=` keyword is one too (`set_cookie(..., secret=...)`,
 * `AuthTktAuthenticationPolicy(secret=...)`), but only as a keyword: a variable named `secret`
 * is anything.
 */
const SECRET_KEY_NAMES = /^(JWT_)?SECRET_KEY$|^secret_key$|^cookie_secret$|^SECRET$/;
const SECRET_KEYWORDS = /^(JWT_)?SECRET_KEY$|^secret_key$|^cookie_secret$|^SECRET$|^secret$/;
const CSRF_SWITCHES = new Set(['WTF_CSRF_ENABLED', 'CSRF_ENABLED']);
const CONFIG_CALLS = new Set(['update', 'from_mapping', 'configure']);
/**
 * Settings modules meant for a developer's machine or the tests, by their name in a split
 * settings layout: `settings/local.py`, `config/settings/dev.py`, `local_settings.py`,
 * `settings_test.py`. Debug switched on there is expected; the production module decides.
 */
const DEV_SETTINGS_FILE =
  /(?:^|\/)(?:settings|config|conf)\/(?:[\w]+\/)?(?:dev|develop|development|local|test|tests|testing|ci)(?:_[\w]+)?\.py$|(?:^|\/)(?:local|dev|development|test|testing)_settings\.py$|(?:^|\/)settings_(?:dev|development|local|test|testing)\.py$/;
/** Config classes meant for tests or development may switch safety off; others may not. */
const NON_PRODUCTION_CLASS = /test|dev|local|debug/i;

function typeOf(node: Node | null): string | undefined {
  return node ? unwrap(node).type : undefined;
}

/** The call whose argument list holds a keyword argument. */
function callOfKeyword(keyword: Node): Node | undefined {
  const call = keyword.parent?.parent;
  return call?.type === 'call' ? call : undefined;
}

function calleeName(call: Node): string {
  const fn = call.childForFieldName('function');
  return fn ? (dottedName(fn) ?? fn.text) : '';
}

const GETENV = new Set(['os.environ.get', 'os.getenv', 'os.environ.setdefault', 'decouple.config']);

/**
 * A value that puts a literal secret in the source: a non-empty string, or one reachable as a
 * fallback (`getenv('K', 'dev')`, `env('K', default='dev')`, `getenv('K') or 'dev'`).
 */
export function holdsLiteralSecret(context: FileContext, value: Node): boolean {
  const inner = unwrap(value);
  if (isPlainString(inner)) return stringContent(inner) !== '';
  if (inner.type === 'boolean_operator') {
    return inner.namedChildren.some((operand) => holdsLiteralSecret(context, operand));
  }
  if (inner.type === 'conditional_expression') {
    const [whenTrue, , whenFalse] = inner.namedChildren;
    return [whenTrue, whenFalse].some(
      (branch) => branch !== undefined && holdsLiteralSecret(context, branch),
    );
  }
  if (inner.type === 'call') {
    const name = dottedName(inner.childForFieldName('function'));
    if (!name) return false;
    const isEnv =
      GETENV.has(resolve(name, context.imports)) || context.envNames.has(name.split('.')[0] ?? '');
    if (!isEnv) return false;
    const args = callArgs(inner);
    const fallback = args.keywords.get('default') ?? args.positional[1];
    return fallback !== undefined && isPlainString(fallback) && stringContent(fallback) !== '';
  }
  return false;
}

const FALSY_TEXT = /^(0|false|no|off|n|f)?$/i;

/**
 * `DEBUG = os.environ.get("DEBUG", True)`, `config("DEBUG", default=True, cast=bool)`,
 * `env.bool("DEBUG", default=True)`, `bool(os.getenv("DEBUG", 1))`: debug is on wherever the
 * environment does not say otherwise. A string fallback counts unless a cast turns it false
 * (`os.environ.get("DEBUG", "False")` is the non-empty, truthy string "False").
 */
function defaultsOn(context: FileContext, value: Node): boolean {
  let inner = unwrap(value);
  if (inner.type === 'call' && dottedName(inner.childForFieldName('function')) === 'bool') {
    const arg = callArgs(inner).positional[0];
    if (!arg) return false;
    inner = unwrap(arg);
  }
  if (inner.type !== 'call') return false;
  const name = dottedName(inner.childForFieldName('function'));
  if (!name) return false;
  const isEnv = GETENV.has(resolve(name, context.imports)) || context.envNames.has(name.split('.')[0] ?? '');
  if (!isEnv) return false;
  const args = callArgs(inner);
  const fallback = args.keywords.get('default') ?? args.positional[1];
  if (!fallback) return false;
  const f = unwrap(fallback);
  if (f.type === 'true') return true;
  if (f.type === 'integer') return !/^0+$/.test(f.text);
  if (isPlainString(f)) {
    const text = stringContent(f).trim();
    const cast = args.keywords.has('cast') || /\.bool$/.test(name);
    return cast ? !FALSY_TEXT.test(text) : text !== '';
  }
  return false;
}

const DEBUG_DEFAULT_MESSAGE =
  'debug mode is on unless the environment switches it off (a truthy default); default to off';

/** True for a setting that ships: module level, or a config class not meant for dev/tests. */
function isShippedSetting(statement: Node): boolean {
  if (isModuleLevel(statement)) return true;
  const cls = enclosingClass(statement);
  const name = cls?.childForFieldName('name')?.text;
  return name !== undefined && !NON_PRODUCTION_CLASS.test(name);
}

/**
 * Whether `callee(..., debug=True)` switches a web framework's debug mode on: `app.run(...)`
 * (Flask, Bottle, Sanic), or a constructor a framework model names, reached through that
 * framework's imports (`web.Application` from aiohttp, `FastAPI`, `tornado.web.Application`).
 */
function switchesDebug(context: FileContext, call: Node, callee: string): boolean {
  if (callee === 'run' || callee === 'run_server') return !isEventLoopRun(context, call);
  const resolved = resolve(calleeName(call), context.imports);
  return FRAMEWORKS.some(
    (model) =>
      model.debug.calls.includes(callee) &&
      model.imports.some(
        (module) => resolved.startsWith(`${module}.`) || resolved.startsWith(`${module.split('.')[0]}.`),
      ),
  );
}

/** `bottle.debug(True)`: a framework call that switches debug mode on by itself. */
export function checkDebugSwitchCall(context: FileContext, call: Node): void {
  const name = dottedName(call.childForFieldName('function'));
  if (name === undefined) return;
  const resolved = resolve(name, context.imports);
  if (!FRAMEWORKS.some((model) => model.debug.switchCalls.includes(resolved))) return;
  const first = callArgs(call).positional[0];
  if (first === undefined || unwrap(first).type === 'true') report(context, 'py-debug-true', call);
}

const WSGI_ENTRY = /\bdef\s+\w+\s*\(\s*(?:self\s*,\s*)?environ\s*,\s*start_response\b/g;
const ASGI_ENTRY = /\bdef\s+\w+\s*\(\s*(?:self\s*,\s*)?scope\s*,\s*receive\s*,\s*send\s*\)/g;

/**
 * A bare WSGI callable (`def application(environ, start_response)`) or ASGI one (`async def
 * app(scope, receive, send)`): a web surface without a framework.
 */
export function checkWebEntries(context: FileContext): void {
  for (const pattern of [WSGI_ENTRY, ASGI_ENTRY]) {
    for (const match of context.source.matchAll(pattern)) {
      const keyword = context.root.descendantForIndex(match.index, match.index + 3);
      const definition = keyword?.parent;
      if (keyword?.type === 'def' && definition?.type === 'function_definition') {
        report(context, 'py-web-entry', definition);
      }
    }
  }
}

/** `asyncio.run(main(), debug=True)` turns on event-loop checks, not a web debugger. */
const EVENT_LOOP_RUNS = new Set(['asyncio.run', 'uvloop.run', 'trio.run', 'anyio.run', 'curio.run']);

function isEventLoopRun(context: FileContext, call: Node): boolean {
  const name = dottedName(call.childForFieldName('function'));
  return name !== undefined && EVENT_LOOP_RUNS.has(resolve(name, context.imports));
}

/**
 * Helpers that quote or split for a shell (`compat_shell_quote(a, shell=True)`, `shlex`-like
 * `split(cmd, shell=True)`) prepare a command; they start nothing.
 */
const SHELL_TEXT_HELPER = /quote|escape|split|join|format/i;

/**
 * Whether `f(..., shell=True)` runs a built command through a shell: not when the callee only
 * formats text for one, nor when the command is a literal written out in full
 * (`subprocess.call("ls -l", shell=True)`): nothing from outside reaches that shell.
 */
function startsShell(call: Node, callee: string): boolean {
  if (SHELL_TEXT_HELPER.test(callee)) return false;
  const command = commandArgument(call);
  return command === undefined || !(isPlainString(command) || isConstantValue(command));
}

/** shell=True, verify=False, cert_reqs='CERT_NONE', debug=True, SECRET_KEY='...', ... */
export function checkKeyword(context: FileContext, keyword: Node, name: string): void {
  const value = keyword.childForFieldName('value');
  const call = callOfKeyword(keyword);
  if (!value || !call) return;
  // `verify=VERIFY_TLS`, `shell=USE_SHELL`, `debug=DEBUG_MODE`: a constant one name away counts as written here.
  const constant = unwrap(value).type === 'identifier' ? literalOf(unwrap(value)) : undefined;
  const valueType = typeOf(constant ?? value);
  const callee = lastPart(calleeName(call));
  switch (name) {
    case 'shell':
      if (valueType === 'true' && startsShell(call, callee)) report(context, 'py-subprocess-shell', call);
      break;
    case 'verify':
      // PyJWT's decode(verify=False) is about signatures, not TLS.
      if (valueType === 'false' && callee !== 'decode') report(context, 'py-tls-verify-disabled', call);
      break;
    case 'ssl':
    case 'verify_ssl':
      // aiohttp's client: `session.get(url, ssl=False)`, `TCPConnector(verify_ssl=False)`. Elsewhere
      // `ssl=False` often means "no TLS at all" (redis, smtp), a choice of transport, not a check off.
      if (valueType === 'false' && importsModule(context, 'aiohttp'))
        report(context, 'py-tls-verify-disabled', call);
      break;
    case 'cert_reqs':
      if (isPlainString(value) && /^(CERT_)?NONE$/i.test(stringContent(value))) {
        report(context, 'py-tls-verify-disabled', call);
      }
      break;
    case 'debug':
      if ((valueType === 'true' || defaultsOn(context, value)) && switchesDebug(context, call, callee))
        report(
          context,
          'py-debug-true',
          call,
          valueType === 'true' ? {} : { message: DEBUG_DEFAULT_MESSAGE },
        );
      break;
    case 'autoescape':
      // `aiohttp_jinja2.setup(app, autoescape=False)`, `Jinja2Templates(..., autoescape=False)`,
      // Tornado's `Application(autoescape=None)`: the helper's escaping is switched off.
      if (valueType === 'false' || valueType === 'none') report(context, 'py-jinja-autoescape-off', call);
      break;
    case 'DEBUG':
      if (valueType === 'true' && CONFIG_CALLS.has(callee)) report(context, 'py-debug-true', call);
      break;
    case 'WTF_CSRF_ENABLED':
    case 'CSRF_ENABLED':
      if (valueType === 'false' && CONFIG_CALLS.has(callee)) report(context, 'py-csrf-disabled', call);
      break;
    default:
      if (SECRET_KEYWORDS.test(name) && holdsLiteralSecret(context, value)) {
        report(context, 'py-secret-key-literal', keyword);
      }
  }
}

/** DEBUG = True, app.debug = True, config['SECRET_KEY'] = '...', ctx.check_hostname = False, ... */
export function checkAssignment(context: FileContext, assignment: Node): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (!left || !right) return;
  const valueType = typeOf(right);
  let target: string;
  if (left.type === 'identifier') {
    target = left.text;
    if (
      target === 'DEBUG' &&
      valueType === 'true' &&
      isShippedSetting(assignment) &&
      DEV_SETTINGS_FILE.test(context.path)
    ) {
      // Split settings (`settings/local.py` beside `settings/production.py`): the developer's module.
      report(context, 'py-debug-dev-settings', assignment);
    } else if (target === 'DEBUG' && valueType === 'true' && isShippedSetting(assignment)) {
      report(context, 'py-debug-true', assignment);
    } else if (target === 'DEBUG' && isShippedSetting(assignment) && defaultsOn(context, right)) {
      report(context, 'py-debug-true', assignment, { message: DEBUG_DEFAULT_MESSAGE });
    } else if (CSRF_SWITCHES.has(target) && valueType === 'false' && isShippedSetting(assignment)) {
      report(context, 'py-csrf-disabled', assignment);
    }
  } else if (left.type === 'attribute') {
    target = left.childForFieldName('attribute')?.text ?? '';
    const owner = left.childForFieldName('object');
    const ownerName = owner ? (dottedName(owner) ?? '') : '';
    if (target === 'debug' && valueType === 'true' && /app(lication)?$/i.test(lastPart(ownerName))) {
      report(context, 'py-debug-true', assignment);
    } else if (target === 'autoescape' && (valueType === 'false' || valueType === 'none')) {
      // `env.autoescape = False` on a template environment built elsewhere.
      report(context, 'py-jinja-autoescape-off', assignment);
    } else if (
      (target === 'check_hostname' || target === 'verify') &&
      valueType === 'false' &&
      !(target === 'check_hostname' && ownerName === 'self')
    ) {
      // `self.check_hostname = False` is a context class (urllib3's PyOpenSSLContext) setting
      // its own initial state, as ssl.SSLContext starts; whoever uses it decides.
      report(context, 'py-tls-verify-disabled', assignment);
    }
  } else if (left.type === 'subscript') {
    const key = left.childForFieldName('subscript');
    if (!key || !isPlainString(key)) return;
    target = stringContent(key);
    const owner = left.childForFieldName('value');
    const isConfig = /config$/i.test(owner?.text ?? '');
    if (target === 'DEBUG' && valueType === 'true' && isConfig) {
      report(context, 'py-debug-true', assignment);
    } else if (CSRF_SWITCHES.has(target) && valueType === 'false') {
      report(context, 'py-csrf-disabled', assignment);
    }
  } else {
    return;
  }
  if (
    SECRET_KEY_NAMES.test(target) &&
    holdsLiteralSecret(context, right) &&
    !namesASetting(assignment, right)
  ) {
    report(context, 'py-secret-key-literal', assignment);
  }
}

const SETTING_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$/;

/**
 * botocore's `class EnvProvider: SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'`: outside a config class,
 * a constant whose value is itself a setting's name says where the secret is, not what it is.
 */
function namesASetting(assignment: Node, value: Node): boolean {
  const cls = enclosingClass(assignment);
  const name = cls?.childForFieldName('name')?.text;
  if (name === undefined || /config|setting/i.test(name)) return false;
  return isPlainString(value) && SETTING_NAME.test(stringContent(value));
}

/** `{'SECRET_KEY': '...'}` in a settings dictionary; `{'autoescape': False}` in template options. */
export function checkPair(context: FileContext, pair: Node, key: Node): void {
  if (!isPlainString(key)) return;
  const name = stringContent(key);
  const valueType = typeOf(pair.childForFieldName('value'));
  if (name === 'autoescape' && (valueType === 'false' || valueType === 'none')) {
    report(context, 'py-jinja-autoescape-off', pair);
    return;
  }
  if (name === 'debug' && valueType === 'true' && tornadoSettings(context)) {
    report(context, 'py-debug-true', pair);
    return;
  }
  if (!SECRET_KEY_NAMES.test(name)) return;
  const value = pair.childForFieldName('value');
  if (value && holdsLiteralSecret(context, value)) report(context, 'py-secret-key-literal', pair);
}

/** Tornado takes its settings as a dictionary: `Application(handlers, **{"debug": True})`. */
function tornadoSettings(context: FileContext): boolean {
  return importsModule(context, 'tornado');
}

/** `@csrf_exempt`, `@method_decorator(csrf_exempt, ...)`, Flask-WTF's `@csrf.exempt`. */
export function checkDecorator(context: FileContext, decorator: Node): void {
  for (const identifier of decorator.descendantsOfType('identifier')) {
    const name = identifier.text;
    const parent = identifier.parent;
    const csrfObject =
      name === 'exempt' &&
      parent?.type === 'attribute' &&
      /csrf/i.test(parent.childForFieldName('object')?.text ?? '');
    if (name === 'csrf_exempt' || csrfObject) {
      report(context, 'py-csrf-exempt', decorator);
      return;
    }
  }
}

/** pydantic `class Settings(BaseSettings)`: configuration read from the environment. */
export function checkClass(context: FileContext, cls: Node, bases: Node): void {
  if (bases.namedChildren.some((base) => lastPart(dottedName(base) ?? '') === 'BaseSettings')) {
    report(context, 'py-env-read', cls);
  }
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'dotted_name', 'aliased_import']);
/** Places where the name is defined, not used: `def _create_unverified_context`, `f(MODE_ECB=1)`. */
const DEFINITIONS = new Set([
  'function_definition',
  'class_definition',
  'parameters',
  'lambda_parameters',
  'default_parameter',
  'typed_parameter',
  'typed_default_parameter',
  'global_statement',
  'nonlocal_statement',
]);

function isAssertion(argumentList: Node): boolean {
  const call = argumentList.type === 'argument_list' ? argumentList.parent : null;
  const name = call ? dottedName(call.childForFieldName('function')) : undefined;
  return name !== undefined && lastPart(name).startsWith('assert');
}

const VERIFYING_MODES = new Set(['CERT_REQUIRED', 'CERT_OPTIONAL']);

/**
 * `ssl.CERT_REQUIRED if verify else ssl.CERT_NONE`: the mode follows a flag someone else sets
 * (and where it is set to off, that is what is reported); this line turns nothing off.
 */
function mirrorsAFlag(parent: Node, used: Node): boolean {
  if (parent.type !== 'conditional_expression') return false;
  const [whenTrue, , whenFalse] = parent.namedChildren;
  const other = whenTrue?.equals(used) ? whenFalse : whenFalse?.equals(used) ? whenTrue : undefined;
  if (!other) return false;
  const name = dottedName(unwrap(other));
  return name !== undefined && VERIFYING_MODES.has(lastPart(name));
}

/** `self.verify_mode = ssl.CERT_NONE` in a context class: its initial state, as ssl.SSLContext's. */
function setsOwnDefault(parent: Node, used: Node): boolean {
  if (parent.type !== 'assignment' || !parent.childForFieldName('right')?.equals(used)) return false;
  return parent.childForFieldName('left')?.text === 'self.verify_mode';
}

/** ssl.CERT_NONE, ssl._create_unverified_context, MODE_ECB used as values. */
export function checkSpecialName(context: FileContext, identifier: Node): void {
  let parent = identifier.parent;
  if (!parent || IMPORTS.has(parent.type) || DEFINITIONS.has(parent.type)) return;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(identifier)) return;
  let used = identifier;
  if (parent.type === 'attribute') {
    if (!parent.childForFieldName('attribute')?.equals(identifier)) return;
    used = parent;
    parent = parent.parent;
  } else if (identifier.text === 'CERT_NONE' && !resolve('CERT_NONE', context.imports).startsWith('ssl.')) {
    return;
  }
  if (!parent) return;
  // ssl.py itself (or a copy of it) defining and aliasing its own function.
  if (
    identifier.text === '_create_unverified_context' &&
    used.equals(identifier) &&
    definesName(context, identifier.text)
  )
    return;
  // A comparison (or a test's assertEqual) reads the setting; a dictionary key names it; an
  // assignment target defines the constant.
  if (parent.type === 'comparison_operator' || isAssertion(parent)) return;
  if (identifier.text === 'CERT_NONE' && (mirrorsAFlag(parent, used) || setsOwnDefault(parent, used))) return;
  if (parent.type === 'pair' && parent.childForFieldName('key')?.equals(used)) return;
  if (
    (parent.type === 'assignment' || parent.type === 'augmented_assignment') &&
    parent.childForFieldName('left')?.equals(used)
  ) {
    return;
  }
  report(context, identifier.text === 'MODE_ECB' ? 'py-weak-cipher' : 'py-tls-verify-disabled', used);
}

/** os.environ['X'] read (writes and deletes are not reads). */
export function checkEnvironSubscript(context: FileContext, subscript: Node): void {
  const value = subscript.childForFieldName('value');
  const name = dottedName(value);
  if (!name || resolve(name, context.imports) !== 'os.environ') return;
  const parent = subscript.parent;
  if (parent?.type === 'delete_statement') return;
  if (
    (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') &&
    parent.childForFieldName('left')?.equals(subscript)
  ) {
    return;
  }
  report(context, 'py-env-read', subscript);
}
