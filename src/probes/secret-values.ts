/**
 * Judging names and values: is this name one a secret goes under, is this literal a real value or
 * a placeholder, does it look random. Shared by the secrets probe and the last-line redaction.
 */

// Last words of a name that say a person chose the value: any literal is a credential.
const PASSWORD_HEADS = new Set([
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'credential',
  'credentials',
  'creds',
  'secretkey',
  'privatekey',
]);

// Last words of a name whose values are machine-made when they are credentials: tokenizer
// tokens (`token == "lambda"`) and auth settings (`SERVER_AUTH = '1.3.6...'`) are not.
const TOKEN_HEADS = new Set(['token', 'tokens', 'apikey', 'accesskey', 'auth', 'authorization']);

// `*_KEY` names are secret-like except where the key is a lookup key or a public one.
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'public',
  'publishable',
  'site',
  'primary',
  'foreign',
  'sort',
  'partition',
  'range',
  'cache',
  'lookup',
  'dict',
  'map',
  'group',
  'idempotency',
  'unique',
  'row',
  'column',
  'field',
  'index',
  'object',
  'bucket',
  'storage',
  'session',
  'cookie',
  'header',
  'state',
  'translation',
  'i18n',
  'hot',
  'shortcut',
  'keyboard',
  'redis',
  'queue',
  'settings',
  'config',
  'env',
  'gpg',
  'ssh',
]);

// Extra words that make a name worth a look when the value also looks random.
const LOOSE_SECRET_WORDS = new Set([
  ...PASSWORD_HEADS,
  ...TOKEN_HEADS,
  'key',
  'salt',
  'signature',
  'hmac',
  'seed',
  'private',
]);

// Last words that make a name an identifier or a setting about a secret, never the secret itself.
const NON_SECRET_HEADS = new Set([
  'id',
  'ids',
  'url',
  'uri',
  'urls',
  'endpoint',
  'path',
  'file',
  'filename',
  'dir',
  'name',
  'type',
  'field',
  'header',
  'model',
  'backend',
  'backends',
  'class',
  'prefix',
  'length',
  'len',
  'timeout',
  'ttl',
  'expiry',
  'expires',
  'format',
  'regex',
  'pattern',
  'label',
  'hint',
  'help',
  'message',
  'msg',
  'error',
  'template',
  'env',
  'var',
  'user',
  'username',
  'host',
]);

/** The words of an identifier: `DB_PASSWORD` → db, password; `apiKey` → api, key; `x-api-key` → x, api, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Trailing words that only number or version a name (`password2`, `token_v2`) do not change what it holds. */
function significantWords(name: string): string[] {
  const words = nameWords(name).map((w) => w.replace(/(?<=[a-z])\d+$/, ''));
  while (words.length > 1 && /^(?:v?\d+|old|new|prod|dev|live)$/.test(words[words.length - 1] ?? ''))
    words.pop();
  return words;
}

// Qualifiers that make a `*_KEY` a secret a person may well have typed, words and all.
const PASSWORD_KEY_QUALIFIERS = new Set([
  'secret',
  'private',
  'signing',
  'encryption',
  'master',
  'hmac',
  'jwt',
  'crypto',
  'cipher',
  'aes',
  'fernet',
]);

/**
 * How a literal assigned to this name is judged. 'password': any real value is a credential
 * (`DB_PASSWORD`, `client_secret`, `SECRET_KEY`); 'token': only a machine-made-looking value is
 * (`GITHUB_TOKEN`, `authToken`, `MAPS_KEY`, `api_key`); undefined: not a secret's name
 * (`TOKEN_URL`, `CACHE_KEY`, `key`).
 */
export function secretNameStrength(name: string): 'password' | 'token' | undefined {
  const words = significantWords(name);
  const head = words[words.length - 1];
  if (head === undefined) return undefined;
  if (PASSWORD_HEADS.has(head)) return 'password';
  if (TOKEN_HEADS.has(head)) return 'token';
  if (head !== 'key' || words.length < 2) return undefined;
  const qualifier = words[words.length - 2] ?? '';
  if (PASSWORD_KEY_QUALIFIERS.has(qualifier)) return 'password';
  return NON_SECRET_KEY_QUALIFIERS.has(qualifier) ? undefined : 'token';
}

/** True when a literal assigned to this name may be a credential (see `secretNameStrength`). */
export function isSecretName(name: string): boolean {
  return secretNameStrength(name) !== undefined;
}

/** Looser: a name that mentions a secret anywhere (`jwt_signing_key_material`); enough only with a random-looking value. */
export function isLooseSecretName(name: string): boolean {
  if (isSecretName(name)) return true;
  const words = significantWords(name);
  const head = words[words.length - 1] ?? '';
  if (NON_SECRET_HEADS.has(head)) return false;
  if (words.length >= 2 && head === 'key' && NON_SECRET_KEY_QUALIFIERS.has(words[words.length - 2] ?? ''))
    return false;
  return words.some((w) => LOOSE_SECRET_WORDS.has(w));
}

