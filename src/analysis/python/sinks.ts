import type { Node } from 'web-tree-sitter';
import type { PythonRuleId } from './rule-list.js';
import { callArgs, commandArgument, isPlainString, lastPart, stringContent, unwrap } from './syntax.js';

/**
 * Where request data must not arrive, as data: each sink names the calls it is, the argument
 * that matters, the rule a tainted argument reports, and the calls that make a value safe for
 * it. The taint walk (taint.ts) asks `sinksOfCall` at every call it meets.
 */

export type SinkKind = 'code' | 'shell' | 'sql' | 'template' | 'markup' | 'html' | 'deserialise' | 'path';

export interface SinkHit {
  kind: SinkKind;
  rule: PythonRuleId;
  /** The value that must not carry request data. */
  argument: Node;
  /** What the sink does, for the evidence: "SQL", "a shell command". */
  label: string;
  /**
   * A finding of this rule at the same line is the same problem seen without the data flow: the
   * taint finding takes its place (`py-mark-safe` becomes `py-mark-safe-request`).
   */
  replaces?: PythonRuleId;
  /**
   * Only a built string with HTML markup in its literal text counts (`f"<p>{name}</p>"`): a
   * response that may well be plain text or JSON is not reported on taint alone.
   */
  needsMarkup?: boolean;
}

/** What the walk knows about a call: its dotted name through the imports, and its last part. */
export interface CallView {
  call: Node;
  /** `flask.render_template_string`, `os.system`; undefined for `obj.method()` on a value. */
  resolved: string | undefined;
  /** The called name's last part: `execute` in `cur.execute(...)`. */
  method: string;
  /** The object a method is called on (`cur` in `cur.execute`), if any. */
  object: Node | undefined;
}

const SHELL_RULE = new Map<string, PythonRuleId>([
  ['os.system', 'py-os-system'],
  ['posix.system', 'py-os-system'],
  ['os.popen', 'py-os-popen'],
  ['popen2.popen2', 'py-os-popen'],
  ['popen2.popen3', 'py-os-popen'],
  ['popen2.popen4', 'py-os-popen'],
  ['commands.getoutput', 'py-os-popen'],
  ['commands.getstatusoutput', 'py-os-popen'],
  ['subprocess.getoutput', 'py-subprocess-shell'],
  ['subprocess.getstatusoutput', 'py-subprocess-shell'],
  ['asyncio.create_subprocess_shell', 'py-subprocess-shell'],
]);
const SUBPROCESS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen']);

const TEMPLATE_CLASSES = new Set([
  'flask.render_template_string',
  'quart.render_template_string',
  'jinja2.Template',
  'jinja2.environment.Template',
  'django.template.Template',
  'django.template.base.Template',
  'mako.template.Template',
  'tornado.template.Template',
]);

const MARKUP = new Set(['Markup', 'mark_safe', 'SafeString', 'SafeText']);
const MARKUP_MODULE = /^(markupsafe|jinja2|flask|django)(\.|$)/;

const PICKLE =
  /^(pickle|cPickle|_pickle|dill)\.(loads?|Unpickler)$|^jsonpickle\.(decode|loads)$|^marshal\.loads?$/;

/** Response classes that send their body as HTML unless told otherwise. */
const HTML_RESPONSES = new Set([
  'django.http.HttpResponse',
  'django.http.response.HttpResponse',
  'flask.make_response',
  'flask.Response',
  'werkzeug.Response',
  'werkzeug.wrappers.Response',
  'quart.make_response',
  'quart.Response',
  'pyramid.response.Response',
  'bottle.HTTPResponse',
]);
/** Responses that are HTML by name: any request data in them is markup. */
const EXPLICIT_HTML = new Set([
  'starlette.responses.HTMLResponse',
  'fastapi.responses.HTMLResponse',
  'sanic.response.html',
  'sanic.html',
]);

const FILE_FUNCTIONS = new Set([
  'open',
  'builtins.open',
  'io.open',
  'codecs.open',
  'os.open',
  'os.remove',
  'os.unlink',
  'os.rmdir',
  'os.removedirs',
  'shutil.rmtree',
  'shutil.copy',
  'shutil.copyfile',
  'shutil.copy2',
  'shutil.move',
  'flask.send_file',
  'quart.send_file',
  'starlette.responses.FileResponse',
  'fastapi.responses.FileResponse',
  'aiohttp.web.FileResponse',
  'django.http.FileResponse',
]);
/** Path methods that read, write or delete the file named by the object. */
const PATH_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir']);

/** An SQL object (cursor, connection, session, engine) by its conventional names. */
const SQL_OBJECT = /(^|_|\.)(cur|cursor|con|conn|connection|db|database|session|engine|c)$/i;
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript']);

