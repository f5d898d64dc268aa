import type { Manifest } from '../types.js';
import { isPinned } from './pep508.js';
import { asTable, parseToml, tableDependency } from './pyproject.js';
import { TomlLines } from './toml-lines.js';

const SECTIONS = ['packages', 'dev-packages'] as const;

/** Pipenv's Pipfile: `[packages]` and `[dev-packages]` (the group is the section name). */
export function readPipfile(path: string, content: string): Manifest {
  const manifest: Manifest = { path, kind: 'pipfile', dependencies: [], errors: [] };
  const parsed = parseToml(path, content);
  if ('error' in parsed) {
    manifest.errors.push(parsed.error);
    return manifest;
  }
  const lines = new TomlLines(content);
  for (const section of SECTIONS) {
    const value = parsed.doc[section];
    if (value === undefined) continue;
    const table = asTable(value);
    if (!table) {
      manifest.errors.push(`${path}: [${section}] is not a table`);
      continue;
    }
    const header = lines.header(section);
    for (const [name, spec] of Object.entries(table)) {
      const line = lines.header(`${section}.${name}`) ?? lines.key(name, header ?? 0) ?? header ?? 1;
      // Pipenv writes "*" for "any version"; a pin is written with ==, as pip would.
      const dep = tableDependency(name, spec, { file: path, line, group: section }, isPinned);
      if (dep) manifest.dependencies.push(dep);
      else manifest.errors.push(`${path}:${line}: cannot read dependency ${name} in [${section}]`);
    }
  }
  return manifest;
}
