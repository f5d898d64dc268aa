/**
 * Which bandit tests could report on a Python file, judged from its text alone, so that bandit
 * (which spends its time parsing and walking every file) is only given the files where a test
 * vouch consults could fire.
 *
 * One row per bandit test id. `words` is a necessary condition read off the plugin's source
 * (bandit 1.6.2, and what 1.7.x–1.9.x flag under the same id): a file it does not match cannot
 * get that finding. How names reach the text:
 * - bandit matches a call by its qualified name, resolved through the file's imports: every
 *   part of that name is written somewhere in the file (`import hashlib as h; h.md5()` says
 *   md5, `from os import system as run` says system), so the rows look for the parts.
 * - keyword checks (`shell=True`, `verify=False`, `debug=True`) need the keyword's name.
 * - tests that read a string's value (the blacklists through `__import__('...')`, B104, B105,
 *   B108, B502, B608) also let through what can put a word into a string without the text
 *   spelling it: escapes, a backslash-newline, adjacent literals (`ESCAPE`, `SPLIT`), and for
 *   B608, which joins an f-string's pieces, any f-string.
 * B104–B108 and B608 also have `refine`, a narrower condition on the file's code and strings
 * (comments and docstrings left out, adjacent literals joined, f-string fields dropped), tried
 * once `words` matched; when the file cannot be split into code and strings, it holds.
 * The predicate also tries the text in NFKC form when it has non-ASCII characters, since Python
 * folds identifiers that way (`ｅｖａｌ(x)` calls eval), and lets through any file that declares
 * a source encoding other than UTF-8 or ASCII (a `# coding: utf-7` file can spell anything).
 * The predicate expects the file's bytes decoded as UTF-8.
 *
 * The words assume bandit's default plugin settings. A row with `config` names the settings
 * sections of bandit's configuration that can widen it; a repository configuration that sets
 * one of those (or the legacy `blacklist_calls` / `blacklist_imports` lists, which can report
 * under any id) must be passed to `banditPrefilter`, which then declines to filter.
 */

export interface BanditTrigger {
  id: string;
  name: string;
  /** Must match the text of any Python source on which this test can report. */
  words: RegExp;
  /** A narrower necessary condition, tried on files that `words` matched. */
  refine?: (source: CodeAndStrings) => boolean;
  /** Settings sections of bandit's configuration whose defaults these words assume. */
  config?: readonly string[];
}

/** A Python file split into code and strings. */
export interface CodeAndStrings {
  /** The text with comments blanked and each string literal replaced by U+E000 (U+E001: an f-string). */
  code: string;
  /** Every string: adjacent literals joined, in order. */
  strings: readonly PyString[];
}

export interface PyString {
  /** The literals' bodies joined, f-string fields left out; escapes are not decoded. */
  value: string;
  /** The bodies with the fields kept, in case one was misread. */
  raw: string;
  /** An f-string, an operand of a binary operator, or the receiver of `.format` / `.replace`. */
  operand: boolean;
  /** Followed by `]` or `:`: a subscript or a dict key. */
  key: boolean;
}

// Building blocks, as regex source. Every row is case-sensitive and flagless, so the rows can
// be joined into one expression.

const any = (...parts: string[]): string => parts.join('|');
/** Each row's alternatives, so that rows sharing one (ESCAPE, SPLIT...) are joined without repeats. */
const ALTERNATIVES = new WeakMap<RegExp, readonly string[]>();
const rx = (...parts: string[]): RegExp => {
  const re = new RegExp(any(...parts));
  ALTERNATIVES.set(re, parts);
  return re;
};
/** Whole names: the part is the whole identifier. */
const word = (...names: string[]): string => String.raw`\b(?:${names.join('|')})\b`;
/** Names that only have to begin with these (`in` on a qualified name, `startswith` on an import). */
const start = (...names: string[]): string => String.raw`\b(?:${names.join('|')})`;
/** Every part somewhere in the text, in any order (anchored: tried once, at the start). */
const all = (...parts: string[]): string => `^${parts.map((p) => String.raw`(?=[\s\S]*?(?:${p}))`).join('')}`;
/**
 * Then, after what Python allows between two tokens inside brackets (space, newlines, `\`, `)`,
 * a comment), one of these. After a second comment, or a comment of 200 characters, anything
 * may follow: that keeps the expressions linear.
 */
