import type { Node } from 'web-tree-sitter';
import { frameworkOfImport } from '../frameworks/index.js';
import { definesName, report, type FileContext } from './context.js';
import { holdsLiteralSecret } from './statement-rules.js';
import { HASHER_NAMES, PASSWORD_HASHERS } from './password-hashers.js';
import { builtStringOf, isConstantValue, lastAssignedValue, mentionedNames, sinkOf } from './flows.js';
import { resolve } from './imports.js';
import { isPasswordName, isSecretName, isTimingName, words } from './names.js';
import { checkLeak } from './leak.js';
import {
  callArgs,
  commandArgument,
  dottedName,
  enclosingFunction,
  isPlainString,
  isStringNode,
  lastPart,
  scopeOf,
  stringContent,
  unwrap,
} from './syntax.js';

/** Rules that look at a call, chosen by the last part of the called name. */

const RANDOM_FUNCTIONS = new Set([
  'random',
  'randint',
  'choice',
  'choices',
  'randrange',
  'getrandbits',
  'sample',
  'uniform',
  'shuffle',
  'randbytes',
]);

type CallRule = (context: FileContext, call: Node, resolved: string | undefined, fn: Node) => void;

const POPEN = new Set([
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'platform.popen',
]);
const SHELL_HELPERS = new Set(['subprocess.getoutput', 'subprocess.getstatusoutput']);
const PICKLE_MODULES = new Set(['pickle', 'cPickle', '_pickle', 'dill']);
/** Libraries whose loaders unpickle: module → functions. */
const PICKLE_WRAPPERS = new Map([
  ['jsonpickle', new Set(['decode', 'loads'])],
  ['pandas', new Set(['read_pickle'])],
  ['joblib', new Set(['load'])],
  // torch.load unpickles unless told `weights_only=True` (the default only from PyTorch 2.6).
  ['torch', new Set(['load'])],
]);
const SAFE_YAML_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WHERE|GRANT|REVOKE|TRUNCATE)\b/i;
const WEAK_CIPHER_MODULE = /(^|\.)(DES|DES3|ARC2|ARC4|Blowfish|XOR)\.new$/;
const WEAK_ALGORITHM = new Set(['TripleDES', 'ARC4', 'Blowfish', 'IDEA']);
const MARK_SAFE = new Set(['mark_safe', 'Markup', 'SafeString', 'SafeText']);

/** The builtin itself: a bare name nothing was imported as, or `builtins.<name>`. */
function isBuiltin(resolved: string | undefined, name: string): boolean {
  return resolved === name || resolved === `builtins.${name}` || resolved === `__builtins__.${name}`;
}

/**
 * True when what a call runs is written out in full in the source (`eval("dir()")`,
 * `os.system("clear")`): nothing from outside can reach it, so there is nothing to inject.
 */
function runsLiteral(command: Node | undefined): boolean {
  // A literal, or text made only of constants (`CLEAR = "clear"` ... `os.system(CLEAR)`).
  return command !== undefined && (isPlainString(command) || isConstantValue(command));
}

const evalRule: CallRule = (context, call, resolved) => {
  if (isBuiltin(resolved, 'eval') && !runsLiteral(commandArgument(call))) report(context, 'py-eval', call);
};
const execRule: CallRule = (context, call, resolved) => {
  if (isBuiltin(resolved, 'exec') && !runsLiteral(commandArgument(call))) report(context, 'py-exec', call);
};

const systemRule: CallRule = (context, call, resolved) => {
  if (resolved !== 'os.system' && resolved !== 'posix.system') return;
  if (!runsLiteral(commandArgument(call))) report(context, 'py-os-system', call);
};

const popenRule: CallRule = (context, call, resolved) => {
  if (resolved === undefined || runsLiteral(commandArgument(call))) return;
  if (POPEN.has(resolved)) report(context, 'py-os-popen', call);
  else if (SHELL_HELPERS.has(resolved)) report(context, 'py-subprocess-shell', call);
};

const shellHelperRule: CallRule = (context, call, resolved, fn) => {
  // asyncio.create_subprocess_shell(cmd) / loop.subprocess_shell(factory, cmd) always go through the shell.
  const args = callArgs(call);
  const command =
    lastPart(resolved ?? fn.text) === 'subprocess_shell'
      ? (args.positional[1] ?? args.keywords.get('cmd'))
      : commandArgument(call);
  if (!runsLiteral(command)) report(context, 'py-subprocess-shell', call);
};

