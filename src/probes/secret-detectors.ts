/**
 * Line-level secret detectors: well-known token formats, passwords in URLs and literal values
 * assigned to secret-looking names. Pure and line-local so that the last-line redaction
 * (`redactSecretsInLine`) and the secrets probe find exactly the same things.
 */
import {
  isHighEntropy,
  isLooseSecretName,
  isPlaceholderToken,
  isPlaceholderValue,
  looksGenerated,
  secretNameStrength,
  UUID,
} from './secret-values.js';

/** Rule ids of the secrets probe, each with the message its findings carry. */
export const SECRET_KINDS = {
  'aws-access-key-id': 'AWS access key id',
  'aws-secret-access-key': 'AWS secret access key',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'stripe-key': 'Stripe live secret key',
  'google-api-key': 'Google API key',
  'google-oauth-secret': 'Google OAuth client secret',
  'private-key': 'Private key',
  'twilio-api-key': 'Twilio API key',
  'sendgrid-api-key': 'SendGrid API key',
  'npm-token': 'npm token',
  'pypi-token': 'PyPI token',
  jwt: 'JSON Web Token',
  'url-password': 'Password in a URL',
  'high-entropy-string': 'High-entropy string',
  'secret-assignment': 'Hard-coded secret',
} as const;

export type SecretKind = keyof typeof SECRET_KINDS;

/**
 * How a file writes `name = value`, which decides what an assignment looks like in it. 'blob' is
 * the text inside a string literal that embeds a config file (INI, YAML, JSON, XML, a .env): any
 * of their assignments, a bare value only where it leads the line (`password = Zx9!k2`).
 */
export type Syntax = 'python' | 'env' | 'ini' | 'yaml' | 'json' | 'toml' | 'netrc' | 'blob' | 'other' | 'any';

/** One secret on one line. Offsets are 0-based indexes into the line. */
export interface SecretMatch {
  kind: SecretKind;
  message: string;
  /** Where the evidence starts (the column reported). */
  start: number;
  /** What to mask: [maskStart, maskEnd), possibly empty (a private key header alone). */
  maskStart: number;
  maskEnd: number;
  /** Characters of the value kept in clear when masking. */
  keep: number;
}

interface TokenRule {
  kind: SecretKind;
  /** Global regex; the named group `v`, when present, is what gets masked. */
  regex: RegExp;
}