const then = (...next: string[]): string => gapThen(String.raw`[\s\\)]*`, any(...next));
const gapThen = (gap: string, next: string): string =>
  String.raw`${gap}(?:${next}|#(?:[^\r\n]{0,199}[\r\n]${gap}(?:${next}|#)|[^\r\n]{200}))`;
/**
 * The last part of a called name: it is followed by the call's `(`, or it was imported under
 * another name (`from os import system as run`), so it is followed by `as`.
 */
const called = (...names: string[]): string => word(...names) + then(String.raw`\(`, String.raw`as\b`);
/** A keyword argument: `shell=True`, spread over lines or not. */
const keyword = (...names: string[]): string => word(...names) + then('=(?!=)');
/**
 * The first part of a qualified name: followed by `.` (`random.choice`) or written in an import
 * (`import random as r`, `from random import choice`).
 */
const root = (...names: string[]): string =>
  word(...names) + then(String.raw`\.`, String.raw`as\b`, String.raw`import\b`);
/**
 * A word in either case, as Python's `re.IGNORECASE` reads it: the dotless ı and the dotted İ
 * also match i. (ſ and the Kelvin sign K match s and k too; NFKC folds them, see below.)
 */
const anyCase = (w: string): string =>
  w.replace(/[a-z]/g, (c) => (c === 'i' ? '[iIıİ]' : `[${c}${c.toUpperCase()}]`));

/**
 * What can put a word into a string's value without the text spelling it: an escape for a
 * word character (`\x41`, `\101`, `\u0041`, `\N{...}`, and ſ, K, ı, İ, which IGNORECASE
 * folds), a backslash-newline after a word character (inside a string it joins the lines), or
 * two adjacent literals, which Python joins into one string (`'pass' 'word'`).
 */
const ESCAPE = String.raw`\\(?:x[3-7]|0[67][0-7]|1[0-7]{2}|u00[3-7]|U000000[3-7]|u01(?:7[fF]|3[01])|u212[aA]|U0000(?:017[fF]|013[01]|212[aA])|N\{)|\w\\[\r\n]`;
const SPLIT = String.raw`\w['"]` + gapThen(String.raw`[\s\\]*`, String.raw`[rRuUfF]{0,2}['"]\w`);
/**
 * For B104 and B108, which compare a whole string or its start: escapes for `.` and `/` too,
 * and any two adjacent literals (`'0.0' '.0.0'`).
 */
const STRING_ESCAPE = any(ESCAPE, String.raw`\\(?:x2|0?5[67]|u002|U0000002)`);
const STRING_SPLIT = `['"]` + gapThen(String.raw`[\s\\]*`, `[rRuUfF]{0,2}['"]`);
const ALL_INTERFACES = rx(String.raw`0\.0\.0\.0`, STRING_ESCAPE);
const BIND = rx(word('bind'));
const TMP_DIRS = rx('/tmp', '/dev/shm', STRING_ESCAPE); // /tmp, /var/tmp, /dev/shm
/**
 * `__import__('pickle')`, `importlib.import_module('pickle')`: blacklists read the argument as
 * the name, which the row's words find unless it is escaped or split.
 */
const blacklisted = (...parts: string[]): RegExp =>
  rx(...parts, all('__import__|import_module', any(ESCAPE, SPLIT)));
/** Unicode bidirectional controls that the trojansource test looks for. */
const BIDI = String.raw`[\u202a-\u202e\u2066-\u2069\u200f]`;

/**
 * bandit's RE_CANDIDATES (IGNORECASE) on a name: pas+wo?r?d, pass, passphrase, pwd, token,
 * secret(e), bounded by the name's start or end or by `_`. As identifiers: the word between
 * non-alphanumerics, except a bare `pass`, which is Python's statement (a name cannot be `pass`,
 * only `pass_x`, `x_pass`); as a string (a dict key), also `pass` at the string's start.
 */
