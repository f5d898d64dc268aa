/** The built-in rules of the python probe: ids and the text a reader sees, as data. */

export interface PythonRule {
  id: string;
  message: string;
  severity: 'high' | 'medium' | 'low';
  /** How sure a match is; heuristic rules (names, data flow) say medium. */
  confidence: 'high' | 'medium' | 'low';
}

export const PYTHON_RULES = [
  {
    id: 'py-eval',
    message: 'eval() runs a string as Python code; untrusted input there is code injection',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-exec',
    message: 'exec() runs a string as Python code; untrusted input there is code injection',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-os-system',
    message: 'os.system() runs a command through the shell; use subprocess with an argument list',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-os-popen',
    message: 'os.popen() (or a popen2/commands helper) runs a command through the shell',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-subprocess-shell',
    message: 'a command runs through the shell (shell=True or a shell helper); pass an argument list',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-sql-format',
    message: 'SQL is built from strings (f-string, %, format or +); pass values as query parameters',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-sql-format-unbindable',
    message: 'SQL on names or in a command-line script is built from strings; check the quoting',
    severity: 'medium',
    confidence: 'low',
  },
  {
    id: 'py-pickle-load',
    message: 'pickle-style deserialisation (pickle, cPickle, dill, shelve) runs code from the data',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-marshal-load',
    message: 'marshal.load(s) is not safe against untrusted data',
    severity: 'medium',
    confidence: 'high',
  },
  {
    id: 'py-yaml-load',
    message: 'yaml loads without a safe loader and can build arbitrary objects; use yaml.safe_load',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-random-secret',
    message: 'the random module is predictable; use secrets for tokens, passwords, keys and salts',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-weak-hash',
    message: 'MD5/SHA-1 are broken for security; use SHA-256+ or pass usedforsecurity=False',
    severity: 'medium',
    confidence: 'high',
  },
  {
    id: 'py-weak-hash-password',
    message: 'a password is hashed with MD5/SHA-1; use bcrypt, scrypt, argon2 or PBKDF2',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-weak-cipher',
    message: 'a weak cipher or mode (DES, 3DES, RC2, RC4, Blowfish, XOR, ECB); use AES-GCM or Fernet',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-tls-verify-disabled',
    message: 'TLS certificate or host name verification is turned off',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-debug-true',
    message: 'debug mode is switched on in code (the framework shows tracebacks or a debugger)',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-debug-dev-settings',
    message: 'debug is on in a development or test settings module (the production settings decide)',
    severity: 'low',
    confidence: 'high',
  },
  {
    id: 'py-secret-key-literal',
    message: 'the framework secret key is a literal in the source; read it from the environment',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-secret-fallback',
    message: 'a credential is written in the source as the fallback of an environment read',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-csrf-exempt',
    message: 'CSRF protection is switched off for this view',
    severity: 'medium',
    confidence: 'high',
  },
  {
    id: 'py-csrf-disabled',
    message: 'CSRF protection is switched off for the whole application',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-autoescape-unresolved',
    message: 'a template environment is built from options vouch cannot see; check that autoescape is on',
    severity: 'medium',
    confidence: 'low',
  },
  {
    id: 'py-web-entry',
    message: 'a bare WSGI/ASGI application: a web surface without a framework',
    severity: 'low',
    confidence: 'high',
  },
  {
    id: 'py-mark-safe-request',
    message: 'request data is marked safe HTML (mark_safe/Markup), bypassing escaping',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-template-injection',
    message: "request data is part of a template's source (server-side template injection runs code)",
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-html-response-request',
    message: 'request data is written into an HTML response without escaping (cross-site scripting)',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-path-request',
    message: 'request data names a file that is opened, sent, saved or deleted (path traversal)',
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'py-mark-safe',
    message: 'a computed value is marked safe HTML (mark_safe/Markup/SafeString), bypassing escaping',
    severity: 'medium',
    confidence: 'high',
  },
  {
    id: 'py-jinja-autoescape-off',
    message: 'templates are set up with auto-escaping off and render HTML unescaped',
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'py-password-hasher',
    message: 'passwords are hashed with a slow, salted algorithm (bcrypt, argon2, scrypt, PBKDF2)',
    severity: 'low',
    confidence: 'high',
  },
  {
    id: 'py-env-read',
    message: 'configuration is read from the environment',
    severity: 'low',
    confidence: 'high',
  },
  {
    id: 'py-log-secret',
    message: 'a logging call is passed a password, token or secret',
    severity: 'medium',
    confidence: 'medium',
  },
  {
    id: 'py-error-leak',
    message: 'exception details (traceback or str(e)) are returned to the user',
    severity: 'medium',
    confidence: 'medium',
  },
] as const satisfies readonly PythonRule[];

export type PythonRuleId = (typeof PYTHON_RULES)[number]['id'];
