import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UsageError } from '../errors.js';
import { describePath, readYaml, schemaProblems, formatProblem } from '../util/yaml-source.js';

export type FailOn = 'fail' | 'review' | 'unanswered' | 'none';

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
  maxAgeDays?: number | undefined;
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
    fail_on: { enum: ['fail', 'review', 'unanswered', 'none'] },
    format: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    output: { type: 'string' },
    count_non_code: { type: 'boolean' },
    max_age_days: { type: 'integer', minimum: 1 },
  },
} as const;

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);

interface RawConfig {
  checklists?: string[];
  disable?: Record<string, string> | { id: string; reason: string }[];
  exclude?: string[];
  bandit?: { enabled?: boolean; path?: string; args?: string[]; timeout?: number };
  fail_on?: FailOn;
  format?: string | string[];
  output?: string;
  count_non_code?: boolean;
  max_age_days?: number;
}

export const EMPTY_CONFIG: VouchConfig = {
  checklists: [],
  disable: {},
  exclude: [],
  bandit: { args: [], enabled: true },
  countNonCode: false,
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
  if (!validate(parsed.value)) {
    const problems = schemaProblems(parsed, validate.errors ?? [], 'settings').map(formatProblem);
    throw new UsageError(problems[0] ?? `${name}: invalid settings`, problems.slice(1));
  }
  return normalise(parsed.value as RawConfig, name);
}

function readPyprojectSection(root: string): VouchConfig | undefined {
  const file = join(root, 'pyproject.toml');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (!/^\s*\[tool\.vouch(\]|\.)/m.test(text)) return undefined;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const message = (error as Error).message.split('\n')[0] ?? 'invalid TOML';
    throw new UsageError(`pyproject.toml:${line}: ${message}`);
  }
  const section = (doc.tool as Record<string, unknown> | undefined)?.vouch;
  if (section === undefined) return undefined;
  if (!validate(section)) {
    const errors = validate.errors ?? [];
    const lines = errors.map((e) => `pyproject.toml:${tomlLine(text, e)}: [tool.vouch] ${tomlMessage(e)}`);
    throw new UsageError(lines[0] ?? 'pyproject.toml: invalid [tool.vouch]', [...new Set(lines.slice(1))]);
  }
  return normalise(section as RawConfig, 'pyproject.toml');
}

/** The line of the key an error is about, inside the [tool.vouch] section (best effort). */
function tomlLine(text: string, e: ErrorObject): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*\[tool\.vouch(\]|\.)/.test(l));
  const key =
    e.keyword === 'additionalProperties'
      ? String((e.params as { additionalProperty: string }).additionalProperty)
      : e.instancePath.split('/').filter((s) => s !== '' && !/^\d+$/.test(s)).pop();
  if (key !== undefined) {
    for (let i = Math.max(start, 0); i < lines.length; i += 1) {
      if (new RegExp(`^\\s*(\\[tool\\.vouch\\.)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lines[i] ?? '')) return i + 1;
    }
  }
  return start + 1;
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
    maxAgeDays: raw.max_age_days,
  };
}
