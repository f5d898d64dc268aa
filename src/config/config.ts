import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UsageError } from '../errors.js';
import { readRegularFile } from '../util/read-file.js';
import { describePath, positionOf, readYaml, schemaProblems, formatProblem } from '../util/yaml-source.js';

export type FailOn = 'fail' | 'stale' | 'review' | 'unanswered' | 'none';

/** vouch's settings for one repository, from `[tool.vouch]` in pyproject.toml or `.vouch.yaml`. */
export interface VouchConfig {
  /** Where the settings came from, for messages. */
  file?: string | undefined;
  checklists: string[];
  disable: Record<string, string>;
  exclude: string[];
  bandit: { path?: string | undefined; args: string[]; timeout?: number | undefined; enabled: boolean };
  failOn?: FailOn | undefined;
  format?: string[] | undefined;
  output?: string | undefined;
  /** Let findings in tests, docs, examples and migrations make items fail. */
  countNonCode: boolean;
  /** Let findings under a suppression marker (`# nosec`, `# noqa: S311`, `# vouch: ignore[...]`) count. */
  countSuppressed: boolean;
  maxAgeDays?: number | undefined;
  /** `osv_db`: an offline OSV database (zip or folder), relative to the repository or absolute. */
  osvDb?: string | undefined;
}

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    checklists: { type: 'array', items: { type: 'string', minLength: 1 } },
    disable: {
      description: 'Items turned off, each with the reason (shown in every report).',
      oneOf: [
        { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
        {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'reason'],
            properties: { id: { type: 'string' }, reason: { type: 'string', minLength: 1 } },
          },
        },
      ],
    },
    exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
    bandit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        path: { type: 'string' },
        args: { type: 'array', items: { type: 'string' } },
        timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds' },
      },
    },
    fail_on: { enum: ['fail', 'stale', 'review', 'unanswered', 'none'] },
    format: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    output: { type: 'string' },
    count_non_code: { type: 'boolean' },
    count_suppressed: {
      type: 'boolean',
      description:
        'Findings under a suppression marker (# nosec, # noqa: S###, # vouch: ignore[item]) count toward the verdict.',
    },
    max_age_days: { type: 'integer', minimum: 1 },
    osv_db: {
      type: 'string',
      minLength: 1,
      description: "An offline OSV database: osv.dev's PyPI all.zip or a folder of its records.",
    },
  },
} as const;

// Compiled on first use: most repositories have no vouch settings to validate.
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction =>
  (compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA));

interface RawConfig {
  checklists?: string[];
  disable?: Record<string, string> | { id: string; reason: string }[];
  exclude?: string[];
  bandit?: { enabled?: boolean; path?: string; args?: string[]; timeout?: number };
  fail_on?: FailOn;
  format?: string | string[];
  output?: string;
  count_non_code?: boolean;
  count_suppressed?: boolean;
  max_age_days?: number;
  osv_db?: string;
}

export const EMPTY_CONFIG: VouchConfig = {
  checklists: [],
  disable: {},
  exclude: [],
  bandit: { args: [], enabled: true },
  countNonCode: false,
  countSuppressed: false,
};

/**
 * Reads the repository's vouch settings: `.vouch.yaml` when present, else `[tool.vouch]` in
 * pyproject.toml, else defaults. Both at once is an error (which one wins would be a guess).
 */
export function loadConfig(root: string): VouchConfig {
  const yamlFile = ['.vouch.yaml', '.vouch.yml'].find((f) => existsSync(join(root, f)));
  const fromToml = readPyprojectSection(root);
  if (yamlFile !== undefined && fromToml !== undefined) {
    throw new UsageError(
      `${yamlFile}:1: vouch settings are in both ${yamlFile} and pyproject.toml [tool.vouch]; keep one`,
    );
  }
  if (yamlFile !== undefined) return fromYaml(root, yamlFile);
  if (fromToml !== undefined) return fromToml;
  return EMPTY_CONFIG;
}

function fromYaml(root: string, name: string): VouchConfig {
  const parsed = readYaml(join(root, name), name);
  const first = parsed.problems[0];
  if (first !== undefined) throw new UsageError(formatProblem(first));
  if (parsed.value === null || parsed.value === undefined) return { ...EMPTY_CONFIG, file: name };
  if (!validator()(parsed.value)) {
    const problems = schemaProblems(parsed, validator().errors ?? [], 'settings').map(formatProblem);
    throw new UsageError(problems[0] ?? `${name}: invalid settings`, problems.slice(1));
  }
  const raw = parsed.value as RawConfig;
  const problem = unsafeSetting(root, raw);
  if (problem !== undefined) {
    const at = positionOf(parsed, `/${problem.path.join('/')}`);
    throw new UsageError(`${name}:${at.line}:${at.col}: ${problem.message}`);
  }
  return normalise(raw, name);
}