/** `shell=` given and not a literal false (`shell=True`, `shell=use_shell`). */
function shellOn(call: Node): boolean {
  const value = callArgs(call).keywords.get('shell');
  if (value === undefined) return false;
  const inner = unwrap(value);
  return !(
    inner.type === 'false' ||
    inner.type === 'none' ||
    (inner.type === 'integer' && inner.text === '0')
  );
}

/** A `content_type`/`mimetype`/`media_type` keyword that names something other than HTML. */
function declaresNonHtml(call: Node): boolean {
  const args = callArgs(call);
  for (const name of ['content_type', 'mimetype', 'media_type']) {
    const value = args.keywords.get(name);
    if (value !== undefined) return !(isPlainString(value) && /html/i.test(stringContent(value)));
  }
  return false;
}

function declaresHtml(call: Node): boolean {
  const value = callArgs(call).keywords.get('content_type');
  return value !== undefined && isPlainString(value) && /html/i.test(stringContent(value));
}

/** Every called name (last part) some sink above is: any other call is no sink, at no cost. */
export const SINK_NAMES: ReadonlySet<string> = new Set([
  ...['eval', 'exec', ...SUBPROCESS, ...SQL_METHODS, 'raw', 'text', 'from_string', 'write', 'save'],
  ...MARKUP,
  ...PATH_METHODS,
  ...[...SHELL_RULE.keys(), ...TEMPLATE_CLASSES, ...HTML_RESPONSES, ...EXPLICIT_HTML, ...FILE_FUNCTIONS].map(
    lastPart,
  ),
  ...['load', 'loads', 'Unpickler', 'decode', 'Response'],
]);

/** The sinks a call is (usually none, at most a few). */
export function sinksOfCall(view: CallView): SinkHit[] {
  const { call, resolved, method, object } = view;
  if (!SINK_NAMES.has(method) && !SINK_NAMES.has(lastPart(resolved ?? ''))) return [];
  const args = callArgs(call);
  const first = args.positional[0];
  const hits: SinkHit[] = [];
  const name = resolved ?? '';

  if (name === 'eval' || name === 'builtins.eval' || name === 'exec' || name === 'builtins.exec') {
    const code = commandArgument(call);
    const rule = lastPart(name) === 'eval' ? 'py-eval' : 'py-exec';
    if (code) hits.push({ kind: 'code', rule, argument: code, label: `${lastPart(name)}()` });
  }

  const shellRule = SHELL_RULE.get(name);
  const command = commandArgument(call);
  if (shellRule && command)
    hits.push({ kind: 'shell', rule: shellRule, argument: command, label: 'a shell command' });
  if (name.startsWith('subprocess.') && SUBPROCESS.has(lastPart(name)) && command && shellOn(call))
    hits.push({ kind: 'shell', rule: 'py-subprocess-shell', argument: command, label: 'a shell command' });

  if (SQL_METHODS.has(method) && object !== undefined) {
    const sql =
      first ?? args.keywords.get('sql') ?? args.keywords.get('query') ?? args.keywords.get('operation');
    if (sql) {
      hits.push({
        kind: 'sql',
        rule: 'py-sql-format',
        argument: sql,
        label: 'SQL',
        replaces: 'py-sql-format-unbindable',
      });
    }
  }
  const isRawQuery = method === 'raw' && object !== undefined && /\bobjects$/.test(object.text);
  if ((isRawQuery || name === 'sqlalchemy.text' || name === 'sqlalchemy.sql.text') && first)
    hits.push({
      kind: 'sql',
      rule: 'py-sql-format',
      argument: first,
      label: 'SQL',
      replaces: 'py-sql-format-unbindable',
    });

  const isTemplate = TEMPLATE_CLASSES.has(name) || (method === 'from_string' && object !== undefined);
  const source = first ?? args.keywords.get('source') ?? args.keywords.get('text');
  if (isTemplate && source)
    hits.push({
      kind: 'template',
      rule: 'py-template-injection',
      argument: source,
      label: 'template source',
    });

  if (MARKUP.has(method) && MARKUP_MODULE.test(name) && first)
    hits.push({
      kind: 'markup',
      rule: 'py-mark-safe-request',
      argument: first,
      label: `${method}()`,
      replaces: 'py-mark-safe',
    });

  if (PICKLE.test(name) && first)
    hits.push({
      kind: 'deserialise',
      rule: name.startsWith('marshal') ? 'py-marshal-load' : 'py-pickle-load',
      argument: first,
      label: 'deserialisation',
    });

  const body =
    first ?? args.keywords.get('content') ?? args.keywords.get('body') ?? args.keywords.get('response');
  if (EXPLICIT_HTML.has(name) && body) {
    hits.push({ kind: 'html', rule: 'py-html-response-request', argument: body, label: 'an HTML response' });
  } else if (HTML_RESPONSES.has(name) && body && !declaresNonHtml(call)) {
    hits.push({
      kind: 'html',
      rule: 'py-html-response-request',
      argument: body,
      label: 'an HTML response',
      needsMarkup: true,
    });
  } else if (name === 'aiohttp.web.Response' && declaresHtml(call)) {
    const text = args.keywords.get('text') ?? args.keywords.get('body');
    if (text)
      hits.push({
        kind: 'html',
        rule: 'py-html-response-request',
        argument: text,
        label: 'an HTML response',
      });
  }
  // Handlers that write their own body: tornado's `self.write(...)`, http.server's `self.wfile.write(...)`.
  if (method === 'write' && first && object !== undefined && /^self(\.wfile)?$/.test(object.text))
    hits.push({
      kind: 'html',
      rule: 'py-html-response-request',
      argument: first,
      label: 'the response body',
      needsMarkup: true,
    });

  const file =
    first ?? args.keywords.get('file') ?? args.keywords.get('path') ?? args.keywords.get('path_or_file');
  if (FILE_FUNCTIONS.has(name) && file)
    hits.push({ kind: 'path', rule: 'py-path-request', argument: file, label: 'a file path' });
  if (PATH_METHODS.has(method) && object !== undefined && resolved === undefined)
    hits.push({ kind: 'path', rule: 'py-path-request', argument: object, label: 'a file path' });
  // An uploaded file saved under a name built from the request (`f.save(join(UPLOADS, f.filename))`).
  if (method === 'save' && object !== undefined && first && resolved === undefined)
    hits.push({ kind: 'path', rule: 'py-path-request', argument: first, label: 'a file path' });
  return hits;
}