/** execute/executemany/executescript/raw/text: is the SQL argument built from strings? */
const sqlRule: CallRule = (context, call, resolved, fn) => {
  const method = lastPart(resolved ?? fn.text);
  const args = callArgs(call);
  const argument = args.positional[0] ?? args.keywords.get('sql') ?? args.keywords.get('query');
  if (!argument) return;
  const built = builtStringOf(argument);
  if (!built) return;
  // raw()/text() are common method names; only SQL-looking text counts there.
  if ((method === 'raw' || method === 'text') && !SQL_WORDS.test(built.text)) return;
  // Statements on names (CREATE USER, GRANT, DROP DATABASE) cannot bind identifiers as
  // parameters, and a command-line script's values come from whoever runs it: a person checks
  // the quoting there. Request data reaching any SQL is the taint rules' fail.
  if (DDL_STATEMENT.test(built.text)) {
    report(context, 'py-sql-format-unbindable', call, { message: SQL_DDL_MESSAGE });
  } else if (isCommandLineScript(context)) {
    report(context, 'py-sql-format-unbindable', call, { message: SQL_SCRIPT_MESSAGE });
  } else {
    report(context, 'py-sql-format', call);
  }
};

const DDL_STATEMENT =
  /^\s*(?:[rbuf]{0,2})?['"]{1,3}\s*(?:CREATE|ALTER|DROP|GRANT|REVOKE|TRUNCATE)\s+(?:USER|ROLE|DATABASE|SCHEMA|TABLE|INDEX|VIEW|SEQUENCE|EXTENSION|ALL|IF|SELECT|INSERT|UPDATE|DELETE|USAGE|CONNECT)\b/i;
const SQL_DDL_MESSAGE =
  'a statement on names (CREATE/ALTER/DROP/GRANT) is built from strings; identifiers cannot be bound, so check they are quoted';
const SQL_SCRIPT_MESSAGE =
  'SQL is built from strings in a command-line script (values come from whoever runs it); check the quoting';

/** A module run as a script (`if __name__ == "__main__":`) that handles no web requests. */
function isCommandLineScript(context: FileContext): boolean {
  if (!/^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m.test(context.source)) return false;
  return ![...context.imports.values()].some((target) => frameworkOfImport(target) !== undefined);
}

function yamlLoaderIsSafe(context: FileContext, loader: Node | undefined, depth = 0): boolean {
  if (!loader) return false;
  const inner = unwrap(loader);
  const name = dottedName(inner);
  if (!name) return false;
  // `loader = SafeLoaderWrapper` ... `yaml.load(s, loader)`: the class the name was given.
  const held = inner.type === 'identifier' && depth < 2 ? lastAssignedValue(inner) : undefined;
  if (held && yamlLoaderIsSafe(context, held, depth + 1)) return true;
  const last = lastPart(resolve(name, context.imports));
  if (SAFE_YAML_LOADERS.has(last)) return true;
  // A loader class of this file that extends a safe one (`class Loader(yaml.SafeLoader)`).
  return safeLoaderClasses(context).has(last);
}

function safeLoaderClasses(context: FileContext): Set<string> {
  const names = new Set<string>();
  for (const cls of context.root.descendantsOfType('class_definition')) {
    const bases = cls.childForFieldName('superclasses');
    const name = cls.childForFieldName('name')?.text;
    if (name && bases && bases.namedChildren.some((base) => SAFE_YAML_LOADERS.has(lastPart(base.text)))) {
      names.add(name);
    }
  }
  return names;
}

/** load/loads/Unpickler/open/load_all/unsafe_load/full_load of pickle, marshal, shelve, yaml. */
const loadRule: CallRule = (context, call, resolved) => {
  if (!resolved) return;
  const dot = resolved.lastIndexOf('.');
  const module = resolved.slice(0, dot);
  const fn = resolved.slice(dot + 1);
  if (PICKLE_MODULES.has(module) && fn !== 'open') {
    report(context, 'py-pickle-load', call);
  } else if (PICKLE_WRAPPERS.get(module)?.has(fn) === true) {
    // jsonpickle.decode, pandas.read_pickle, joblib.load, torch.load: pickle underneath.
    const weightsOnly = callArgs(call).keywords.get('weights_only');
    if (!(module === 'torch' && weightsOnly !== undefined && unwrap(weightsOnly).type === 'true'))
      report(context, 'py-pickle-load', call);
  } else if (module === 'shelve' && fn === 'open') {
    report(context, 'py-pickle-load', call);
  } else if (module === 'marshal' && (fn === 'load' || fn === 'loads')) {
    report(context, 'py-marshal-load', call);
  } else if (module === 'yaml' || module === 'ruamel.yaml') {
    if (fn.startsWith('unsafe_load') || fn.startsWith('full_load')) {
      report(context, 'py-yaml-load', call);
    } else if (fn === 'load' || fn === 'load_all') {
      const args = callArgs(call);
      const loader = args.keywords.get('Loader') ?? args.positional[1];
      if (!yamlLoaderIsSafe(context, loader) && !(args.splat && !loader))
        report(context, 'py-yaml-load', call);
    }
  }
};

/** Functions that make things that need to differ, not to be unguessable: MIME boundaries, colours, ports. */
const NOT_SECRET_PRODUCT = /^(boundary|boundaries|delimiter|separator|colou?r|colou?rs|port)$/;

/** Populations a secret is drawn from character by character: `string.ascii_letters`, `ALPHABET`. */
const CHARACTER_SET_WORD =
  /^(chars?|characters?|charset|letters|alphabet|digits|symbols|punctuation|ascii|alnum|alphanum|alphanumeric|hexdigits|printable|vocab|vocabulary)$/;
const REPEATED_DRAWS = new Set([
  'for_statement',
  'while_statement',
  'generator_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
]);

/**
 * `random.choice(keys)` or `random.sample(servers, 2)` returned or stored as drawn, once: it
 * picks among things that exist (`pick_random_key` returns one of the keys), it makes no new
 * secret. Drawing characters (`choice(string.ascii_letters)`), drawing again and again (in a
 * loop or comprehension) or building on the draw (`choice(a) + choice(a)`) does.
 */
function picksExisting(call: Node, resolved: string): boolean {
  const fn = lastPart(resolved);
  if (fn !== 'choice' && fn !== 'sample') return false;
  const population = callArgs(call).positional[0];
  if (!population) return false;
  const inner = unwrap(population);
  if (isStringNode(inner)) return false;
  const name = dottedName(inner);
  if (name === undefined || name.startsWith('string.') || words(name).some((w) => CHARACTER_SET_WORD.test(w)))
    return false;
  // The draw itself is what is returned or stored; `choice(a) + choice(a)` builds something new.
  let holder = call.parent;
  while (holder?.type === 'parenthesized_expression') holder = holder.parent;
  if (holder?.type !== 'return_statement' && holder?.type !== 'assignment') return false;
  for (let up = holder.parent; up && up.type !== 'function_definition'; up = up.parent) {
    if (REPEATED_DRAWS.has(up.type)) return false;
  }
  return true;
}

const RANDOM_MESSAGE = 'the random module is predictable; use secrets for tokens, passwords, keys and salts';
const COOKIE_CALLS = new Set(['set_cookie', 'set_signed_cookie', 'set_secure_cookie']);

/** The cookie-setting call (`resp.set_cookie(...)`) whose argument list holds `node`, if any. */
function cookieCallOf(node: Node): Node | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'call') {
      const name = dottedName(up.childForFieldName('function'));
      if (name !== undefined && COOKIE_CALLS.has(lastPart(name))) return up;
    }
    if (up.type === 'expression_statement' || up.type === 'block' || up.type === 'function_definition')
      return undefined;
  }
  return undefined;
}