// Whole values that stand for "fill in here" or are not strings at all.
const PLACEHOLDER_WORDS = new Set([
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'apikey',
  'api-key',
  'api_key',
  'changeme',
  'todo',
  'tbd',
  'fixme',
  'redacted',
  'hidden',
  'masked',
  'required',
  'optional',
  'str',
  'string',
  'bearer',
  'basic',
  'digest',
  // fetch()'s `credentials:` modes; test results under a `pass:` key
  'same-origin',
  'include',
  'omit',
  'passed',
  'failed',
  // metasyntactic names: `https://foo:bar@host` in a docstring
  'foo',
  'bar',
  'baz',
  'qux',
  'quux',
  'foobar',
]);

// An alphabet (`SALT_CHARS = "abcdefgh...xyz0123456789"`) or a keyboard run is filler, not a secret.
const PLACEHOLDER_PARTS =
  /change[-_. ]?(?:me|it|this)|replace[-_. ]?(?:me|this|with)|example|sample|dummy|fake|placeholder|(?:^|[^a-z])your[-_ .]?|insert[-_ ]|redacted|xxxx|\*\*\*|\.\.\.|…|(?:^|[^a-z])test|abcdefgh|123456789|qwerty/i;

// Template and variable syntax: the value comes from somewhere else.
const TEMPLATE = /\$\{|\$\(|\{\{|\}\}|\{%|%\(|<[^<>]*>|^\$[A-Za-z_]|^%[A-Za-z_]+%$|^\{[\w.\s]*\}$|^%[sd]$/;

/** A UUID: an identifier far more often than a credential. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENV_VAR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
// `user_input_password`, `refresh_token`, `pipeline_definition_s3_location`: an identifier
// standing for a value, not one.
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)+$/;
// An AWS resource name (`arn:aws:iam::aws:policy/IAMUserChangePassword`) names a thing.
const ARN = /^arn:aws[\w-]*:/;
// A file or object key with an extension (`my-app/5026-stage-150723_224258.war`); base64 has no dot.
const PATH_WITH_EXTENSION = /\/.*\.[A-Za-z][A-Za-z0-9]{1,4}$/;
// A short unit said again and again: `asdfasdfasdf`, `abcabcabc`.
const REPEATED_UNIT = /^(.{2,4})\1{2,}$/;
// Words a label about a secret is made of (`Access-Control-Allow-Credentials`, `AWSSecretKey`).
const SECRET_LABEL_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pass',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'token',
  'tokens',
  'key',
  'keys',
  'apikey',
]);
const KEY_FILE =
  /^[\w./\\-]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|json|txt|ya?ml|env|cfg|ini|gpg|asc|pub)$/i;

/**
 * True when a literal is not a real secret: empty, a placeholder or test value, a template or
 * variable reference, a name of an environment variable, a path, a URL, a UUID, prose.
 * `minLength` is lowered for .env files, where even a short value is a real one.
 */
export function isPlaceholderValue(value: string, name = '', minLength = 6): boolean {
  const v = value.trim();
  if (v.length < Math.max(1, minLength)) return true;
  if (/\s/.test(v)) return true; // prose, SQL, messages; passphrases are the price
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || lower === name.toLowerCase()) return true;
  if (/^(.)\1*$/.test(v)) return true; // xxxxxx, ******, 000000
  if (PLACEHOLDER_PARTS.test(v) || TEMPLATE.test(v)) return true;
  if (UUID.test(v) || ENV_VAR_NAME.test(v) || SNAKE_CASE.test(v) || KEY_FILE.test(v)) return true;
  if (v.includes('://') || /^(?:\/|\.\.?\/|~\/)/.test(v)) return true;
  if (ARN.test(v) || PATH_WITH_EXTENSION.test(v) || REPEATED_UNIT.test(v) || namesASecret(v)) return true;
  return REGEX_LIKE.test(v);
}

// Regular expressions assigned to `*_token` names (lexers, parsers) are not tokens: escapes,
// groups, negated classes, ranges inside a class (`[!#$%&'*+.^_|~0-9A-Za-z]`), `{1,}` repeats.
const REGEX_LIKE = /\\[dwsbDWSB]|\(\?|\[\^|\.[*+]|\[[^\]]*(?:[a-z]-[a-z]|[0-9]-[0-9])[^\]]*\]|\{\d+,\d*\}/i;

/**
 * The words of a value written as an identifier or a label: camelCase humps, acronyms, and runs
 * between `.`, `-`, `_`, `/`, `:`; digits stay on the word they follow (`Ipv4`, `S3`, `Ec2`).
 * Undefined when the value holds anything else (a generated token's `+`, `=`, digits first,
 * digits inside a word).
 */
function identifierWords(value: string): string[] | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-._/:][A-Za-z][A-Za-z0-9]*)*$/.test(value)) return undefined;
  const words = value.match(/[A-Z]+[0-9]*(?![a-z])|[A-Z]?[a-z]+[0-9]*|[0-9]+/g) ?? [];
  return words.every((word) => /^[A-Za-z]+[0-9]{0,2}$/.test(word)) ? words : undefined;
}

