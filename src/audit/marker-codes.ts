/**
 * What the Python ecosystem's suppression codes mean to vouch, as data: every bandit test (its id
 * and the names `# nosec` also accepts), ruff's flake8-bandit codes for the same check (`S311`
 * mirrors `B311`; ruff's `S308` also covers bandit's Django-only `B703`), and the vouch findings
 * that flag the same construct: the python probe's built-in rules (src/analysis/python/rule-list.ts)
 * and the secrets probe's `secret-assignment` kind (a password-like name given a literal, what
 * bandit's B105-B107 report).
 *
 * A token-format secret (an AWS key, a private key) is not in this table: a bandit or ruff code does
 * not make a real credential harmless, so only vouch's own `# vouch: ignore[item] reason` suppresses
 * it.
 *
 * Sources: bandit's test list (`bandit -h`, bandit/blacklists/calls.py, imports.py) and ruff's
 * flake8-bandit code table (crates/ruff_linter/src/codes.rs).
 */
import type { PythonRuleId } from '../analysis/python/rule-list.js';

/** A vouch finding rule a bandit test corresponds to. */
export type MappedRule = PythonRuleId | 'secret-assignment';

export interface BanditTest {
  /** bandit's test id. */
  id: string;
  /** bandit's names for it (plugin or blacklist name; `# nosec: markupsafe_markup_xss` works too). */
  names: readonly string[];
  /** ruff's flake8-bandit codes for the same check; none when ruff has no such rule. */
  ruff: readonly string[];
  /** vouch's findings for the same construct. */
  rules: readonly MappedRule[];
}