const WHOLE_VALUE_HOLDERS = new Set([
  'assignment',
  'keyword_argument',
  'pair',
  'argument_list',
  'return_statement',
]);

/** Where a plainly named value goes next in its function: a secret-named store or a cookie. */
function secretUseOfName(target: Node): string | undefined {
  const scope = enclosingFunction(target);
  if (!scope) return undefined;
  for (const use of scope.descendantsOfType('identifier')) {
    if (use.text !== target.text || use.startIndex <= target.endIndex) continue;
    // Only the value handed on whole: `"title" + suffix` under a secret-looking name is a label.
    if (!WHOLE_VALUE_HOLDERS.has(use.parent?.type ?? '')) continue;
    if (cookieCallOf(use) !== undefined) return `set as a cookie on line ${use.startPosition.row + 1}`;
    const next = sinkOf(use);
    if (next.kind === 'name' && next.node.startIndex !== target.startIndex && isSecretName(next.name))
      return `stored as ${next.name} on line ${use.startPosition.row + 1}`;
  }
  return undefined;
}

/** How callers in the same module use what helper `name` returns, when one stores it as a secret. */
function secretUseOfHelper(context: FileContext, fn: Node, name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  for (const match of context.source.matchAll(new RegExp(`\\b${name}\\s*\\(`, 'g'))) {
    if (match.index >= fn.startIndex && match.index < fn.endIndex) continue;
    const node = context.root.descendantForIndex(match.index, match.index + name.length);
    if (node?.type !== 'identifier') continue;
    let callee: Node = node;
    if (callee.parent?.type === 'attribute') callee = callee.parent;
    const call = callee.parent;
    if (call?.type !== 'call') continue;
    const line = call.startPosition.row + 1;
    if (cookieCallOf(call) !== undefined) return `is set as a cookie on line ${line}`;
    const sink = sinkOf(call);
    if (sink.kind === 'name' && isSecretName(sink.name)) return `is stored as ${sink.name} on line ${line}`;
  }
  return undefined;
}

