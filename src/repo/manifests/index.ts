import { posix } from 'node:path';
import type { LockFile, Manifest, RepoFile } from '../types.js';
import { lockKind, readLockFile } from './lock-files.js';
import { readPipfile } from './pipfile.js';
import { readPyproject } from './pyproject.js';
import { isRequirementsPath, readRequirementFiles } from './requirements.js';
import { readSetupCfg } from './setup-cfg.js';
import { readSetupPy } from './setup-py.js';

export { normalizeName } from './pep508.js';

/** Manifests known by their file name (requirements and lock files are told by `isRequirementsPath`, `lockKind`). */
const MANIFEST_NAMES: ReadonlySet<string> = new Set(['pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg']);

/**
 * Every dependency manifest and lock file among the listed files, read from the text already
 * loaded. Pure; a file that cannot be read as its format says is reported in `errors`.
 */
export function readManifests(
  files: readonly RepoFile[],
  text: ReadonlyMap<string, string>,
): { manifests: Manifest[]; lockFiles: LockFile[] } {
  const manifests: Manifest[] = [];
  const lockFiles: LockFile[] = [];
  const paths = new Set(files.map((f) => f.path));
  const requirements: string[] = [];
  for (const { path } of files) {
    // Chosen by name before any text is asked for: a run over an unchanged tree reads only these.
    const base = posix.basename(path);
    if (MANIFEST_NAMES.has(base) || lockKind(path) !== undefined) readNamed(path, base);
    else if (isRequirementsPath(path, paths) && text.get(path) !== undefined) requirements.push(path);
  }

  function readNamed(path: string, base: string): void {
    const content = text.get(path);
    if (content === undefined) return;
    if (base === 'pyproject.toml') manifests.push(...readPyproject(path, content));
    else if (base === 'Pipfile') manifests.push(readPipfile(path, content));
    else if (base === 'setup.py') manifests.push(readSetupPy(path, content));
    else if (base === 'setup.cfg') {
      const manifest = readSetupCfg(path, content);
      if (manifest) manifests.push(manifest);
    } else {
      const lock = readLockFile(path, content);
      if (lock) lockFiles.push(lock);
    }
  }
  const fromRequirements = readRequirementFiles(requirements, text);
  manifests.push(...fromRequirements.manifests);
  lockFiles.push(...fromRequirements.lockFiles);
  manifests.sort((a, b) => compare(a.path, b.path) || compare(a.kind, b.kind));
  lockFiles.sort((a, b) => compare(a.path, b.path));
  return { manifests, lockFiles };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
