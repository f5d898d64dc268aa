import { parse } from 'smol-toml';
import type { Dependency, Manifest } from '../types.js';
import { normalizeName, parsePep508, parseRequirementArg, toDependency } from './pep508.js';
import { TomlLines } from './toml-lines.js';

type Table = Record<string, unknown>;

/** A TOML table (not an array), or undefined. */
export function asTable(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

/** Parses TOML or explains, in one line, why it could not. */
export function parseToml(path: string, content: string): { doc: Table } | { error: string } {
  try {
    return { doc: parse(content) as Table };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const at =
      typeof (error as { line?: unknown }).line === 'number' ? `:${(error as { line: number }).line}` : '';
    return { error: `${path}${at}: invalid TOML: ${message}` };
  }
}

/**
 * Dependencies declared in pyproject.toml, one manifest per tool that declares some:
 * PEP 621 `[project]` (with PEP 735 `[dependency-groups]`), Poetry, uv's `dev-dependencies`,
 * PDM's `dev-dependencies`. Invalid TOML gives one manifest carrying the error.
 */
export function readPyproject(path: string, content: string): Manifest[] {
  const parsed = parseToml(path, content);
  if ('error' in parsed)
    return [{ path, kind: 'pyproject-pep621', dependencies: [], errors: [parsed.error] }];
  const doc = parsed.doc;
  const lines = new TomlLines(content);
  const manifests: Manifest[] = [];
  const tool = asTable(doc.tool);

  const project = asTable(doc.project);
  const groups = asTable(doc['dependency-groups']);
  if (project || groups) manifests.push(pep621(path, lines, project, groups));

  const poetry = asTable(tool?.poetry);
  if (poetry && ('dependencies' in poetry || 'dev-dependencies' in poetry || 'group' in poetry)) {
    manifests.push(poetryManifest(path, lines, poetry));
  }

  const uv = asTable(tool?.uv);
  if (uv && 'dev-dependencies' in uv) {
    const out = collector(path, lines, 'pyproject-uv');
    const anchor =
      lines.key('dev-dependencies', lines.header('tool.uv') ?? 0) ?? lines.header('tool.uv') ?? 1;
    out.strings(uv['dev-dependencies'], 'tool.uv.dev-dependencies', 'dev', anchor);
    manifests.push(out.manifest);
  }

  const pdm = asTable(tool?.pdm);
  const pdmDev = pdm?.['dev-dependencies'];
  if (pdm && pdmDev !== undefined) {
    const out = collector(path, lines, 'pyproject-pdm');
    const header = lines.header('tool.pdm.dev-dependencies');
    const table = asTable(pdmDev);
    if (!table) out.errors.push(`${path}: tool.pdm.dev-dependencies is not a table`);
    for (const [group, list] of Object.entries(table ?? {})) {
      out.strings(
        list,
        `tool.pdm.dev-dependencies.${group}`,
        group,
        lines.key(group, header ?? 0) ?? header ?? 1,
      );
    }
    manifests.push(out.manifest);
  }
  return manifests;
}

function pep621(
  path: string,
  lines: TomlLines,
  project: Table | undefined,
  groups: Table | undefined,
): Manifest {
  const out = collector(path, lines, 'pyproject-pep621');
  const projectLine = lines.header('project') ?? 0;
  if (project && project.dependencies !== undefined) {
    out.strings(
      project.dependencies,
      'project.dependencies',
      'main',
      lines.key('dependencies', projectLine) ?? (projectLine || 1),
    );
  }
  const optional = project?.['optional-dependencies'];
  if (optional !== undefined) {
    const header =
      lines.header('project.optional-dependencies') ?? lines.key('optional-dependencies', projectLine);
    const table = asTable(optional);
    if (!table) out.errors.push(`${path}: project.optional-dependencies is not a table`);
    for (const [extra, list] of Object.entries(table ?? {})) {
      out.strings(
        list,
        `project.optional-dependencies.${extra}`,
        extra,
        lines.key(extra, header ?? 0) ?? header ?? 1,
      );
    }
  }
  const header = lines.header('dependency-groups');
  for (const [group, list] of Object.entries(groups ?? {})) {
    const anchor = lines.key(group, header ?? 0) ?? header ?? 1;
    // PEP 735: `{include-group = "other"}` pulls in another group, whose entries are already recorded there.
    const entries = Array.isArray(list) ? list : [list];
    for (const entry of entries) {
      const include = asTable(entry)?.['include-group'];
      if (typeof include === 'string' && !Object.prototype.hasOwnProperty.call(groups, include)) {
        out.errors.push(`${path}: dependency group ${group} includes unknown group ${include}`);
      }
    }
    out.strings(
      entries.filter((e) => asTable(e) === undefined),
      `dependency-groups.${group}`,
      group,
      anchor,
    );
  }
  return out.manifest;
}

function poetryManifest(path: string, lines: TomlLines, poetry: Table): Manifest {
  const out = collector(path, lines, 'pyproject-poetry');
  const sections: [unknown, string, string][] = [
    [poetry.dependencies, 'main', 'tool.poetry.dependencies'],
    [poetry['dev-dependencies'], 'dev', 'tool.poetry.dev-dependencies'],
    ...Object.entries(asTable(poetry.group) ?? {}).map(([group, value]): [unknown, string, string] => [
      asTable(value)?.dependencies,
      group,
      `tool.poetry.group.${group}.dependencies`,
    ]),
  ];
  for (const [value, group, tableName] of sections) {
    if (value === undefined) continue;
    const table = asTable(value);
    if (!table) {
      out.errors.push(`${path}: ${tableName} is not a table`);
      continue;
    }
    const header = lines.header(tableName);
    for (const [name, spec] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue; // the interpreter, not a package
      const line = lines.header(`${tableName}.${name}`) ?? lines.key(name, header ?? 0) ?? header ?? 1;
      for (const one of Array.isArray(spec) ? spec : [spec]) {
        const dep = poetryDependency(name, one, { file: path, line, group });
        if (dep) out.manifest.dependencies.push(dep);
        else out.errors.push(`${path}:${line}: cannot read dependency ${name} in ${tableName}`);
      }
    }
  }
  return out.manifest;
}

/**
 * Poetry's constraint syntax: a bare version (`1.2.3`) or `==`/`=` means exactly that version;
 * `^`, `~`, `*`, ranges and `||` do not pin.
 */
export function poetryPinned(constraint: string): boolean {
  if (constraint.includes('||') || constraint.includes('*')) return false;
  return constraint.split(',').some((clause) => /^(?:={1,3})?\s*v?\d[0-9A-Za-z.+!-]*$/u.test(clause.trim()));
}

/** A Poetry or Pipfile dependency value: a constraint string or a table (version, git, path, url...). */
export function tableDependency(
  name: string,
  spec: unknown,
  where: { file: string; line: number; group: string },
  pinnedBy: (constraint: string) => boolean,
): Dependency | undefined {
  const base = { name: normalizeName(name), specifier: '', extras: [] as string[] };
  if (typeof spec === 'string') {
    return toDependency({ ...base, specifier: spec.trim() }, { ...where, pinned: pinnedBy(spec.trim()) });
  }
  const table = asTable(spec);
  if (!table) return undefined;
  const version = typeof table.version === 'string' ? table.version.trim() : '';
  const location = [table.git, table.path, table.url, table.file].find(
    (v): v is string => typeof v === 'string',
  );
  const extras = Array.isArray(table.extras)
    ? table.extras.filter((e): e is string => typeof e === 'string')
    : [];
  const marker = typeof table.markers === 'string' ? table.markers : undefined;
  return toDependency(
    {
      ...base,
      specifier: location === undefined ? version : '',
      extras,
      ...(marker === undefined ? {} : { marker }),
      ...(location === undefined ? {} : { url: location }),
    },
    { ...where, pinned: pinnedBy(version), editable: table.develop === true || table.editable === true },
  );
}

function poetryDependency(
  name: string,
  spec: unknown,
  where: { file: string; line: number; group: string },
): Dependency | undefined {
  return tableDependency(name, spec, where, poetryPinned);
}

/** Accumulates one manifest's dependencies and errors from lists of requirement strings. */
function collector(path: string, lines: TomlLines, kind: Manifest['kind']) {
  const manifest: Manifest = { path, kind, dependencies: [], errors: [] };
  return {
    manifest,
    errors: manifest.errors,
    /** `list` should be an array of PEP 508 strings (PDM also allows `-e path`); others are errors. */
    strings(list: unknown, where: string, group: string, anchor: number): void {
      if (!Array.isArray(list)) {
        manifest.errors.push(`${path}:${anchor}: ${where} is not a list`);
        return;
      }
      for (const raw of list) {
        if (typeof raw !== 'string') {
          manifest.errors.push(`${path}:${anchor}: ${where} holds a value that is not a string`);
          continue;
        }
        const line = lines.string(raw, anchor) ?? anchor;
        const editable = /^-e\s+/u.exec(raw);
        const req = editable ? parseRequirementArg(raw.slice(editable[0].length)) : parsePep508(raw);
        if (req)
          manifest.dependencies.push(
            toDependency(req, { file: path, line, group, editable: editable !== null }),
          );
        else
          manifest.errors.push(
            `${path}:${line}: cannot parse requirement ${JSON.stringify(raw.slice(0, 120))}`,
          );
      }
    },
  };
}