export const BANDIT_TESTS = [
  { id: 'B101', names: ['assert_used'], ruff: ['S101'], rules: [] },
  { id: 'B102', names: ['exec_used'], ruff: ['S102'], rules: ['py-exec'] },
  { id: 'B103', names: ['set_bad_file_permissions'], ruff: ['S103'], rules: [] },
  { id: 'B104', names: ['hardcoded_bind_all_interfaces'], ruff: ['S104'], rules: [] },
  {
    id: 'B105',
    names: ['hardcoded_password_string'],
    ruff: ['S105'],
    rules: ['py-secret-key-literal', 'secret-assignment'],
  },
  {
    id: 'B106',
    names: ['hardcoded_password_funcarg'],
    ruff: ['S106'],
    rules: ['py-secret-key-literal', 'secret-assignment'],
  },
  { id: 'B107', names: ['hardcoded_password_default'], ruff: ['S107'], rules: ['secret-assignment'] },
  { id: 'B108', names: ['hardcoded_tmp_directory'], ruff: ['S108'], rules: [] },
  { id: 'B110', names: ['try_except_pass'], ruff: ['S110'], rules: [] },
  { id: 'B112', names: ['try_except_continue'], ruff: ['S112'], rules: [] },
  { id: 'B113', names: ['request_without_timeout'], ruff: ['S113'], rules: [] },
  { id: 'B201', names: ['flask_debug_true'], ruff: ['S201'], rules: ['py-debug-true'] },
  { id: 'B202', names: ['tarfile_unsafe_members'], ruff: ['S202'], rules: [] },
  { id: 'B301', names: ['pickle'], ruff: ['S301'], rules: ['py-pickle-load'] },
  { id: 'B302', names: ['marshal'], ruff: ['S302'], rules: ['py-marshal-load'] },
  { id: 'B303', names: ['md5'], ruff: ['S303'], rules: ['py-weak-hash', 'py-weak-hash-password'] },
  { id: 'B304', names: ['ciphers'], ruff: ['S304'], rules: ['py-weak-cipher'] },
  { id: 'B305', names: ['cipher_modes'], ruff: ['S305'], rules: ['py-weak-cipher'] },
  { id: 'B306', names: ['mktemp_q'], ruff: ['S306'], rules: [] },
  { id: 'B307', names: ['eval'], ruff: ['S307'], rules: ['py-eval'] },
  { id: 'B308', names: ['mark_safe'], ruff: ['S308'], rules: ['py-mark-safe'] },
  // Removed from bandit; old versions and old comments still name it.
  { id: 'B309', names: ['httpsconnection'], ruff: [], rules: [] },
  { id: 'B310', names: ['urllib_urlopen'], ruff: ['S310'], rules: [] },
  { id: 'B311', names: ['random'], ruff: ['S311'], rules: ['py-random-secret'] },
  { id: 'B312', names: ['telnetlib'], ruff: ['S312'], rules: [] },
  { id: 'B313', names: ['xml_bad_cElementTree'], ruff: ['S313'], rules: [] },
  { id: 'B314', names: ['xml_bad_ElementTree'], ruff: ['S314'], rules: [] },
  { id: 'B315', names: ['xml_bad_expatreader'], ruff: ['S315'], rules: [] },
  { id: 'B316', names: ['xml_bad_expatbuilder'], ruff: ['S316'], rules: [] },
  { id: 'B317', names: ['xml_bad_sax'], ruff: ['S317'], rules: [] },
  { id: 'B318', names: ['xml_bad_minidom'], ruff: ['S318'], rules: [] },
  { id: 'B319', names: ['xml_bad_pulldom'], ruff: ['S319'], rules: [] },
  { id: 'B320', names: ['xml_bad_etree'], ruff: ['S320'], rules: [] },
  { id: 'B321', names: ['ftplib'], ruff: ['S321'], rules: [] },
  { id: 'B322', names: ['input'], ruff: [], rules: [] },
  { id: 'B323', names: ['unverified_context'], ruff: ['S323'], rules: ['py-tls-verify-disabled'] },
  {
    id: 'B324',
    names: ['hashlib_insecure_functions', 'hashlib_new_insecure_functions'],
    ruff: ['S324'],
    rules: ['py-weak-hash', 'py-weak-hash-password'],
  },
  { id: 'B325', names: ['tempnam'], ruff: [], rules: [] },
  { id: 'B401', names: ['import_telnetlib'], ruff: ['S401'], rules: [] },
  { id: 'B402', names: ['import_ftplib'], ruff: ['S402'], rules: [] },
  { id: 'B403', names: ['import_pickle'], ruff: ['S403'], rules: [] },
  { id: 'B404', names: ['import_subprocess'], ruff: ['S404'], rules: [] },
  { id: 'B405', names: ['import_xml_etree'], ruff: ['S405'], rules: [] },
  { id: 'B406', names: ['import_xml_sax'], ruff: ['S406'], rules: [] },
  { id: 'B407', names: ['import_xml_expat'], ruff: ['S407'], rules: [] },
  { id: 'B408', names: ['import_xml_minidom'], ruff: ['S408'], rules: [] },
  { id: 'B409', names: ['import_xml_pulldom'], ruff: ['S409'], rules: [] },
  { id: 'B410', names: ['import_lxml'], ruff: ['S410'], rules: [] },
  { id: 'B411', names: ['import_xmlrpclib'], ruff: ['S411'], rules: [] },
  { id: 'B412', names: ['import_httpoxy'], ruff: ['S412'], rules: [] },
  { id: 'B413', names: ['import_pycrypto'], ruff: ['S413'], rules: [] },
  { id: 'B415', names: ['import_pyghmi'], ruff: ['S415'], rules: [] },
  {
    id: 'B501',
    names: ['request_with_no_cert_validation'],
    ruff: ['S501'],
    rules: ['py-tls-verify-disabled'],
  },
  { id: 'B502', names: ['ssl_with_bad_version'], ruff: ['S502'], rules: [] },
  { id: 'B503', names: ['ssl_with_bad_defaults'], ruff: ['S503'], rules: [] },
  { id: 'B504', names: ['ssl_with_no_version'], ruff: ['S504'], rules: [] },
  { id: 'B505', names: ['weak_cryptographic_key'], ruff: ['S505'], rules: [] },
  { id: 'B506', names: ['yaml_load'], ruff: ['S506'], rules: ['py-yaml-load'] },
  { id: 'B507', names: ['ssh_no_host_key_verification'], ruff: ['S507'], rules: [] },
  { id: 'B508', names: ['snmp_insecure_version'], ruff: ['S508'], rules: [] },
  { id: 'B509', names: ['snmp_weak_cryptography'], ruff: ['S509'], rules: [] },
  { id: 'B601', names: ['paramiko_calls'], ruff: ['S601'], rules: [] },
  {
    id: 'B602',
    names: ['subprocess_popen_with_shell_equals_true'],
    ruff: ['S602'],
    rules: ['py-subprocess-shell'],
  },
  { id: 'B603', names: ['subprocess_without_shell_equals_true'], ruff: ['S603'], rules: [] },
  {
    id: 'B604',
    names: ['any_other_function_with_shell_equals_true'],
    ruff: ['S604'],
    rules: ['py-subprocess-shell'],
  },
  // os.system, os.popen*, popen2, commands.getoutput and subprocess.getoutput: every shell helper.
  {
    id: 'B605',
    names: ['start_process_with_a_shell'],
    ruff: ['S605'],
    rules: ['py-os-system', 'py-os-popen', 'py-subprocess-shell'],
  },
  { id: 'B606', names: ['start_process_with_no_shell'], ruff: ['S606'], rules: [] },
  { id: 'B607', names: ['start_process_with_partial_path'], ruff: ['S607'], rules: [] },
  { id: 'B608', names: ['hardcoded_sql_expressions'], ruff: ['S608'], rules: ['py-sql-format'] },
  { id: 'B609', names: ['linux_commands_wildcard_injection'], ruff: ['S609'], rules: [] },
  { id: 'B610', names: ['django_extra_used'], ruff: ['S610'], rules: ['py-sql-format'] },
  { id: 'B611', names: ['django_rawsql_used'], ruff: ['S611'], rules: ['py-sql-format'] },
  { id: 'B612', names: ['logging_config_insecure_listen'], ruff: ['S612'], rules: [] },
  { id: 'B613', names: ['trojansource'], ruff: [], rules: [] },
  { id: 'B614', names: ['pytorch_load'], ruff: [], rules: [] },
  { id: 'B615', names: ['huggingface_unsafe_download'], ruff: [], rules: [] },
  { id: 'B701', names: ['jinja2_autoescape_false'], ruff: ['S701'], rules: ['py-jinja-autoescape-off'] },
  { id: 'B702', names: ['use_of_mako_templates'], ruff: ['S702'], rules: [] },
  // ruff has no code of its own for Django's mark_safe: its S308 covers it.
  { id: 'B703', names: ['django_mark_safe'], ruff: ['S308'], rules: ['py-mark-safe'] },
  { id: 'B704', names: ['markupsafe_markup_xss'], ruff: ['S704'], rules: ['py-mark-safe'] },
] as const satisfies readonly BanditTest[];

