/**
 * A cheap text test run before parsing: a file that fails it cannot produce a rule finding,
 * because every rule needs certain words in the source (a call, a module, a setting), and the
 * test looks for those words in the shape code gives them: `system(` or `system as` rather
 * than "operating system" in a docstring. Aliases do not escape it: `from os import system as
 * run` still says `system as`. Keep it a superset of what the rules look for; the tests run
 * every matching example through it.
 */

import { FRAMEWORKS } from '../frameworks/index.js';
import { HASHER_NAMES } from './password-hashers.js';

/** Names that only matter when called (or imported under another name). */
const CALLED = [
  'exec',
  'execute',
  'executemany',
  'executescript',
  'eval',
  'system',
  'popen',
  'popen2',
  'popen3',
  'popen4',
  'Popen3',
  'Popen4',
  'getoutput',
  'getstatusoutput',
  'create_subprocess_shell',
  'subprocess_shell',
  'raw',
  'text',
  'mark_safe',
  'Markup',
  'SafeString',
  'SafeText',
  'Environment',
  'SandboxedEnvironment',
  'Template',
  ...HASHER_NAMES,
  'getenv',
  'getenvb',
  'format_exc',
  'format_exception',
  'format_tb',
];
const CALL = new RegExp(`\\b(?:${CALLED.join('|')})(?:\\s*\\(|\\s+as\\b)`);

/** Modules and names that matter wherever they appear. */
const WORDS = new RegExp(
  [
    // A pickle load needs the module (`pickle.loads`, an import of it) or an Unpickler: a file
    // that only says "pickle" in prose or in other names has nothing to find.
    '\\b(?:c?[Pp]ickle|_pickle|dill)\\.\\w',
    '\\bimport\\s[^\\n]*\\b(?:c?[Pp]ickle|_pickle|dill)\\b',
    '\\bfrom\\s+(?:c?[Pp]ickle|_pickle|dill)\\b',
    'Unpickler',
    'jsonpickle',
    'read_pickle',
    '\\bjoblib\\b',
    '\\btorch\\b',
    '\\bshelve\\b',
    '\\bmarshal\\b',
    '\\byaml\\b',
    '\\brandom\\.',
    '\\bfrom\\s+random\\b',
    '\\bimport\\s[^\\n]*\\brandom\\b',
    'hashlib',
    'Crypto', // Crypto, Cryptodome
    '\\bDES3?\\b',
    'TripleDES',
    'ARC[24]',
    'Blowfish',
    '\\bXOR\\b',
    'ECB\\b', // MODE_ECB, modes.ECB
    '\\bIDEA\\b',
    'CERT_NONE',
    'unverified',
    'check_hostname',
    '\\bverify\\s*=\\s*False',
    '\\b(?:verify_)?ssl\\s*=\\s*False',
    '\\bshell\\s*=\\s*True',
    // os.environ (under any alias of os), `from os import environ`, django-environ's Env; not a
    // WSGI `environ` argument.
    '\\.environ\\b',
    '\\bfrom\\s+os\\s+import\\b[^\\n]*\\benviron\\b',
    '\\bimport\\s+environ\\b',
    '\\bfrom\\s+environ\\b',
    '\\benviron\\.(?:Env|FileAwareEnv)\\b',
    'BaseSettings',
    'decouple',
    '\\bimport\\s[^\\n]*\\benv\\b', // from .base import env (django-environ)
    'sqlalchemy', // from sqlalchemy import text as sql
  ].join('|'),
);

/**
 * Settings, in any case: `debug=True`, `"debug": True`, `DEBUG = True`, `bottle.debug(True)`,
 * `secret_key`, `csrf_exempt`, `autoescape=False`; and bare WSGI/ASGI entry points.
 */
const SETTINGS =
  /\bdebug\b[^\n]*?[=:(]\s*true\b|secret_key|cookie_secret|\bsecret\b['"]?\s*[=:]|csrf|autoescape|\bstart_response\b|\bscope\s*,\s*receive\s*,\s*send\b|SignedCookieSessionFactory|AuthTkt|EncryptedCookieStorage|Serializer\b|TimestampSigner/i;

/** py-log-secret needs a logger and a secret-looking name in the same file. */
const LOGGER = /log/i;
const LOGGED_SECRET = /passw|pwd|\bpw\b|passphrase|secret|token|api_?key|apikey|credential/i;

const EXCEPT_AS = /\bexcept\b[^:\n]*\bas\s+([A-Za-z_]\w*)/g;

/** py-error-leak via a caught exception: `except ... as e` and then `str(e)`, `repr(e)` or `{e}`. */
function usesCaughtException(text: string): boolean {
  const names = new Set<string>();
  for (const match of text.matchAll(EXCEPT_AS)) if (match[1]) names.add(match[1]);
  if (names.size === 0) return false;
  const list = [...names].join('|');
  return new RegExp(`\\b(?:str|repr)\\(\\s*(?:${list})\\s*\\)|\\{\\s*(?:${list})\\s*[!:}]`).test(text);
}

/** `VERIFY_TLS = False` … `verify=VERIFY_TLS`: a switch passed as a name holding a constant. */
const SWITCH_BY_NAME = /\b(?:verify|shell|debug|ssl|verify_ssl)\s*=\s*[A-Za-z_]/;
const BOOLEAN_CONSTANT = /^[ \t]*[A-Za-z_]\w*[ \t]*=[ \t]*(?:True|False)\b/m;

/** A module of a web framework vouch models, imported: the taint walk follows its request data. */
const FRAMEWORK_IMPORT = new RegExp(
  // The top-level package: `from aiohttp import web` imports aiohttp.web.
  `\\b(?:from|import)\\s+(?:${[...new Set(FRAMEWORKS.flatMap((f) => f.imports.map((m) => m.split('.')[0])))].join('|')})\\b`,
);
/** Where request data is read: a request object or parameter, WSGI's environ, a handler's members, a route. */
const REQUEST_WORD =
  /\b(?:request|req|environ)\b|self\.(?:get_\w*argument|path|rfile|headers)\b|\.(?:route|get|post|put|patch|delete)\(\s*['"]\//;

/** `evaluate = eval`, `run = os.system`: a rule's function given another name. */
const ALIASED = /=[ \t]*(?:eval|exec|os\.system|os\.popen|pickle\.loads?|marshal\.loads?)[ \t]*(?:#.*)?$/m;

/** True when a rule could match in this text; false means parsing it is wasted work. */
export function mayMatch(text: string): boolean {
  return (
    CALL.test(text) ||
    WORDS.test(text) ||
    SETTINGS.test(text) ||
    (LOGGER.test(text) && LOGGED_SECRET.test(text)) ||
    (SWITCH_BY_NAME.test(text) && BOOLEAN_CONSTANT.test(text)) ||
    usesCaughtException(text) ||
    ALIASED.test(text) ||
    (FRAMEWORK_IMPORT.test(text) && REQUEST_WORD.test(text))
  );
}