const NOT_AFTER_ALNUM = '(?:^|[^A-Za-z0-9])';
const NOT_BEFORE_ALNUM = '(?![A-Za-z0-9])';
const PASS = anyCase('pass');
const CANDIDATE = any(
  `${NOT_AFTER_ALNUM}(?:${['pas+wo?r?d', 'passphrase', 'pwd', 'token', 'secrete?'].map(anyCase).join('|')})${NOT_BEFORE_ALNUM}`,
  `_${PASS}${NOT_BEFORE_ALNUM}`,
  `${NOT_AFTER_ALNUM}${PASS}_`,
);
/** In the text: after the quote or a leading backslash-newline. */
const CANDIDATE_STRING = String.raw`(?:['"]|\\[\r\n])${PASS}${NOT_BEFORE_ALNUM}`;
/**
 * A candidate, the rest of its name, then `next`. A name that goes on for 100 more characters
 * passes without a look at what follows: an unbounded `\w*` would make text like
 * `_pass_pass_pass...` take quadratic time.
 */
const candidateThen = (candidate: string, next: string): string =>
  String.raw`(?:${candidate})(?:\w{100}|\w{0,99}${next})`;
/**
 * B105 reads a string assigned to a candidate name or attribute (`x.password = '...'`, also
 * annotated), compared with one, or stored under a candidate subscript (`d[password] = ...`):
 * in the code, the name is followed by `=`, `:`, `]` or a comparison. A string key
 * (`d['password'] = ...`, `{'password': ...}`) is read whole, whatever follows the word in it.
 */
const PASSWORD_NAME = candidateThen(CANDIDATE, then(String.raw`[=:\]<>!]`, String.raw`in\b|is\b|not\b`));
/** B106: a keyword argument named so whose value is a string literal (U+E000: one in `code`). */
const passwordArgument = (literal: string): string =>
  candidateThen(CANDIDATE, then(String.raw`=(?!=)[\s\\(]*(?:${literal}|#)`));
/** B107: a parameter named so with a default (its annotation may come first). */
const PASSWORD_PARAMETER = candidateThen(CANDIDATE, then('[=:]'));
/** A string value that is a candidate: `_password`, `pass` from its start, or an escape. */
const CANDIDATE_VALUE = rx(CANDIDATE, `^${PASS}${NOT_BEFORE_ALNUM}`, ESCAPE);
const PASSWORD_NAME_CODE = rx(PASSWORD_NAME);
const PASSWORD_ARGUMENT_CODE = rx(passwordArgument('\ue000'));
const PASSWORD_PARAMETER_CODE = rx(PASSWORD_PARAMETER);

/**
 * bandit's SIMPLE_SQL_RE (IGNORECASE) needs `select\s`, `delete\s`, `insert\s…into\s…values\s`
 * or `update\s…set\s` in the string. After the keyword in the text: whitespace, an escape, the
 * literal's end (pieces of a `+` chain are joined with a space) or an f-string field.
 */
const sql = (keyword: string): string => anyCase(keyword) + String.raw`(?=[\s\\'"{\x1c-\x1f\x85])`;
/** The statement's first keyword, in one string that bandit reads (value + ' ': its end). */
const SQL_START = rx(sql('select'), sql('delete'), sql('insert'), sql('update'), ESCAPE);
/** Any f-string: its fields may split a keyword; the refinement drops them. */
const F_STRING = String.raw`(?:^|\W)(?:[fF][rR]?|[rR][fF])['"]`;

const SHELL_INJECTION = ['shell_injection'];
/** The default `shell_injection` lists: subprocess.Popen/call/check_call/check_output/run, */
const SUBPROCESS_CALLS = root('subprocess');
/** os.system/popen(2-4), popen2.popen2-4/Popen3-4, commands and subprocess get(status)output, */
const SHELL_CALLS = called('system', 'popen[234]?', 'Popen[34]', 'getoutput', 'getstatusoutput');
/** os.exec*, os.spawn*, os.startfile. */
const NO_SHELL_CALLS = called('exec[lv]p?e?', 'spawn[lv]p?e?', 'startfile');
/** bad_protocol_versions: PROTOCOL_SSLv2/3, SSLv2/23/3_METHOD, PROTOCOL_TLSv1(_1), TLSv1(_1)_METHOD. */
const BAD_TLS = String.raw`SSLv[23]|TLSv1`;

