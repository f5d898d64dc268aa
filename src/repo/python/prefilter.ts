/**
 * A cheap text test run before parsing: a file that fails it cannot produce a rule finding,
 * because every rule needs one of these words in the source (a call's name, a keyword, a
 * setting). Aliases do not escape it: `from os import system as run` still says `system`.
 * Keep it a superset of what the rules look for; the tests check every matching example
 * against it.
 */
const TRIGGERS = new RegExp(
  [
    '\\bexec', // exec, execute, executemany, executescript
    '\\beval\\b',
    '\\bsystem\\b',
    '\\bpopen',
    'Popen[34]',
    'getoutput',
    'getstatusoutput',
    '\\bshell\\s*=',
    'subprocess_shell',
    '\\braw\\b',
    '\\btext\\b',
    '[Pp]ickle',
    '\\bdill\\b',
    '\\bshelve\\b',
    '\\bmarshal\\b',
    '\\byaml\\b',
    '\\brandom\\b',
    'hashlib',
    'DES', // DES, DES3, TripleDES
    'ARC[24]',
    'Blowfish',
    '\\bXOR\\b',
    'ECB\\b',
    '\\bIDEA\\b',
    'Crypto', // Crypto, Cryptodome
    '\\bverify\\s*=',
    'CERT_NONE',
    'unverified',
    'check_hostname',
    'mark_safe',
    'Markup',
    'SafeString',
    'SafeText',
    'Environment',
    'environ',
    'getenv',
    'BaseSettings',
    '\\benv\\b',
    'decouple',
    'traceback',
  ].join('|'),
);

/** Settings words, in any case: `debug=True`, `DEBUG = True`, `secret_key`, `csrf_exempt`. */
const SETTINGS = /debug|secret_key|csrf/i;

/** py-log-secret needs a logger and a secret-looking name in the same file. */
const LOGGER = /log/i;
const LOGGED_SECRET = /passw|pwd|\bpw\b|passphrase|secret|token|api_?key|apikey|credential/i;

/** py-error-leak via `str(e)`: needs a handler that names the exception. */
const EXCEPT_AS = /\bexcept\b[^:\n]*\bas\b/;

/** True when a rule could match in this text; false means parsing it is wasted work. */
export function mayMatch(text: string): boolean {
  return (
    TRIGGERS.test(text) ||
    SETTINGS.test(text) ||
    EXCEPT_AS.test(text) ||
    (LOGGER.test(text) && LOGGED_SECRET.test(text))
  );
}