function readPyprojectSection(root: string): VouchConfig | undefined {
  const file = join(root, 'pyproject.toml');
  if (!existsSync(file)) return undefined;
  const read = readRegularFile(file, MAX_PYPROJECT_BYTES);
  if (!read.ok) throw new UsageError(`pyproject.toml:1:1: ${read.reason}`);
  const text = read.text;
  // The indent stays on the header's line: `^\s*` across lines retried every line start of a long
  // run of blank lines (quadratic: seconds for 64 KiB of newlines).
  if (!/^[^\S\n\r\u2028\u2029]*\[tool\.vouch(\]|\.)/m.test(text)) return undefined;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const col = error instanceof TomlError ? error.column : 1;
    const message = (error as Error).message.split('\n')[0] ?? 'invalid TOML';
    throw new UsageError(`pyproject.toml:${line}:${col}: ${message}`);
  }
  const section = (doc.tool as Record<string, unknown> | undefined)?.vouch;
  if (section === undefined) return undefined;
  if (!validator()(section)) {
    const errors = validator().errors ?? [];
    const lines = errors.map(
      (e) => `pyproject.toml:${tomlPosition(text, errorKey(e))}: [tool.vouch] ${tomlMessage(e)}`,
    );
    throw new UsageError(lines[0] ?? 'pyproject.toml: invalid [tool.vouch]', [...new Set(lines.slice(1))]);
  }
  const raw = section as RawConfig;
  const problem = unsafeSetting(root, raw);
  if (problem !== undefined) {
    const key = problem.path.filter((p) => !/^\d+$/u.test(p)).pop();
    throw new UsageError(`pyproject.toml:${tomlPosition(text, key)}: [tool.vouch] ${problem.message}`);
  }
  return normalise(raw, 'pyproject.toml');
}

/** The key an ajv error is about (the unknown key, or the last named step of its path). */
function errorKey(e: ErrorObject): string | undefined {
  return e.keyword === 'additionalProperties'
    ? String((e.params as { additionalProperty: string }).additionalProperty)
    : e.instancePath
        .split('/')
        .filter((s) => s !== '' && !/^\d+$/.test(s))
        .pop();
}

/** `LINE:COL` of a key inside the [tool.vouch] sections (best effort: the section when not found). */
function tomlPosition(text: string, key: string | undefined): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*\[tool\.vouch(\]|\.)/.test(l));
  if (key !== undefined) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^(\\s*(?:\\[tool\\.vouch\\.)?)${escaped}\\b`);
    for (let i = Math.max(start, 0); i < lines.length; i += 1) {
      const match = pattern.exec(lines[i] ?? '');
      if (match) return `${i + 1}:${(match[1] ?? '').length + 1}`;
    }
  }
  return `${start + 1}:1`;
}

function tomlMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (e.keyword === 'enum') {
    return `${describePath(e.instancePath)} must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  return `${describePath(e.instancePath) || 'settings'} ${e.message ?? 'is invalid'}`;
}

/** pyproject.toml is read whole for [tool.vouch]; a larger one is not a project file. */
const MAX_PYPROJECT_BYTES = 16 * 1024 * 1024;

/**
 * bandit options a repository's settings may pass: they choose tests, levels and context, and
 * nothing else. Everything else is refused, above all what writes files (`-o`), changes the
 * output vouch reads (`-f`, `--msg-template`), reads other files (`-c`, `--ini`, `-b`) or adds
 * targets (a bare argument); argparse also expands abbreviations (`--out`), so only exact names
 * pass.
 */
const BANDIT_FLAGS: ReadonlySet<string> = new Set([
  '-l',
  '-ll',
  '-lll',
  '-i',
  '-ii',
  '-iii',
  '--ignore-nosec',
]);
const BANDIT_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '-s',
  '--skip',
  '-t',
  '--tests',
  '-p',
  '--profile',
  '-x',
  '--exclude',
  '-a',
  '--aggregate',
  '-n',
  '--number',
  '--severity-level',
  '--confidence-level',
]);

/** The first bandit argument the settings may not pass, or undefined when all are allowed. */
export function disallowedBanditArg(args: readonly string[]): { index: number; arg: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (BANDIT_FLAGS.has(arg)) continue;
    if (BANDIT_VALUE_OPTIONS.has(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return { index: i, arg };
      i++;
      continue;
    }
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0 && BANDIT_VALUE_OPTIONS.has(arg.slice(0, eq))) continue;
    // `-sB101`: a short option with its value attached.
    if (/^-[stpxan][^-=]/u.test(arg) && BANDIT_VALUE_OPTIONS.has(arg.slice(0, 2))) continue;
    return { index: i, arg };
  }
  return undefined;
}