export const BANDIT_TRIGGERS: readonly BanditTrigger[] = [
  // B1xx: general
  { id: 'B101', name: 'assert_used', words: rx(word('assert')) }, // every Assert node
  { id: 'B102', name: 'exec_used', words: rx(called('exec')) }, // a call whose qualified name is exec
  { id: 'B103', name: 'set_bad_file_permissions', words: rx('chmod') }, // 'chmod' in the called name
  // a '0.0.0.0' string; a variant also flags bind(('', port))
  {
    id: 'B104',
    name: 'hardcoded_bind_all_interfaces',
    words: rx(String.raw`0\.0\.0\.0`, word('bind'), STRING_ESCAPE, STRING_SPLIT),
    refine: ({ code, strings }) => BIND.test(code) || strings.some((s) => ALL_INTERFACES.test(s.raw)),
  },
  {
    id: 'B105',
    name: 'hardcoded_password_string',
    words: rx(CANDIDATE, CANDIDATE_STRING, ESCAPE, SPLIT),
    refine: ({ code, strings }) =>
      PASSWORD_NAME_CODE.test(code) || strings.some((s) => s.key && CANDIDATE_VALUE.test(s.value)),
  },
  {
    id: 'B106',
    name: 'hardcoded_password_funcarg',
    words: rx(passwordArgument(`[rRuU]?['"]`)),
    refine: ({ code }) => PASSWORD_ARGUMENT_CODE.test(code),
  },
  {
    id: 'B107',
    name: 'hardcoded_password_default',
    words: rx(PASSWORD_PARAMETER),
    refine: ({ code }) => PASSWORD_PARAMETER_CODE.test(code),
  },
  // a string starting with a tmp_dirs entry
  {
    id: 'B108',
    name: 'hardcoded_tmp_directory',
    words: rx('/tmp', '/dev/shm', STRING_ESCAPE, STRING_SPLIT),
    refine: ({ strings }) => strings.some((s) => TMP_DIRS.test(s.raw)),
    config: ['hardcoded_tmp_directory'],
  },
  // an except clause whose whole body is `pass` / `continue`
  { id: 'B110', name: 'try_except_pass', words: rx(all(word('except'), word('pass'))) },
  { id: 'B112', name: 'try_except_continue', words: rx(all(word('except'), word('continue'))) },
  // 'requests' in the called name (later: requests or httpx first); in 1.7.5 trojansource was B113 too
  { id: 'B113', name: 'request_without_timeout', words: rx('requests', 'httpx', BIDI) },

  // B2xx: application misconfiguration
  // flask imported, a call ending .run with debug=True
  { id: 'B201', name: 'flask_debug_true', words: rx(all('flask', keyword('debug'))) },
  // tarfile (zipfile) imported, 'extractall' in the called name
  { id: 'B202', name: 'tarfile_unsafe_members', words: rx(all(word('tarfile'), 'extractall')) },
  { id: 'B203', name: 'zipfile_unsafe_extractall', words: rx(all(word('zipfile'), 'extractall')) },

  // B3xx: blacklisted calls (bandit/blacklists/calls.py), matched on the whole qualified name
  {
    id: 'B301',
    name: 'pickle',
    // pickle/cPickle/dill .loads/.load/.Unpickler, shelve.open/DbfilenameShelf, jsonpickle.*, pandas.read_pickle
    words: blacklisted(root('pickle', 'cPickle', 'dill', 'shelve', 'jsonpickle', 'pandas')),
  },
  { id: 'B302', name: 'marshal', words: blacklisted(root('marshal')) }, // marshal.load(s)
  {
    id: 'B303',
    name: 'md5',
    // hashlib.md4/md5/sha/sha1, Crypto(dome).Hash.MD2/MD4/MD5/SHA.new, hashes.MD5/SHA1
    words: blacklisted(word('md[45]', 'sha1?', 'MD[245]', 'SHA1?')),
  },
  {
    id: 'B304',
    name: 'ciphers',
    // Crypto(dome).Cipher.ARC2/ARC4/Blowfish/DES/XOR.new, algorithms.ARC4/Blowfish/IDEA
    words: blacklisted(word('ARC[24]', 'Blowfish', 'DES', 'XOR', 'IDEA')),
  },
  { id: 'B305', name: 'cipher_modes', words: blacklisted(called('ECB')) }, // modes.ECB
  { id: 'B306', name: 'mktemp_q', words: blacklisted(called('mktemp')) }, // tempfile.mktemp
  { id: 'B307', name: 'eval', words: blacklisted(called('eval')) }, // eval
  { id: 'B308', name: 'mark_safe', words: blacklisted(called('mark_safe')) }, // django.utils.safestring.mark_safe
  // httplib, http.client, six.moves.http_client .HTTPSConnection
  { id: 'B309', name: 'httpsconnection', words: blacklisted(called('HTTPSConnection')) },
  // urllib(2) / six.moves.urllib: urlopen, urlretrieve, (Fancy)URLopener, urllib2.Request
  { id: 'B310', name: 'urllib_urlopen', words: blacklisted(word('urllib2?')) },
  { id: 'B311', name: 'random', words: blacklisted(root('random')) }, // random.random, choice, Random...
  { id: 'B312', name: 'telnetlib', words: blacklisted(root('telnetlib')) }, // telnetlib.*
  // xml.etree.(c)ElementTree, xml.sax(.expatreader), xml.dom.expatbuilder/minidom/pulldom, lxml.etree
  { id: 'B313', name: 'xml_bad_cElementTree', words: blacklisted(word('cElementTree')) },
  { id: 'B314', name: 'xml_bad_ElementTree', words: blacklisted(word('ElementTree')) },
  { id: 'B315', name: 'xml_bad_expatreader', words: blacklisted(word('expatreader')) },
  { id: 'B316', name: 'xml_bad_expatbuilder', words: blacklisted(word('expatbuilder')) },
  { id: 'B317', name: 'xml_bad_sax', words: blacklisted(word('sax')) },
  { id: 'B318', name: 'xml_bad_minidom', words: blacklisted(word('minidom')) },
  { id: 'B319', name: 'xml_bad_pulldom', words: blacklisted(word('pulldom')) },
  { id: 'B320', name: 'xml_bad_etree', words: blacklisted(root('lxml')) },
  { id: 'B321', name: 'ftplib', words: blacklisted(root('ftplib')) }, // ftplib.*
  { id: 'B322', name: 'input', words: blacklisted(called('input')) }, // input (until 1.7)
  { id: 'B323', name: 'unverified_context', words: blacklisted(called('_create_unverified_context')) },
  // hashlib.new('md4'|'md5'), later any hashlib call with a weak hash, crypt.crypt/mksalt
  { id: 'B324', name: 'hashlib', words: rx(word('hashlib', 'crypt')) },
  { id: 'B325', name: 'tempnam', words: blacklisted(called('tempnam', 'tmpnam')) }, // os.tempnam, os.tmpnam

  // B4xx: blacklisted imports (bandit/blacklists/imports.py): the imported name starts with one
  { id: 'B401', name: 'import_telnetlib', words: blacklisted(start('telnetlib')) },
  { id: 'B402', name: 'import_ftplib', words: blacklisted(start('ftplib')) },
  { id: 'B403', name: 'import_pickle', words: blacklisted(start('pickle', 'cPickle', 'dill', 'shelve')) },
  { id: 'B404', name: 'import_subprocess', words: blacklisted(start('subprocess')) },
  { id: 'B405', name: 'import_xml_etree', words: blacklisted(start('c?ElementTree')) },
  { id: 'B406', name: 'import_xml_sax', words: blacklisted(start('sax')) },
  { id: 'B407', name: 'import_xml_expat', words: blacklisted(start('expatbuilder')) },
  { id: 'B408', name: 'import_xml_minidom', words: blacklisted(start('minidom')) },
  { id: 'B409', name: 'import_xml_pulldom', words: blacklisted(start('pulldom')) },
  { id: 'B410', name: 'import_lxml', words: blacklisted(start('lxml')) },
  { id: 'B411', name: 'import_xmlrpclib', words: blacklisted(start('xmlrpc')) }, // xmlrpclib, later xmlrpc
  // wsgiref.handlers.CGIHandler, twisted.web.twcgi.CGIScript/CGIDirectory
  {
    id: 'B412',
    name: 'import_httpoxy',
    words: blacklisted(start('CGIHandler', 'CGIScript', 'CGIDirectory')),
  },
  { id: 'B413', name: 'import_pycrypto', words: blacklisted(word('Crypto')) }, // Crypto.Cipher, Crypto.Hash...
  { id: 'B414', name: 'import_pycryptodome', words: blacklisted(word('Cryptodome')) }, // briefly, Cryptodome.*
  { id: 'B415', name: 'import_pyghmi', words: blacklisted(start('pyghmi')) },

  // B5xx: cryptography
  // requests/httpx <verb> with verify=False (the keyword is read)
  { id: 'B501', name: 'request_with_no_cert_validation', words: rx(keyword('verify')) },
  // keyword ssl_version= or method= set to a bad_protocol_versions name (or such a string)
  {
    id: 'B502',
    name: 'ssl_with_bad_version',
    words: rx(all(keyword('ssl_version', 'method'), any(BAD_TLS, ESCAPE, SPLIT))),
    config: ['ssl_with_bad_version'],
  },
  // a def whose default is an attribute ending in a bad_protocol_versions name
  { id: 'B503', name: 'ssl_with_bad_defaults', words: rx(BAD_TLS), config: ['ssl_with_bad_version'] },
  { id: 'B504', name: 'ssl_with_no_version', words: rx(called('wrap_socket')) }, // ssl.wrap_socket
  // cryptography dsa/rsa/ec.generate_private_key, Crypto(dome).PublicKey.DSA/RSA.generate
  { id: 'B505', name: 'weak_cryptographic_key', words: rx(called('generate_private_key', 'generate')) },
  // yaml imported, 'yaml' a part of the called name and `load` its last part (yaml.load, or
  // `from yaml import load as read`): safe_load, dump and prose about YAML are not
  { id: 'B506', name: 'yaml_load', words: rx(all(word('yaml'), word('load'))) },
  // paramiko imported, set_missing_host_key_policy(AutoAddPolicy | WarningPolicy)
  {
    id: 'B507',
    name: 'ssh_no_host_key_verification',
    words: rx(all('paramiko', called('set_missing_host_key_policy'))),
  },
  { id: 'B508', name: 'snmp_insecure_version', words: rx(called('CommunityData')) }, // CommunityData(mpModel=0|1)
  { id: 'B509', name: 'snmp_weak_cryptography', words: rx(called('UsmUserData')) }, // UsmUserData, < 3 args

  // B6xx: injection
  // paramiko imported, a call named exec_command
  { id: 'B601', name: 'paramiko_calls', words: rx(all('paramiko', called('exec_command'))) },
  // a shell= keyword that is not false (on a subprocess call for B602, any other call for B604)
  { id: 'B602', name: 'subprocess_popen_with_shell_equals_true', words: rx(keyword('shell')) },
  {
    id: 'B603',
    name: 'subprocess_without_shell_equals_true',
    words: rx(SUBPROCESS_CALLS),
    config: SHELL_INJECTION,
  },
  { id: 'B604', name: 'any_other_function_with_shell_equals_true', words: rx(keyword('shell')) },
  { id: 'B605', name: 'start_process_with_a_shell', words: rx(SHELL_CALLS), config: SHELL_INJECTION },
  { id: 'B606', name: 'start_process_with_no_shell', words: rx(NO_SHELL_CALLS), config: SHELL_INJECTION },
  // any call of the three lists with a relative executable
  {
    id: 'B607',
    name: 'start_process_with_partial_path',
    words: rx(SUBPROCESS_CALLS, SHELL_CALLS, NO_SHELL_CALLS),
    config: SHELL_INJECTION,
  },
  // a SQL-looking string in a +/% chain, a .format/.replace call or an f-string
  {
    id: 'B608',
    name: 'hardcoded_sql_expressions',
    words: rx(
      sql('select'),
      sql('delete'),
      all(sql('insert'), sql('into'), sql('values')),
      all(sql('update'), sql('set')),
      ESCAPE,
      SPLIT,
      F_STRING,
    ),
    refine: ({ strings }) =>
      strings.some((s) => s.operand && (SQL_START.test(`${s.value} `) || SQL_START.test(`${s.raw} `))),
  },
  // a shell-list call, or a subprocess call with shell=True, whose command has a wildcard
  {
    id: 'B609',
    name: 'linux_commands_wildcard_injection',
    words: rx(SUBPROCESS_CALLS, SHELL_CALLS),
    config: SHELL_INJECTION,
  },
  { id: 'B610', name: 'django_extra_used', words: rx(called('extra')) }, // a call named extra
  { id: 'B611', name: 'django_rawsql_used', words: rx(called('RawSQL')) }, // RawSQL, django.db.models imported
  { id: 'B612', name: 'logging_config_insecure_listen', words: rx(called('listen')) }, // logging.config.listen
  { id: 'B613', name: 'trojansource', words: rx(BIDI) }, // a bidirectional control character anywhere
  { id: 'B614', name: 'pytorch_load', words: rx(word('torch')) }, // torch imported, torch.load (and .save in 1.7.10)
  {
    id: 'B615',
    name: 'huggingface_unsafe_download',
    words: rx(
      called('from_pretrained', 'load_dataset', 'hf_hub_download', 'snapshot_download', 'repository_id'),
    ),
  },

  // B7xx: XSS
  { id: 'B701', name: 'jinja2_autoescape_false', words: rx(word('jinja2')) }, // jinja2 ... Environment
  { id: 'B702', name: 'use_of_mako_templates', words: rx(word('mako')) }, // mako ... Template
  // django.utils.safestring imported, mark_safe/SafeText/SafeUnicode/SafeString/SafeBytes called
  {
    id: 'B703',
    name: 'django_mark_safe',
    words: rx(all('safestring', called('mark_safe', 'Safe(?:Text|Unicode|String|Bytes)'))),
  },
  // markupsafe.Markup / flask.Markup, or a class derived from Markup
  { id: 'B704', name: 'markupsafe_markup_xss', words: rx('Markup'), config: ['markupsafe_xss'] },
];

