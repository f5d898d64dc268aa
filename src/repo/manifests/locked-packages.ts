/**
 * The packages a lock file pins, with their exact versions and lines: `[[package]]` blocks of
 * poetry.lock, uv.lock and pdm.lock, `[[packages]]` of PEP 751 pylock files (their `name =` and
 * `version =` lines, read line by line: lock files are large and written in this plain form), and
 * the `default` / `develop` sections of Pipfile.lock.
 */
import type { LockedPackage, LockFile } from '../types.js';
import { normalizeName } from './pep508.js';

const HEADER = /^\s*\[\[(packages?)\]\]\s*(?:#.*)?$/u;
const TABLE = /^\s*\[/u;
const KEY = /^\s*(name|version)\s*=\s*"([^"\\]*)"\s*(?:#.*)?$/u;
const PROJECT_SOURCE = /^\s*source\s*=\s*\{\s*(?:editable|virtual)\s*=/u;

function tomlEntries(content: string, table: 'package' | 'packages', skipProject: boolean): LockedPackage[] {
  const out: LockedPackage[] = [];
  let current: { name?: string; version?: string; line: number; project: boolean } | undefined;
  const flush = (): void => {
    if (current?.name !== undefined && current.version !== undefined && !current.project)
      out.push({ name: normalizeName(current.name), version: current.version, line: current.line });
    current = undefined;
  };
  const lines = content.split(/\r?\n/u);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const header = HEADER.exec(text);
    if (header !== null) {
      flush();
      if (header[1] === table) current = { line: i + 1, project: false };
      continue;
    }
    if (current === undefined) continue;
    // A sub-table (`[package.dependencies]`) ends the keys of the entry itself.
    if (TABLE.test(text)) {
      flush();
      continue;
    }
    const key = KEY.exec(text);
    if (key !== null) {
      if (key[1] === 'name' && current.name === undefined) {
        current.name = key[2];
        current.line = i + 1;
      } else if (key[1] === 'version' && current.version === undefined) current.version = key[2];
    } else if (skipProject && PROJECT_SOURCE.test(text)) current.project = true;
  }
  flush();
  return out;
}

function pipfileLockEntries(content: string): LockedPackage[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return [];
  }
  if (typeof doc !== 'object' || doc === null) return [];
  const lines = content.split(/\r?\n/u);
  const out: LockedPackage[] = [];
  for (const section of ['default', 'develop'] as const) {
    const packages = (doc as Record<string, unknown>)[section];
    if (typeof packages !== 'object' || packages === null) continue;
    for (const [name, info] of Object.entries(packages as Record<string, unknown>)) {
      const version = (info as { version?: unknown } | null)?.version;
      if (typeof version !== 'string' || !version.startsWith('==')) continue;
      const quoted = JSON.stringify(name);
      const index = lines.findIndex((l) => l.trimStart().startsWith(`${quoted}:`));
      out.push({ name: normalizeName(name), version: version.slice(2).trim(), line: index + 1 || 1 });
    }
  }
  return out;
}

/** Every pinned package of a lock file of this kind (pip-compile output is read as requirements). */
export function lockedPackages(kind: LockFile['kind'], content: string): LockedPackage[] {
  switch (kind) {
    case 'Pipfile.lock':
      return pipfileLockEntries(content);
    case 'pylock':
      return tomlEntries(content, 'packages', false);
    case 'uv.lock':
      return tomlEntries(content, 'package', true);
    case 'poetry.lock':
    case 'pdm.lock':
      return tomlEntries(content, 'package', false);
    case 'pip-compile':
      return [];
  }
}