const VOWEL = /[aeiouy]/i;

/** A word as people spell them: three letters or more, a vowel, no four consonants in a row. */
function isRealWord(word: string): boolean {
  const letters = word.replace(/[0-9]+$/, '');
  return (
    letters.length >= 3 && !/^[A-Z]+$/.test(letters) && VOWEL.test(letters) && !/[^aeiouy]{4}/i.test(letters)
  );
}

/**
 * True when a value is a name made of words, such as an identifier, a setting's key or a
 * header name (`Ec2KeyName`, `PublicIpv4Pools`, `fs.s3.consistent`): what a machine-made token
 * never looks like. Two words or more; the rest may be acronyms and abbreviations (`AWS`,
 * `fs`, `S3`) but at least a third are real words, one of them four letters long; digits only
 * as one short version or service marker (`V2`, `Ipv4`). Random text fails this: `CueejHb8FG`
 * has two words with digits, `JTBRDFINRv` a run of capitals, `Nbhss` no vowel.
 */
export function looksLikeIdentifier(value: string): boolean {
  const words = identifierWords(value);
  if (words === undefined || words.length < 2) return false;
  if (value.replace(/[^0-9]/g, '').length > 2 || words.filter((word) => /[0-9]/.test(word)).length > 1)
    return false;
  const acronyms = words.filter((word) => /^[A-Z]{2,}[0-9]*$/.test(word));
  if (acronyms.length > 1 || acronyms.some((word) => word.replace(/[0-9]+$/, '').length > 4)) return false;
  if (!words.every((word) => acronyms.includes(word) || isNamePart(word))) return false;
  const real = words.filter(isRealWord);
  return real.some((word) => /^[A-Za-z]{4,}/.test(word)) && real.length * 3 >= words.length;
}

// Two-letter parts names are made of (`keyId`, `IpAddress`, `MyPassword`); others are noise.
const TWO_LETTER_PARTS = new Set([
  'id',
  'ip',
  'io',
  'db',
  'my',
  'to',
  'of',
  'by',
  'on',
  'in',
  'at',
  'is',
  'no',
  'or',
  'up',
  'os',
  'ui',
  'fs',
  'ok',
]);

/** A word of a name: a real word, a short abbreviation, a known two-letter part, or a letter or two with a marker (`S3`, `Ec2`). */
function isNamePart(word: string): boolean {
  const letters = word.replace(/[0-9]+$/, '');
  // `S3`, `V2`, `Ec2`, `Ipv4`; `Hb8` is noise.
  if (letters.length < word.length) return letters.length === 1 || VOWEL.test(letters);
  if (letters.length === 1) return false;
  if (letters.length === 2) return TWO_LETTER_PARTS.has(letters.toLowerCase());
  if (/^(.)\1/i.test(letters)) return false; // `Kkuvht`, `xxri`
  return letters.length === 3 || isRealWord(word);
}

/**
 * A label that names a secret instead of holding one: `allowCredentials`,
 * `Access-Control-Allow-Credentials`, `AWSSecretKey`, `MyPassword` (two words or more, one of
 * them a secret's word). A single word with digits (`Password123`) may be a real password.
 */
function namesASecret(value: string): boolean {
  const words = identifierWords(value);
  if (words === undefined || words.length < 2) return false;
  return words.some((word) => SECRET_LABEL_WORDS.has(word.replace(/[0-9]+$/, '').toLowerCase()));
}

/**
 * True when a value could have come from a key generator rather than a person: 10+ characters
 * mixing letters and digits, or random-looking; never a name made of words (`Ec2KeyName`).
 */
export function looksGenerated(value: string): boolean {
  if (looksLikeIdentifier(value)) return false;
  // Generators write letters, digits and a few symbols; `Jobs[-1].JobId` is an expression.
  const tokenLike = /^[\w+/=.~:-]+$/.test(value);
  return (
    (tokenLike && value.length >= 10 && /[0-9]/.test(value) && /[A-Za-z]/.test(value)) || isHighEntropy(value)
  );
}

/** A token body that is a documented example or filler rather than a real token. */
export function isPlaceholderToken(token: string): boolean {
  if (/example|sample|dummy|fake|x{6,}|\*{3}|0123456789|123456789|abcdefgh/i.test(token)) return true;
  return new Set(token).size < 8;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True when a literal looks machine-generated: a base64/base64url-ish run of 20+ characters
 * mixing letters and digits with more than 4 bits of entropy a character, or 32+ hex digits with
 * more than 3 (hex has only 16 symbols, so its ceiling is 4).
 */
export function isHighEntropy(value: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(value)) return shannonEntropy(value) > 3;
  if (value.length < 20 || !/^[A-Za-z0-9+/=_\-.]+$/.test(value) || looksLikeIdentifier(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) > 4;
}