/** `random.<fn>` whose value becomes a token, password, key... */
const randomRule: CallRule = (context, call, resolved) => {
  if (resolved === undefined || resolved !== `random.${lastPart(resolved)}`) return;
  const sink = sinkOf(call);
  if (sink.kind === 'condition') return;
  const functionName = enclosingFunction(call)?.childForFieldName('name')?.text;
  // `def _make_boundary(): token = random.randrange(...)`: the function says what is made.
  if (functionName !== undefined && words(functionName).some((w) => NOT_SECRET_PRODUCT.test(w))) return;
  if (sink.kind === 'name') {
    if (isTimingName(sink.name)) return;
    if (isSecretName(sink.name)) {
      report(context, 'py-random-secret', call);
      return;
    }
    // `value = "".join(random.sample(...))` then `resp.set_cookie("sessionid", value)`.
    const use = sink.node.type === 'identifier' ? secretUseOfName(sink.node) : undefined;
    if (use !== undefined) {
      report(context, 'py-random-secret', call, { message: `${RANDOM_MESSAGE} (${use})` });
      return;
    }
  } else if (sink.kind === 'none' && cookieCallOf(call) !== undefined) {
    report(context, 'py-random-secret', call, { message: `${RANDOM_MESSAGE} (a cookie value)` });
    return;
  } else if (sink.kind === 'return' && functionName !== undefined && !picksExisting(call, resolved)) {
    // A helper that returns a random string: what its callers store it under decides.
    const fn = enclosingFunction(call);
    const use = fn === undefined ? undefined : secretUseOfHelper(context, fn, functionName);
    if (use !== undefined) {
      report(context, 'py-random-secret', call, { message: `${RANDOM_MESSAGE} (${functionName}() ${use})` });
      return;
    }
  }
  if (
    functionName !== undefined &&
    isSecretName(functionName) &&
    !isTimingName(functionName) &&
    !picksExisting(call, resolved)
  )
    report(context, 'py-random-secret', call);
};

function mentionsPassword(node: Node): boolean {
  return mentionedNames(node).some((name) => isPasswordName(name));
}