/** True when the object of an `execute` looks like a database handle; used when the SQL is passed whole. */
export function looksLikeSqlObject(object: Node | undefined): boolean {
  return object !== undefined && SQL_OBJECT.test(object.text.replace(/\(\)$/, ''));
}

/** Calls whose result carries none of the argument's content, whatever the sink. */
export const NEUTRAL_CALLS = new Set([
  'int',
  'float',
  'bool',
  'len',
  'abs',
  'round',
  'hash',
  'id',
  'ord',
  'isinstance',
  'issubclass',
  'hasattr',
  'callable',
  'uuid.UUID',
  'UUID',
  'decimal.Decimal',
  'Decimal',
  'datetime.date.fromisoformat',
  'datetime.datetime.fromisoformat',
  'secrets.compare_digest',
  'hmac.compare_digest',
]);
/** Methods whose result is a number or a truth value. */
export const NEUTRAL_METHODS = new Set([
  'isdigit',
  'isdecimal',
  'isnumeric',
  'isalnum',
  'isalpha',
  'startswith',
  'endswith',
  'count',
  'index',
  'find',
  'rfind',
  'exists',
  'is_file',
  'is_dir',
  'getlist_length',
]);

/** Per sink, calls (last parts, lower case) that make a value safe for it. */
const SANITISERS: Record<SinkKind, RegExp | undefined> = {
  code: undefined,
  template: undefined,
  deserialise: undefined,
  shell: /^(quote|shlex_quote|shell_quote|cmd_quote|join)$/,
  sql: /^(identifier|literal|placeholder|quote_ident|quote_identifier|escape_string|escape_identifier|escape_literal|quote_literal|quote_name|adapt)$/,
  markup:
    /escape(?!_?un)|^clean$|^clean_html$|sanitiz|sanitis|^strip_tags$|^striptags$|^bleach|^linkify$|^quote$|^quote_plus$|^urlencode$/,
  html: /escape(?!_?un)|^clean$|^clean_html$|sanitiz|sanitis|^strip_tags$|^striptags$|^quote$|^quote_plus$|^urlencode$|^dumps$|^jsonify$|^render_template$|^render$/,
  path: /^(secure_filename|basename|get_valid_filename|sanitize_filename|sanitize_filepath|sanitise_filename|safe_join|safe_filename|slugify)$/,
};

/** True when a call named `name` (last part) makes its result safe for sinks of `kind`. */
export function sanitises(kind: SinkKind | undefined, name: string): boolean {
  if (name.toLowerCase() === 'unescape') return false;
  const pattern = kind === undefined ? undefined : SANITISERS[kind];
  return pattern !== undefined && pattern.test(name.toLowerCase());
}

/** Attributes of a path that keep only its last component: `Path(name).name`. */
export const PATH_COMPONENT_ATTRIBUTES = new Set(['name', 'stem', 'suffix']);

/** HTML in the literal text of a string: a tag opened or closed. */
export const MARKUP_TEXT = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:[\s>/]|$)/m;