// Bounds are lookarounds, not \b: tokens contain `-` and `_`, which \b treats as boundaries.
const TOKEN_RULES: TokenRule[] = [
  { kind: 'aws-access-key-id', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  {
    kind: 'github-token',
    regex:
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  },
  { kind: 'gitlab-token', regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', regex: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}/g },
  {
    kind: 'slack-webhook',
    regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(?<v>[A-Za-z0-9_/]{16,})/g,
  },
  { kind: 'stripe-key', regex: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{20,}/g },
  { kind: 'google-api-key', regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: 'google-oauth-secret', regex: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g },
  { kind: 'private-key', regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<v>[^'"`]*)/g },
  { kind: 'twilio-api-key', regex: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g },
  {
    kind: 'sendgrid-api-key',
    regex: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}(?![A-Za-z0-9_-])/g,
  },
  { kind: 'npm-token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  {
    kind: 'pypi-token',
    regex: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}/g,
  },
  { kind: 'jwt', regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
];

// An AWS secret key is 40 base64 characters with no prefix: only credible beside its name.
const AWS_SECRET_NAME = /aws.{0,20}(?:secret|access).{0,20}key|secret.?access.?key/i;
const AWS_SECRET_VALUE = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

const URL_PASSWORD =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<u>[^\s:@/'"`<>]*):(?<v>[^\s@/'"`<>]+)@(?=[\w[.-])/g;

// Hosts reserved for documentation (RFC 2606): `https://user:pass@example.com` is an example.
const DOC_HOST = /^[\w.-]*\b(?:example\.(?:com|org|net)|[\w-]+\.(?:example|test|invalid))(?![\w.-]*\w)/i;

// Cheap gates: most lines hold none of these, and then the regexes need not run.
const TOKEN_HINT =
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack|k_live_|AIza|GOCSPX-|PRIVATE KEY|SK[0-9a-f]|SG\.|npm_|pypi-|eyJ|:\/\//;
const NAME_HINT = /secret|passw|pwd|pass|token|key|auth|credential|creds|salt|signature|hmac|seed|private/i;

/** Every secret on a line, one per value (a specific token format beats a generic assignment). */
export function detectSecrets(line: string, syntax: Syntax): SecretMatch[] {
  const found: SecretMatch[] = [];
  if (TOKEN_HINT.test(line)) {
    found.push(...detectTokens(line), ...detectUrlPasswords(line));
  }
  if (CREDENTIAL_CALL_HINT.test(line) && (syntax === 'python' || syntax === 'any' || syntax === 'other'))
    found.push(...detectPositionalCredentials(line));
  if (NAME_HINT.test(line)) {
    found.push(
      ...detectAwsSecret(line),
      ...detectAssignments(line, syntax),
      ...detectMarkup(line),
      ...detectConnectionString(line),
    );
  }
  return dedupe(found);
}

/** A part of a line read in another syntax: [from, to) as 0-based columns. */
export interface Segment {
  from: number;
  to: number;
  syntax: Syntax;
}

/**
 * The secrets on a line whose parts are written in other syntaxes (the lines of a config file
 * kept in a Python string): the line read in its own syntax, and each segment in its own, with
 * offsets into the whole line.
 */
export function detectSecretsWithSegments(
  line: string,
  syntax: Syntax,
  segments: readonly Segment[],
): SecretMatch[] {
  const found = detectSecrets(line, syntax);
  if (segments.length === 0) return found;
  for (const { from, to, syntax: inner } of segments) {
    for (const m of detectSecrets(line.slice(from, Math.min(to, line.length)), inner))
      found.push({ ...m, start: m.start + from, maskStart: m.maskStart + from, maskEnd: m.maskEnd + from });
  }
  return dedupe(found);
}

const PRIORITY: Record<SecretKind, number> = Object.fromEntries(
  Object.keys(SECRET_KINDS).map((k) => [
    k,
    k === 'url-password' ? 1 : k === 'high-entropy-string' ? 2 : k === 'secret-assignment' ? 3 : 0,
  ]),
) as Record<SecretKind, number>;

function dedupe(matches: SecretMatch[]): SecretMatch[] {
  if (matches.length < 2) return matches; // most lines: nothing to choose between
  const ordered = [...matches].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const kept: SecretMatch[] = [];
  for (const m of ordered) {
    const [from, to] = region(m);
    if (kept.some((k) => overlaps(region(k), from, to))) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function region(m: SecretMatch): [number, number] {
  return [Math.min(m.start, m.maskStart), Math.max(m.maskEnd, m.start + 1)];
}

function overlaps([a, b]: [number, number], from: number, to: number): boolean {
  return a < to && from < b;
}

function detectTokens(line: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const rule of TOKEN_RULES) {
    for (const m of line.matchAll(rule.regex)) {
      const start = m.index;
      const v = m.groups?.['v'];
      if (rule.kind === 'private-key') {
        // The header itself is no secret; what follows it on the line (an inlined key) is.
        const body = v ?? '';
        const hasBody = /[A-Za-z0-9+/]{16,}/.test(body);
        const maskStart = start + m[0].length - body.length;
        out.push(match(rule.kind, start, maskStart, hasBody ? start + m[0].length : maskStart, 0));
        continue;
      }
      const maskStart = v === undefined ? start : start + m[0].length - v.length;
      const value = line.slice(maskStart, start + m[0].length);
      if (isPlaceholderToken(value)) continue;
      out.push(match(rule.kind, start, maskStart, start + m[0].length, 4));
    }
  }
  return out;
}

function detectAwsSecret(line: string): SecretMatch[] {
  if (!AWS_SECRET_NAME.test(line)) return [];
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(AWS_SECRET_VALUE)) {
    const v = m[0];
    if (!/[0-9]/.test(v) || !/[a-z]/.test(v) || !/[A-Z]/.test(v) || isPlaceholderToken(v)) continue;
    out.push(match('aws-secret-access-key', m.index, m.index, m.index + v.length, 4));
  }
  return out;
}

function detectUrlPasswords(line: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(URL_PASSWORD)) {
    let user = m.groups?.['u'] ?? '';
    let pass = m.groups?.['v'] ?? '';
    // A multi-host URL (`https://foo.com:123,foo:bar@bar.com`): the credentials are the last host's.
    const last = pass.slice(pass.lastIndexOf(',') + 1);
    const colon = last.indexOf(':');
    if (last !== pass && colon >= 0) {
      user = last.slice(0, colon);
      pass = last.slice(colon + 1);
    }
    // user == password is a service default (postgres:postgres, guest:guest): whoever reads one reads both.
    if (pass === user || isPlaceholderValue(pass, '', 1) || DOC_HOST.test(line.slice(m.index + m[0].length)))
      continue;
    const maskStart = m.index + m[0].length - pass.length - 1;
    out.push(match('url-password', maskStart, maskStart, maskStart + pass.length, 2));
  }
  return out;
}

function match(
  kind: SecretKind,
  start: number,
  maskStart: number,
  maskEnd: number,
  keep: number,
): SecretMatch {
  return { kind, message: SECRET_KINDS[kind], start, maskStart, maskEnd, keep };
}

// `name <op>` where name may be quoted (dict keys, JSON), dotted (self.password) or subscripted
// (config["SECRET_KEY"] =). Python and JS may annotate a type between name and `=`.
const ASSIGN_TYPED =
  /(?<![\w$@])(?<q>['"]?)(?<name>[A-Za-z_][\w.-]*)\k<q>(?<close>\s*\])?(?<ann>\s*:\s*[A-Za-z_][\w.]*(?:\[[^=]{0,60}?\])?(?:\s*\|\s*[A-Za-z_][\w.]*(?:\[[^=]{0,60}?\])?){0,4})?\s*(?<op>===|!==|==|!=|=|:)\s*/g;
const ASSIGN_PLAIN = /(?<![\w$@])(?<q>['"]?)(?<name>[A-Za-z_][\w.-]*)\k<q>(?<close>\s*\])?\s*(?<op>=|:)\s*/g;
const NETRC_PASSWORD = /(?<![\w-])password\s+(?<v>\S+)/g;

// A line-leading assignment in shells, Dockerfiles and .env-like text: `export X=`, `ENV X=`, `- X:`.
const LINE_LEAD = /^\s*(?:(?:export|ENV|ARG|set|setx)\s+|-\s+)?$/;

interface Value {
  value: string;
  start: number;
  /** Where scanning may resume. */
  next: number;
  /** Only part of a string built at run time (`"--user=" + x`, f-strings with fields): no value of its own. */
  built?: boolean;
}

/** Literal values assigned to (or compared with) secret-looking names. */
function detectAssignments(line: string, syntax: Syntax): SecretMatch[] {
  if (syntax === 'netrc') return detectNetrc(line);
  const regex = syntax === 'python' || syntax === 'other' || syntax === 'any' ? ASSIGN_TYPED : ASSIGN_PLAIN;
  regex.lastIndex = 0;
  const out: SecretMatch[] = [];
  let m: RegExpExecArray | null;
  while ((m = regex.exec(line)) !== null) {
    const g = m.groups ?? {};
    const name = g['name'] ?? '';
    const quotedName = (g['q'] ?? '') !== '';
    const op = g['op'] ?? '';
    if (g['close'] !== undefined && !quotedName) continue; // d[token] = ...: the key is a variable
    if (!operatorFits(syntax, op, quotedName, g['ann'] !== undefined)) continue;
    const lead = LINE_LEAD.test(line.slice(0, m.index));
    const head =
      (g['q'] ?? '').length * 2 + name.length + (g['close'] ?? '').length + (g['ann'] ?? '').length;
    const tight = !/\s/.test(m[0].slice(head));
    const loose = syntax === 'any' || syntax === 'blob';
    const value = readValue(line, m.index + m[0].length, syntax, op, lead && (tight || loose));
    if (value === undefined) continue;
    regex.lastIndex = Math.max(regex.lastIndex, value.next);
    if (value.built === true) continue;
    const judged = judge(name, value, syntax, op);
    if (judged !== undefined) out.push(judged);
  }
  return out;
}

function operatorFits(syntax: Syntax, op: string, quotedName: boolean, annotated: boolean): boolean {
  const comparison = op.length >= 2;
  switch (syntax) {
    case 'python':
      // `name: str` alone is an annotation; a bare `name:` otherwise is a slice or a lambda.
      if (op === ':') return quotedName;
      return true;
    case 'json':
      return op === ':' && quotedName;
    case 'toml':
    case 'env':
      return op === '=';
    case 'yaml':
      return op === ':';
    case 'ini':
    case 'blob':
      return op === '=' || op === ':';
    default:
      return !(annotated && comparison);
  }
}

/**
 * Reads the value after an operator: a quoted literal, or (where the syntax has them) a bare word.
 * `bareAllowed` says a bare word is credible in code-like text: the assignment leads the line
 * (`export X=abc`, `ENV X=abc`, `X=abc`) rather than sitting in an expression.
 */
function readValue(
  line: string,
  at: number,
  syntax: Syntax,
  op: string,
  bareAllowed: boolean,
): Value | undefined {
  const quoted = readQuoted(line, at, syntax);
  if (quoted !== null) return quoted;
  if (op.length >= 2) return undefined; // a comparison with a variable
  // Text in a string literal is code-like too: `password = get_pw()` there is a code sample.
  const codeLike = syntax === 'other' || syntax === 'any' || syntax === 'blob';
  if (syntax === 'python' || syntax === 'json' || syntax === 'toml' || (codeLike && !bareAllowed))
    return undefined;
  const rest = line.slice(at);
  // Comments: `#` after a space everywhere, `;` in ini files; YAML anchors, tags, blocks and flow collections are not scalars here.
  const cut = rest.search(syntax === 'ini' || syntax === 'blob' ? /\s[#;]/ : /\s#/);
  const raw = (cut >= 0 ? rest.slice(0, cut) : rest).trimEnd();
  if (raw === '' || ((syntax === 'yaml' || syntax === 'blob') && /^[&*!|>[{]/.test(raw))) return undefined;
  if (syntax === 'env' && /\s/.test(raw)) return undefined;
  // A bare word in code-like text is an expression unless it ends the line (`X=abc`, `x: abc`).
  if (codeLike && /[()[\]{},;'"`]/.test(raw)) return undefined;
  return { value: raw, start: at, next: at + raw.length };
}

/** A quoted literal at `at` (with Python's r/b/u/f prefixes), or null when there is none or it does not close on this line. */
function readQuoted(line: string, at: number, syntax: Syntax): Value | null {
  let i = at;
  let formatted = false;
  if (syntax === 'python' || syntax === 'other' || syntax === 'any') {
    const prefix = /^[rRbBuUfF]{1,2}(?=['"])/.exec(line.slice(at));
    if (prefix !== null) {
      formatted = /f/i.test(prefix[0]);
      i += prefix[0].length;
    }
  }
  const quote = line[i];
  if (quote !== '"' && quote !== "'" && quote !== '`') return null;
  if (line.startsWith(quote.repeat(3), i)) return null; // a block string: its value is on other lines
  const start = i + 1;
  let j = start;
  while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
  if (j >= line.length) return null;
  const value = line.slice(start, j);
  // A literal that is only part of a string being built (`"--user=" + auth`, `"%s:%s" % x`), or one
  // member of a TypeScript union type, is no value of its own.
  // An f-string or a JS template with fields is built at run time too.
  const built =
    /^\s*(?:[+%*|]|\.format\b)/.test(line.slice(j + 1)) ||
    ((formatted || quote === '`') && value.includes('{'));
  return { value, start, next: j + 1, built };
}

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot)\s+/i;

/**
 * Judges a value under a name; `where` replaces the message's "assigned to NAME" (markup says
 * `in <password>`).
 */
function judge(name: string, v: Value, syntax: Syntax, op: string, where?: string): SecretMatch | undefined {
  let { value, start } = v;
  const scheme = AUTH_SCHEME.exec(value);
  if (scheme !== null) {
    // `"Authorization": "Bearer abc..."`: the credential is what follows the scheme.
    value = value.slice(scheme[0].length);
    start += scheme[0].length;
  }
  const minLength = syntax === 'env' ? 1 : 6;
  const shortName = name.replace(/^.*\./, '');
  if (isPlaceholderValue(value, shortName, minLength)) return undefined;
  const end = start + value.length;
  const strength = secretNameStrength(shortName);
  const comparison = op.length >= 2;
  const credible = strength === 'password' || (strength === 'token' && looksGenerated(value));
  if (credible) {
    const random = isHighEntropy(value);
    const verb = comparison ? 'compared with' : 'assigned to';
    const kind: SecretKind = random ? 'high-entropy-string' : 'secret-assignment';
    return {
      kind,
      message: `${SECRET_KINDS[kind]} ${where ?? `${verb} ${shortName}`}`,
      start,
      maskStart: start,
      maskEnd: end,
      keep: 2,
    };
  }
  // Embedded text (markup, connection strings, a config in a string) is judged only by secret
  // names: there `Signature: 8a47...` (a CACHEDIR.TAG) or `<SignatureValue>` is public.
  if (syntax !== 'blob' && isLooseSecretName(shortName) && isHighEntropy(value)) {
    const kind: SecretKind = 'high-entropy-string';
    return {
      kind,
      message: `${SECRET_KINDS[kind]} ${where ?? `assigned to ${shortName}`}`,
      start,
      maskStart: start,
      maskEnd: end,
      keep: 2,
    };
  }
  return undefined;
}

// An element holding a value: `<password>v</password>`, `<ns:api_key><![CDATA[v]]></ns:api_key>`.
const MARKUP_ELEMENT =
  /<(?<tag>[A-Za-z_][\w.:-]*)(?<attrs>\s[^<>]*)?>(?:<!\[CDATA\[(?<cdata>[^\]]*)\]\]>|(?<text>[^<>]*))<\/\k<tag>\s*>/g;
// A start or empty tag and its attributes: `<server password="v"/>`, `<add key="DbPassword" value="v"/>`.
const MARKUP_TAG = /<[A-Za-z_][\w.:-]*(?<attrs>\s[^<>]*)>/g;
const MARKUP_ATTR = /(?<![\w.:-])(?<name>[A-Za-z_][\w.:-]*)\s*=\s*(?<q>["'])(?<v>[^"'<>]*)\k<q>/g;
// Attributes that name the setting an element holds (Spring's `<property name=...>`, .NET's `<add key=...>`).
const MARKUP_NAMING_ATTR = /^(?:name|key)$/i;
// Elements whose text is the value of the setting they name (`<entry key="secret">v</entry>`,
// Odoo's `<field name="password">v</field>`); elsewhere a named element's text is a label or a
// translation (Android's `<string name="password">Passwort</string>`).
const MARKUP_SETTING_TAG =
  /^(?:property|entry|add|param|parameter|setting|env|variable|var|item|arg|value|field|attribute|option)$/i;

/**
 * Values in XML and HTML: an element or an attribute named as a secret (`<password>v</password>`,
 * `password="v"`), and a setting named by a `name`/`key` attribute whose value is in `value` or in
 * the element's text. Form fields (`<input type="password" name="password">`) and labels hold no value.
 */
function detectMarkup(line: string): SecretMatch[] {
  if (!line.includes('<')) return [];
  const out: SecretMatch[] = [];
  const push = (m: SecretMatch | undefined): void => {
    if (m !== undefined) out.push(m);
  };
  for (const m of line.matchAll(MARKUP_ELEMENT)) {
    const tag = m.groups?.['tag'] ?? '';
    const inner = m.groups?.['cdata'] ?? m.groups?.['text'] ?? '';
    const close = m.index + m[0].lastIndexOf('</');
    const cdataTail = m.groups?.['cdata'] === undefined ? 0 : 3; // `]]>`
    const lead = inner.length - inner.trimStart().length;
    const value = inner.trim();
    const start = close - cdataTail - inner.length + lead;
    const v: Value = { value, start, next: start + value.length };
    const named = attributes(m.groups?.['attrs'] ?? '').find((a) => MARKUP_NAMING_ATTR.test(a.name));
    push(judge(tag.replace(/^.*:/, ''), v, 'blob', '=', `in <${tag}>`));
    if (named !== undefined && MARKUP_SETTING_TAG.test(tag.replace(/^.*:/, '')))
      push(judge(named.value, v, 'blob', '=', `in <${tag} ${named.name}="${named.value}">`));
  }
  for (const m of line.matchAll(MARKUP_TAG)) {
    const attrsText = m.groups?.['attrs'] ?? '';
    const base = m.index + m[0].length - 1 - attrsText.length;
    const attrs = attributes(attrsText);
    const named = attrs.find((a) => MARKUP_NAMING_ATTR.test(a.name));
    for (const a of attrs) {
      const v: Value = { value: a.value, start: base + a.start, next: base + a.start + a.value.length };
      push(judge(a.name.replace(/^.*:/, ''), v, 'blob', '='));
      if (named !== undefined && a.name.toLowerCase() === 'value')
        push(judge(named.value, v, 'blob', '=', `in ${named.name}="${named.value}"`));
    }
  }
  return out;
}

/** The quoted attributes of a tag, with where each value starts in `attrs`. */
function attributes(attrs: string): { name: string; value: string; start: number }[] {
  return [...attrs.matchAll(MARKUP_ATTR)].map((a) => {
    const value = a.groups?.['v'] ?? '';
    return { name: a.groups?.['name'] ?? '', value, start: a.index + a[0].length - 1 - value.length };
  });
}

// Keyword/value connection strings: libpq's `host=db user=app password=v`, ODBC's and ADO.NET's
// `Server=db;Uid=sa;Pwd={v};`. A pair starts the text or follows a space, `;` or a quote, and
// ends at one of them; `f(host=h, password=pw)` is code and `--password=v` an option.
const CONN_KEY =
  /(?<![^\s;'"`])(?:host|hostaddr|server|data source|address|addr|dbname|database|initial catalog|user|uid|user id|username|port|sslmode|driver|dsn|service)\s*=\s*(?:\{[^{}]*\}|[^\s;'"`(),{}[\]=]+)(?=$|[\s;'"`])/i;
const CONN_PAIR =
  /(?<![^\s;'"`])(?<name>[A-Za-z][A-Za-z_]*)\s*=\s*(?<v>\{[^{}]*\}|[^\s;'"`(),{}[\]=]+)(?=$|[\s;'"`])/g;
// A braced value that is a format field (`{password}`, `{cfg.db_pass}`), filled in at run time.
const FORMAT_FIELD = /^[A-Za-z_][\w.]*(?:\[[^\]]*\])?$/;

/** A secret-named key with a literal value in a keyword/value connection string. */
const CREDENTIAL_CALL_HINT =
  /\.(?:login|simple_bind_s|simple_bind|bind_s|pass_)\(|\bFTP(?:_TLS)?\(|\bHTTP(?:Basic|Digest|Proxy)Auth\(|\bauth\s*=\s*\(/;
const ANY = `[^'"\\n]*`;
const VALUE = `(?<v>[^'"\\n]+)`;
/** The n-th quoted argument: its quote captured as `q<n>`, closed by the same quote. */
const quoted = (n: number, body: string): string => `(?<q${n}>['"])${body}\\k<q${n}>`;
/**
 * Calls that take a password by position, written with literals: `server.login("me", "pw")`
 * (smtplib, imaplib, ftplib, LDAP binds), `FTP(host, user, "pw")`, `HTTPBasicAuth("me", "pw")`,
 * requests' `auth=("me", "pw")`, poplib's `pass_("pw")`.
 */
const POSITIONAL_CREDENTIALS: readonly RegExp[] = [
  `\\.(?<call>login|simple_bind_s|simple_bind|bind_s)\\(\\s*${quoted(1, ANY)}\\s*,\\s*${quoted(2, VALUE)}\\s*[,)]`,
  `\\b(?<call>FTP(?:_TLS)?)\\(\\s*${quoted(1, ANY)}\\s*,\\s*${quoted(2, ANY)}\\s*,\\s*${quoted(3, VALUE)}`,
  `\\b(?<call>HTTP(?:Basic|Digest|Proxy)Auth)\\(\\s*${quoted(1, ANY)}\\s*,\\s*${quoted(2, VALUE)}\\s*\\)`,
  `\\b(?<call>auth)\\s*=\\s*\\(\\s*${quoted(1, ANY)}\\s*,\\s*${quoted(2, VALUE)}\\s*\\)`,
  `\\.(?<call>pass_)\\(\\s*${quoted(1, VALUE)}\\s*\\)`,
].map((source) => new RegExp(source, 'g'));

function detectPositionalCredentials(line: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const pattern of POSITIONAL_CREDENTIALS) {
    for (const m of line.matchAll(pattern)) {
      const value = m.groups?.['v'] ?? '';
      const call = m.groups?.['call'] ?? 'a call';
      // The value ends just before its closing quote, which ends the match or precedes `,`/`)`.
      const start = m.index + m[0].lastIndexOf(value);
      const judged = judge(
        'password',
        { value, start, next: start + value.length },
        'python',
        '=',
        `passed as the password of ${call}()`,
      );
      if (judged !== undefined) out.push(judged);
    }
  }
  return out;
}

function detectConnectionString(line: string): SecretMatch[] {
  if (!line.includes('=') || !CONN_KEY.test(line)) return [];
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(CONN_PAIR)) {
    const name = m.groups?.['name'] ?? '';
    let value = m.groups?.['v'] ?? '';
    let start = m.index + m[0].length - value.length;
    if (value.startsWith('{')) {
      value = value.slice(1, -1);
      start += 1;
      if (FORMAT_FIELD.test(value) && !looksGenerated(value)) continue;
    }
    const judged = judge(
      name,
      { value, start, next: start + value.length },
      'blob',
      '=',
      'in a connection string',
    );
    if (judged !== undefined) out.push(judged);
  }
  return out;
}

function detectNetrc(line: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(NETRC_PASSWORD)) {
    const value = m.groups?.['v'] ?? '';
    // A .netrc password is a password even when it is a UUID (Heroku's API keys are).
    if (isPlaceholderValue(value, 'password', 1) && !UUID.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({
      kind: 'secret-assignment',
      message: `${SECRET_KINDS['secret-assignment']} in .netrc`,
      start,
      maskStart: start,
      maskEnd: start + value.length,
      keep: 2,
    });
  }
  return out;
}

/** How assignments are written in a file, from its name. */
export function syntaxOf(path: string): Syntax {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  if (base === '.netrc' || base === '_netrc') return 'netrc';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || base === '.envrc') return 'env';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  switch (ext) {
    case 'py':
    case 'pyi':
    case 'pyw':
      return 'python';
    case 'yml':
    case 'yaml':
      return 'yaml';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'toml':
      return 'toml';
    case 'ini':
    case 'cfg':
    case 'conf':
    case 'properties':
    case 'pypirc':
      return 'ini';
    default:
      return 'other';
  }
}
