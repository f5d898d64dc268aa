import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { UsageError } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import {
  formatProblem,
  positionOf,
  readYaml,
  schemaProblems,
  type ParsedYaml,
  type SourceProblem,
} from '../util/yaml-source.js';
import type { Category, Check, Checklist, Condition, Item } from './types.js';
import { join } from 'node:path';

/** What the loader needs to know about probes to check `checks:` (ids and parameter schemas). */
export interface ProbeSpec {
  id: string;
  paramsSchema: Record<string, unknown>;
  validate?: (params: Record<string, unknown>) => string[];
}

export interface LoadOptions {
  /** Known probes; when given, unknown probe ids and bad `with:` parameters are errors. */
  probes?: readonly ProbeSpec[];
  /** Base folder for the file names shown in messages (default: the current directory). */
  cwd?: string;
}

let schemaValidator: ValidateFunction | undefined;
// Made on first use: a cached checklist needs no validator, and making one costs a tenth of a second.
let ajvInstance: Ajv2020 | undefined;
const ajv = (): Ajv2020 => (ajvInstance ??= new Ajv2020({ allErrors: true, strict: false }));

function checklistValidator(): ValidateFunction {
  if (schemaValidator === undefined) {
    const schema = JSON.parse(
      readFileSync(join(packageRoot(), 'checklists', 'checklist.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    schemaValidator = ajv().compile(schema);
  }
  return schemaValidator;
}

const paramValidators = new Map<string, ValidateFunction>();
function paramsValidator(probe: ProbeSpec): ValidateFunction {
  let v = paramValidators.get(probe.id);
  if (v === undefined) {
    v = ajv().compile(probe.paramsSchema);
    paramValidators.set(probe.id, v);
  }
  return v;
}

interface RawCheck {
  probe: string;
  with?: Record<string, unknown>;
  on_match?: Check['on_match'];
  on_none?: Check['on_none'];
  on_unavailable?: Check['on_unavailable'];
  description?: string;
}
interface RawItem extends Omit<
  Item,
  'checks' | 'applies_if' | 'guidance' | 'remediation' | 'references' | 'source'
> {
  guidance?: string;
  remediation?: string;
  references?: Item['references'];
  checks?: RawCheck[];
  applies_if?: Condition | Condition[];
}
interface RawChecklist {
  id: string;
  title: string;
  version: string;
  categories?: Category[];
  items: RawItem[];
}

/**
 * Loads and validates one or more checklist files and combines them: later files may add
 * categories and items; an id defined twice is an error. Every problem in every file is
 * reported (as FILE:LINE:COL: message) in one UsageError.
 */
export function loadChecklists(files: readonly string[], options: LoadOptions = {}): Checklist {
  const cwd = options.cwd ?? process.cwd();
  const problems: SourceProblem[] = [];
  const parsedFiles: { parsed: ParsedYaml; raw: RawChecklist; sha256: string; name: string }[] = [];

  for (const file of files) {
    const name = displayName(file, cwd);
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push({ file: name, line: 1, col: 1, message: 'no such checklist file' });
      continue;
    }
    const parsed = readYaml(file, name);
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0) continue;
    if (parsed.value === null || parsed.value === undefined) {
      problems.push({ file: name, line: 1, col: 1, message: 'the checklist is empty' });
      continue;
    }
    const validate = checklistValidator();
    if (!validate(parsed.value)) {
      problems.push(...schemaProblems(parsed, validate.errors ?? [], 'the checklist'));
      continue;
    }
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    parsedFiles.push({ parsed, raw: parsed.value as RawChecklist, sha256, name });
  }

  // Cross-file checks: categories known anywhere, ids unique everywhere.
  const categories = new Map<string, { category: Category; at: string }>();
  for (const { parsed, raw } of parsedFiles) {
    (raw.categories ?? []).forEach((c, i) => {
      const pos = positionOf(parsed, `/categories/${i}/id`);
      const prior = categories.get(c.id);
      if (prior !== undefined) {
        problems.push({
          file: parsed.file,
          ...pos,
          message: `duplicate category id "${c.id}" (first defined at ${prior.at})`,
        });
      } else {
        categories.set(c.id, { category: c, at: `${parsed.file}:${pos.line}` });
      }
    });
  }

  const items: Item[] = [];
  const itemAt = new Map<string, string>();
  for (const { parsed, raw } of parsedFiles) {
    raw.items.forEach((rawItem, i) => {
      const base = `/items/${i}`;
      const pos = positionOf(parsed, `${base}/id`);
      const prior = itemAt.get(rawItem.id);
      if (prior !== undefined) {
        problems.push({
          file: parsed.file,
          ...pos,
          message: `duplicate item id "${rawItem.id}" (first defined at ${prior})`,
        });
        return;
      }
      itemAt.set(rawItem.id, `${parsed.file}:${pos.line}`);
      if (!categories.has(rawItem.category)) {
        const known = [...categories.keys()].join(', ') || 'none defined';
        problems.push({
          file: parsed.file,
          ...positionOf(parsed, `${base}/category`),
          message: `item "${rawItem.id}" names unknown category "${rawItem.category}" (known: ${known})`,
        });
      }
      const checks = (rawItem.checks ?? []).map((c) => ({
        probe: c.probe,
        ...(c.with === undefined ? {} : { with: c.with }),
        on_match: c.on_match ?? 'fail',
        on_none: c.on_none ?? 'pass',
        on_unavailable: c.on_unavailable ?? 'review',
        ...(c.description === undefined ? {} : { description: c.description }),
      }));
      const conditions =
        rawItem.applies_if === undefined
          ? undefined
          : Array.isArray(rawItem.applies_if)
            ? rawItem.applies_if
            : [rawItem.applies_if];
      if (options.probes !== undefined) {
        checks.forEach((c, j) =>
          problems.push(...probeProblems(parsed, `${base}/checks/${j}`, c, options.probes ?? [])),
        );
        conditions?.forEach((c, j) => {
          const at = Array.isArray(rawItem.applies_if) ? `${base}/applies_if/${j}` : `${base}/applies_if`;
          problems.push(...probeProblems(parsed, at, c, options.probes ?? []));
        });
      }
      items.push({
        id: rawItem.id,
        category: rawItem.category,
        title: rawItem.title,
        question: rawItem.question,
        severity: rawItem.severity,
        guidance: rawItem.guidance ?? '',
        remediation: rawItem.remediation ?? '',
        references: rawItem.references ?? {},
        applies_if: conditions,
        checks,
        source: { file: parsed.file, line: pos.line },
      });
    });
  }

  if (problems.length > 0) {
    const n = problems.length;
    throw new UsageError(
      `${n} problem${n === 1 ? '' : 's'} in checklist ${files.length === 1 ? displayName(files[0] ?? '', cwd) : 'files'}`,
      problems.map(formatProblem),
    );
  }

  const first = parsedFiles[0];
  if (first === undefined) throw new UsageError('no checklist given');
  const sources = parsedFiles.map((f) => ({ file: f.name, sha256: f.sha256 }));
  const sha256 =
    sources.length === 1
      ? (sources[0]?.sha256 ?? '')
      : createHash('sha256')
          .update(sources.map((s) => s.sha256).join('\n'))
          .digest('hex');
  return {
    id: first.raw.id,
    title: first.raw.title,
    version: first.raw.version,
    categories: [...categories.values()].map((c) => c.category),
    items,
    sources,
    sha256,
  };
}

function probeProblems(
  parsed: ParsedYaml,
  at: string,
  check: { probe: string; with?: Record<string, unknown> },
  probes: readonly ProbeSpec[],
): SourceProblem[] {
  const probe = probes.find((p) => p.id === check.probe);
  if (probe === undefined) {
    return [
      {
        file: parsed.file,
        ...positionOf(parsed, `${at}/probe`),
        message: `unknown probe "${check.probe}" (known: ${probes.map((p) => p.id).join(', ')})`,
      },
    ];
  }
  const params = check.with ?? {};
  const validate = paramsValidator(probe);
  const out: SourceProblem[] = [];
  if (!validate(params)) {
    const errors = (validate.errors ?? []).map((e) => ({
      ...e,
      instancePath: `${at}/with${e.instancePath}`,
    }));
    out.push(
      ...schemaProblems(parsed, errors).map((p) => ({ ...p, message: `probe "${probe.id}": ${p.message}` })),
    );
  } else {
    for (const message of probe.validate?.(params) ?? []) {
      out.push({
        file: parsed.file,
        ...positionOf(parsed, `${at}/with`),
        message: `probe "${probe.id}": ${message}`,
      });
    }
  }
  return out;
}

function displayName(file: string, cwd: string): string {
  if (file.startsWith(packageRoot())) return relative(packageRoot(), file);
  const rel = relative(cwd, file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}