const REPORT_EXTENSIONS = ['.md', '.json', '.sarif', '.xml', '.html'];

/** Whether `rel` (relative to root) stays inside root, symlinks along the existing part resolved. */
export function staysInside(root: string, rel: string): boolean {
  if (rel === '' || isAbsolute(rel)) return false;
  const clean = normalize(rel);
  if (clean === '..' || clean.startsWith(`..${sep}`)) return false;
  // git's own directory is the repository's machinery, not a place for reports or checklists.
  if (clean.split(sep).some((part) => part.toLowerCase() === '.git')) return false;
  let top: string;
  try {
    top = realpathSync(root);
  } catch {
    return false;
  }
  // The deepest part that exists decides where the rest lands.
  let probe = resolve(root, clean);
  for (;;) {
    let exists = true;
    try {
      lstatSync(probe);
    } catch {
      exists = false;
    }
    if (exists) break;
    const parent = resolve(probe, '..');
    if (parent === probe) return false;
    probe = parent;
  }
  let real: string;
  try {
    real = realpathSync(probe);
  } catch {
    return false; // a dangling symlink: where it would lead is not known
  }
  return real === top || real.startsWith(top.endsWith(sep) ? top : top + sep);
}

interface UnsafeSetting {
  /** Path of the value in the settings, e.g. ['bandit', 'args', '2']. */
  path: string[];
  message: string;
}

/**
 * A setting that would let the audited repository run a program, write outside itself or read
 * files elsewhere. The repository's settings are its own data, not the person's: a program to
 * run or a place outside the repository has to come from the command line.
 */
function unsafeSetting(root: string, raw: RawConfig): UnsafeSetting | undefined {
  const args = raw.bandit?.args ?? [];
  const bad = disallowedBanditArg(args);
  if (bad !== undefined) {
    return {
      path: ['bandit', 'args', String(bad.index)],
      message: `bandit.args: ${JSON.stringify(bad.arg)} is not allowed in the settings (only ${[...BANDIT_FLAGS, ...BANDIT_VALUE_OPTIONS].join(' ')} and their values)`,
    };
  }
  const banditPath = raw.bandit?.path;
  if (banditPath !== undefined && !isAllowedBanditPath(root, banditPath)) {
    return {
      path: ['bandit', 'path'],
      message:
        'bandit.path must be an absolute path outside the repository to a program named bandit (use --bandit-path for anything else)',
    };
  }
  const output = raw.output;
  if (output !== undefined) {
    const isFolder = output.endsWith('/') || isExistingDir(resolve(root, output));
    const fileOk = isFolder || REPORT_EXTENSIONS.some((ext) => output.toLowerCase().endsWith(ext));
    if (!staysInside(root, output) || !fileOk) {
      return {
        path: ['output'],
        message: `output must be a path inside the repository: a folder ending in "/" or a report file (${REPORT_EXTENSIONS.join(', ')}); use --output for anywhere else`,
      };
    }
  }
  const checklists = raw.checklists ?? [];
  const outside = checklists.findIndex((file) => !staysInside(root, file));
  if (outside >= 0) {
    return {
      path: ['checklists', String(outside)],
      message: `checklists[${outside}] must be a path inside the repository (use --checklist for a file elsewhere)`,
    };
  }
  return undefined;
}

function isExistingDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isAllowedBanditPath(root: string, file: string): boolean {
  if (!isAbsolute(file)) return false;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!/^bandit[\w.-]*$/u.test(base)) return false;
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const top = real(root);
  const target = real(file);
  return !(target === top || target.startsWith(top.endsWith(sep) ? top : top + sep));
}

function normalise(raw: RawConfig, file: string): VouchConfig {
  const disable: Record<string, string> = Array.isArray(raw.disable)
    ? Object.fromEntries(raw.disable.map((d) => [d.id, d.reason]))
    : { ...(raw.disable ?? {}) };
  return {
    file,
    checklists: raw.checklists ?? [],
    disable,
    exclude: raw.exclude ?? [],
    bandit: {
      enabled: raw.bandit?.enabled ?? true,
      path: raw.bandit?.path,
      args: raw.bandit?.args ?? [],
      timeout: raw.bandit?.timeout,
    },
    failOn: raw.fail_on,
    format: typeof raw.format === 'string' ? raw.format.split(',').map((s) => s.trim()) : raw.format,
    output: raw.output,
    countNonCode: raw.count_non_code ?? false,
    countSuppressed: raw.count_suppressed ?? false,
    maxAgeDays: raw.max_age_days,
    ...(raw.osv_db === undefined ? {} : { osvDb: raw.osv_db }),
  };
}