/** hashlib.md5 / sha1 / new('md5'|'sha1') without usedforsecurity=False. */
const hashRule: CallRule = (context, call, resolved) => {
  if (!resolved) return;
  const args = callArgs(call);
  if (resolved === 'hashlib.new') {
    const algorithm = args.positional[0] ?? args.keywords.get('name');
    if (!algorithm || !isPlainString(algorithm)) return;
    if (!/^(md5|sha-?1)$/i.test(stringContent(algorithm))) return;
  } else if (resolved !== 'hashlib.md5' && resolved !== 'hashlib.sha1') {
    return;
  }
  if (args.keywords.get('usedforsecurity')?.type === 'false') return;
  // `md5(*args, **kwargs)` in a wrapper: whether usedforsecurity=False is passed is its callers' choice.
  if (args.keywordSplat && !args.keywords.has('usedforsecurity')) return;
  report(context, 'py-weak-hash', call);
  const list = call.childForFieldName('arguments');
  const sink = sinkOf(call);
  const password =
    (list !== null && mentionsPassword(list)) ||
    (sink.kind === 'name' && isPasswordName(sink.name)) ||
    (sink.kind === 'name' && sink.node.type === 'identifier' && updatedWithPassword(sink.name, call));
  if (password) report(context, 'py-weak-hash-password', call);
};

/** `h = hashlib.md5(); h.update(password)`: the password goes in later. */
function updatedWithPassword(name: string, call: Node): boolean {
  for (const update of scopeOf(call).descendantsOfType('call')) {
    if (update.startIndex <= call.startIndex) continue;
    const fn = update.childForFieldName('function');
    if (fn?.type !== 'attribute' || dottedName(fn) !== `${name}.update`) continue;
    const list = update.childForFieldName('arguments');
    if (list && mentionsPassword(list)) return true;
  }
  return false;
}

const cipherRule: CallRule = (context, call, resolved) => {
  if (resolved && WEAK_CIPHER_MODULE.test(resolved)) report(context, 'py-weak-cipher', call);
};

const newRule: CallRule = (context, call, resolved, fn) => {
  hashRule(context, call, resolved, fn);
  cipherRule(context, call, resolved, fn);
};

/** cryptography's `modes.ECB()` and `algorithms.TripleDES/ARC4/Blowfish/IDEA(...)`. */
const algorithmRule: CallRule = (context, call, resolved) => {
  if (!resolved) return;
  const parts = resolved.split('.');
  const last = parts.at(-1) ?? '';
  const owner = parts.at(-2);
  const fromCryptography = parts[0] === 'cryptography';
  if (last === 'ECB' && (owner === 'modes' || fromCryptography)) report(context, 'py-weak-cipher', call);
  if (WEAK_ALGORITHM.has(last) && (owner === 'algorithms' || fromCryptography))
    report(context, 'py-weak-cipher', call);
};

const csrfExemptRule: CallRule = (context, call) => {
  report(context, 'py-csrf-exempt', call);
};

/** Where the HTML-safe string types come from; a `SafeString` of another library is something else. */
const SAFE_HTML_MODULE = /^(markupsafe|jinja2|flask|django)(\.|$)/;

/** `escape(x)`, `html.escape(x)`, `conditional_escape(x)`, `markupsafe._escape_inner(x)`: escaped already. */
function isEscaped(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type !== 'call') return false;
  const name = dottedName(inner.childForFieldName('function'));
  return name !== undefined && /escape/i.test(lastPart(name));
}

const markSafeRule: CallRule = (context, call, resolved, fn) => {
  const name = lastPart(resolved ?? fn.text);
  if (!MARK_SAFE.has(name)) return;
  // docutils' own `class SafeString` (an encoding helper), or one imported from docutils: a name
  // this file defines, or a SafeString/SafeText from a library that is not a web framework.
  // (Any `Markup` marks HTML safe: Genshi's does too.)
  const head = (dottedName(fn) ?? '').split('.')[0] ?? '';
  const imported = context.imports.has(head);
  if (!imported && definesName(context, name)) return;
  if (imported && name.startsWith('Safe') && !SAFE_HTML_MODULE.test(resolved ?? '')) return;
  const args = callArgs(call);
  const first = args.positional[0];
  // Request data reaching it is the taint walk's py-mark-safe-request (taint.ts), which takes
  // this finding's place.
  if (first ? !isPlainString(first) && !isEscaped(first) : args.splat) report(context, 'py-mark-safe', call);
};