const BY_ID = new Map(BANDIT_TRIGGERS.map((row) => [row.id, row]));

// Splitting a file into code and strings

/** A comment or a string literal's opening quote. */
const TOKEN = /#[^\r\n]*|'''|"""|'|"/g;
const PREFIX_LETTER = /[rRbBuUfF]/;
const NAME_CHARACTER = /[\w\u0080-\uffff]/;
/** The rest of a literal after its opening quote; a backslash always takes the next character. */
const BODY: Readonly<Record<string, RegExp>> = {
  "'": /(?:[^'\\\r\n]|\\\r\n|\\[\s\S])*'/y,
  '"': /(?:[^"\\\r\n]|\\\r\n|\\[\s\S])*"/y,
  "'''": /(?:[^'\\]|\\[\s\S]|'(?!''))*'''/y,
  '"""': /(?:[^"\\]|\\[\s\S]|"(?!""))*"""/y,
};
/** Adjacent literals (U+E000, U+E001 in `code`) make one string. */
const RUN = /[\ue000\ue001](?:[\s\\]*[\ue000\ue001])*/g;
const LITERAL_MARK = /[\ue000\ue001]/g;
const BINARY_OPERATOR = '[-+*/%@&|^<>]';
const OPERATOR_BEFORE = new RegExp(String.raw`(?<=${BINARY_OPERATOR}[\s\\(]*)`, 'y');
const OPERATOR_AFTER = new RegExp(
  String.raw`[\s\\)]*(?:${BINARY_OPERATOR}|\.[\s\\]*(?:format|replace)\b)`,
  'y',
);
const KEY_AFTER = /[\s\\)]*[\]:]/y;

/**
 * An f-string body without its fields (`{{` and `}}` become braces), or undefined when its
 * braces do not pair up, as a nested quote (Python 3.12) or a brace in a field's string makes.
 */
function withoutFields(body: string): string | undefined {
  let value = '';
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (depth > 0) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
    } else if ((c === '{' || c === '}') && body[i + 1] === c) {
      value += c;
      i++;
    } else if (c === '{') depth = 1;
    else if (c === '}') return undefined;
    else value += c;
  }
  return depth === 0 ? value : undefined;
}

/**
 * Splits a file into code and strings as Python's tokenizer does, or gives undefined when it
 * cannot be sure (an unterminated literal, an f-string whose braces do not pair up).
 */
export function splitPython(text: string): CodeAndStrings | undefined {
  const literals: { value: string; raw: string }[] = [];
  const code: string[] = [];
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const quote = m[0];
    if (quote.startsWith('#')) {
      code.push(text.slice(at, m.index), ' ');
    } else {
      // Up to two prefix letters (`rb`, `f`), unless they end a longer name (`if"x"`).
      let from = m.index;
      while (from > m.index - 2 && from > 0 && PREFIX_LETTER.test(text[from - 1]!)) from--;
      if (from > 0 && NAME_CHARACTER.test(text[from - 1]!)) from = m.index;
      code.push(text.slice(at, from));
      const body = BODY[quote]!;
      body.lastIndex = TOKEN.lastIndex;
      const end = body.exec(text);
      if (end === null) return undefined;
      const raw = end[0].slice(0, -quote.length);
      const f = /[fF]/.test(text.slice(from, m.index));
      const value = f ? withoutFields(raw) : raw;
      if (value === undefined) return undefined;
      literals.push({ value, raw });
      code.push(f ? '\ue001' : '\ue000');
      TOKEN.lastIndex = body.lastIndex;
    }
    at = TOKEN.lastIndex;
  }
  code.push(text.slice(at));
  const joined = code.join('');
  const strings: PyString[] = [];
  let next = 0;
  for (const run of joined.matchAll(RUN)) {
    const parts = literals.slice(next, (next += run[0].match(LITERAL_MARK)!.length));
    const end = run.index + run[0].length;
    OPERATOR_BEFORE.lastIndex = run.index;
    OPERATOR_AFTER.lastIndex = end;
    KEY_AFTER.lastIndex = end;
    strings.push({
      value: parts.map((p) => p.value).join(''),
      raw: parts.map((p) => p.raw).join(''),
      operand: run[0].includes('\ue001') || OPERATOR_BEFORE.test(joined) || OPERATOR_AFTER.test(joined),
      key: KEY_AFTER.test(joined),
    });
  }
  return { code: joined, strings };
}

/** Legacy blacklist settings replace bandit's lists and may report under any id. */
const LEGACY_BLACKLISTS = ['blacklist_calls', 'blacklist_imports'];
/** A source encoding declared on line 1 or 2 (PEP 263). */
const CODING = /^\ufeff?[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_OR_ASCII = /^(?:utf[-_]?8(?:[-_].*)?|(?:us[-_])?ascii)$/i;
const NON_ASCII = /[\u0080-\uffff]/;
const FIRST_TWO_LINES = /^([^\r\n]*)(?:\r\n?|\n)?([^\r\n]*)/;

/** True when the file declares an encoding that is not UTF-8 or ASCII: its text here is not Python's. */
function foreignEncoding(text: string): boolean {
  const lines = FIRST_TWO_LINES.exec(text);
  for (const line of [lines?.[1], lines?.[2]]) {
    const name = line === undefined ? undefined : CODING.exec(line)?.[1];
    if (name !== undefined) return !UTF8_OR_ASCII.test(name);
  }
  return false;
}

/** One expression for the rows' words, each alternative once; undefined for no rows. */
function union(rows: readonly BanditTrigger[]): RegExp | undefined {
  const parts = new Set(rows.flatMap((row) => ALTERNATIVES.get(row.words) ?? [row.words.source]));
  return parts.size === 0 ? undefined : new RegExp([...parts].map((part) => `(?:${part})`).join('|'));
}

/**
 * A predicate over source text for these test ids, or undefined when any id is not in the table
 * (then every file must go to bandit). `configured` lists the sections the repository's bandit
 * configuration sets; a test whose words assume one of them at its default also gives undefined.
 */
export function banditPrefilter(
  tests: Iterable<string>,
  configured: Iterable<string> = [],
): ((text: string) => boolean) | undefined {
  const sections = new Set(configured);
  if (LEGACY_BLACKLISTS.some((section) => sections.has(section))) return undefined;
  const rows: BanditTrigger[] = [];
  for (const id of new Set(tests)) {
    const row = BY_ID.get(id);
    if (row === undefined || row.config?.some((section) => sections.has(section))) return undefined;
    rows.push(row);
  }
  const plain = union(rows.filter((row) => row.refine === undefined));
  const refined = rows.filter((row) => row.refine !== undefined);
  const gate = union(refined);
  const matches = (text: string): boolean => {
    if (plain?.test(text)) return true;
    if (!gate?.test(text)) return false;
    const scanned = splitPython(text);
    return scanned === undefined || refined.some((row) => row.words.test(text) && row.refine!(scanned));
  };
  return (text) =>
    matches(text) || foreignEncoding(text) || (NON_ASCII.test(text) && matches(text.normalize('NFKC')));
}