const BY_ID = new Map<string, BanditTest>(BANDIT_TESTS.map((t) => [t.id, t]));
const BY_NAME = new Map<string, BanditTest>(
  BANDIT_TESTS.flatMap((t) => t.names.map((n) => [n.toLowerCase(), t] as const)),
);
const BY_RUFF = new Map<string, string[]>();
for (const t of BANDIT_TESTS) {
  for (const code of t.ruff) BY_RUFF.set(code, [...(BY_RUFF.get(code) ?? []), t.id]);
}

/** Every vouch rule some bandit test corresponds to. */
export const MAPPED_RULES: ReadonlySet<string> = new Set(BANDIT_TESTS.flatMap((t) => t.rules));

/**
 * The bandit test a `# nosec` token names: an id (`B311`, any case) or a name (`random`,
 * `markupsafe_markup_xss`); undefined for anything else.
 */
export function banditTestFor(token: string): BanditTest | undefined {
  return BY_ID.get(token.toUpperCase()) ?? BY_NAME.get(token.toLowerCase());
}

/** The bandit test ids a ruff code stands for (`S311` → `B311`); empty for a code ruff has not here. */
export function banditIdsForRuff(code: string): readonly string[] {
  return BY_RUFF.get(code.toUpperCase()) ?? [];
}

/** The vouch rules that flag what bandit test `id` flags. */
export function rulesForBandit(id: string): readonly string[] {
  return BY_ID.get(id.toUpperCase())?.rules ?? [];
}