/** `select_autoescape(["xml"])`: escaping on for the listed extensions only, none of them HTML. */
function escapesNoHtml(value: Node): boolean {
  const inner = unwrap(value);
  if (
    inner.type !== 'call' ||
    lastPart(dottedName(inner.childForFieldName('function')) ?? '') !== 'select_autoescape'
  )
    return false;
  const args = callArgs(inner);
  const enabled = args.keywords.get('enabled_extensions') ?? args.positional[0];
  if (!enabled || !['list', 'tuple'].includes(unwrap(enabled).type)) return false;
  const items = unwrap(enabled).namedChildren.filter((c) => c.type !== 'comment');
  return (
    items.every((item) => isPlainString(item)) &&
    !items.some((item) => /^\.?html?$/i.test(stringContent(item)))
  );
}

const environmentRule: CallRule = (context, call, resolved, fn) => {
  const isJinja =
    resolved?.startsWith('jinja2.') === true ||
    (fn.type === 'identifier' && context.importsJinja && !context.imports.has(fn.text));
  if (!isJinja) return;
  const args = callArgs(call);
  const autoescape = args.keywords.get('autoescape');
  if (autoescape ? unwrap(autoescape).type === 'false' || escapesNoHtml(autoescape) : !args.splat)
    report(context, 'py-jinja-autoescape-off', call);
  // `Environment(**options)` in a factory: whether the options switch escaping on is not visible here.
  else if (!autoescape && args.keywordSplat) report(context, 'py-autoescape-unresolved', call);
};

/**
 * `jinja2.Template("<p>{{ name }}</p>")` escapes nothing unless given `autoescape=True`: a
 * template of HTML built that way prints its values raw. (A template of plain text is fine.)
 */
const templateRule: CallRule = (context, call, resolved) => {
  if (resolved !== 'jinja2.Template' && resolved !== 'jinja2.environment.Template') return;
  const args = callArgs(call);
  const source = args.positional[0] ?? args.keywords.get('source');
  const autoescape = args.keywords.get('autoescape');
  if (autoescape !== undefined && unwrap(autoescape).type !== 'false') return;
  if (source && isPlainString(source) && /<[a-zA-Z][^>]*>[\s\S]*\{\{/.test(stringContent(source)))
    report(context, 'py-jinja-autoescape-off', call);
};

/** ruamel.yaml's `YAML(typ="unsafe")` builds arbitrary objects, as `yaml.load` does. */
const ruamelRule: CallRule = (context, call, resolved) => {
  if (resolved === undefined || !/^ruamel\.yaml(\.main)?\.YAML$/.test(resolved)) return;
  const typ = callArgs(call).keywords.get('typ');
  if (typ && isPlainString(typ) && stringContent(typ) === 'unsafe') report(context, 'py-yaml-load', call);
};

const ENV_READS = new Set([
  'os.environ.get',
  'os.getenv',
  'os.getenvb',
  'decouple.config',
  'environ.Env',
  'environ.FileAwareEnv',
]);

const envRule: CallRule = (context, call, resolved) => {
  if (!resolved || !ENV_READS.has(resolved)) return;
  report(context, 'py-env-read', call);
  checkCredentialFallback(context, call);
};

const CREDENTIAL_NAME = /passw|pwd|secret|token|api_?key|private_?key|credential|access_?key|auth_?key/i;
const PLACEHOLDER_FALLBACK =
  /^(?:change[-_ ]?me|x+|\*+|dummy|test|testing|example|secret|password|none|null|todo|fixme|dev|development|local|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;

/**
 * `DB_PASSWORD = os.environ.get("DB_PASSWORD", "Pg!Pr0d#2024")`: the credential is in the source
 * as the fallback, whatever the environment holds. A person checks whether it is a dev default.
 */
function checkCredentialFallback(context: FileContext, call: Node): void {
  const args = callArgs(call);
  const fallback = args.keywords.get('default') ?? args.positional[1];
  if (!fallback || !isPlainString(fallback)) return;
  const text = stringContent(fallback).trim();
  if (text.length < 6 || PLACEHOLDER_FALLBACK.test(text)) return;
  const variable = args.positional[0];
  const sink = sinkOf(call);
  const names = [
    variable !== undefined && isPlainString(variable) ? stringContent(variable) : '',
    sink.kind === 'name' ? sink.name : '',
  ];
  if (names.some((n) => CREDENTIAL_NAME.test(n))) {
    report(context, 'py-secret-fallback', call, { redact: true });
  }
}

const tracebackRule: CallRule = (context, call, resolved) => {
  if (resolved?.startsWith('traceback.format_')) checkLeak(context, call);
};

/**
 * Session and cookie signers that take the key as their first argument: Pyramid's
 * `SignedCookieSessionFactory("...")` and `AuthTktAuthenticationPolicy("...")`, aiohttp-session's
 * `EncryptedCookieStorage(b"...")`, itsdangerous's serializers.
 */
const SIGNERS = new Map([
  ['SignedCookieSessionFactory', /^pyramid\./],
  ['AuthTktAuthenticationPolicy', /^pyramid\./],
  ['AuthTktCookieHelper', /^pyramid\./],
  ['EncryptedCookieStorage', /^aiohttp_session\./],
  ['URLSafeTimedSerializer', /^itsdangerous\./],
  ['URLSafeSerializer', /^itsdangerous\./],
  ['TimedSerializer', /^itsdangerous\./],
  ['TimestampSigner', /^itsdangerous\./],
]);

const signerRule: CallRule = (context, call, resolved) => {
  const module = SIGNERS.get(lastPart(resolved ?? ''));
  if (!resolved || !module?.test(resolved)) return;
  const key = callArgs(call).positional[0];
  if (key && holdsLiteralSecret(context, key))
    report(context, 'py-secret-key-literal', call, { redact: true });
};

const hasherRule: CallRule = (context, call, resolved) => {
  if (resolved !== undefined && PASSWORD_HASHERS.test(resolved)) report(context, 'py-password-hasher', call);
};

const CALL_RULES = new Map<string, CallRule>([
  ...HASHER_NAMES.map((name): [string, CallRule] => [name, hasherRule]),
  ...[...SIGNERS.keys()].map((name): [string, CallRule] => [name, signerRule]),
  ['eval', evalRule],
  ['exec', execRule],
  ['system', systemRule],
  ...['popen', 'popen2', 'popen3', 'popen4', 'Popen3', 'Popen4', 'getoutput', 'getstatusoutput'].map(
    (name): [string, CallRule] => [name, popenRule],
  ),
  ['create_subprocess_shell', shellHelperRule],
  ['subprocess_shell', shellHelperRule],
  ...['execute', 'executemany', 'executescript', 'raw', 'text'].map((name): [string, CallRule] => [
    name,
    sqlRule,
  ]),
  ...[
    'load',
    'loads',
    'Unpickler',
    'open',
    'load_all',
    'unsafe_load',
    'unsafe_load_all',
    'full_load',
    'full_load_all',
    'decode',
    'read_pickle',
  ].map((name): [string, CallRule] => [name, loadRule]),
  ...[...RANDOM_FUNCTIONS].map((name): [string, CallRule] => [name, randomRule]),
  ['md5', hashRule],
  ['sha1', hashRule],
  ['new', newRule],
  ...['ECB', ...WEAK_ALGORITHM].map((name): [string, CallRule] => [name, algorithmRule]),
  ['csrf_exempt', csrfExemptRule],
  ...[...MARK_SAFE].map((name): [string, CallRule] => [name, markSafeRule]),
  ['Environment', environmentRule],
  ['Template', templateRule],
  ['YAML', ruamelRule],
  ['SandboxedEnvironment', environmentRule],
  ...['get', 'getenv', 'getenvb', 'config', 'Env', 'FileAwareEnv'].map((name): [string, CallRule] => [
    name,
    envRule,
  ]),
  ...['format_exc', 'format_exception', 'format_tb'].map((name): [string, CallRule] => [name, tracebackRule]),
]);

/** The called names (last parts) some rule looks at: the anchors that lead to calls. */
export const CALL_RULE_NAMES: ReadonlySet<string> = new Set(CALL_RULES.keys());

/** Runs the rules that apply to one call; `callee` is the last identifier of the called name. */
export function checkCall(context: FileContext, call: Node, callee: Node): void {
  const fn = call.childForFieldName('function');
  if (!fn) return;
  const name = dottedName(fn);
  const resolved = name === undefined ? undefined : resolve(name, context.imports);
  // Dispatch on what the name stands for: `from os import system as run` makes `run(...)` a system call.
  const rule = CALL_RULES.get(resolved === undefined ? callee.text : lastPart(resolved));
  if (!rule) return;
  rule(context, call, resolved, fn);
}
