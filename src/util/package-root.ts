import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** vouch's install folder (where package.json and checklists/ are), from source or bundle alike. */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'checklists'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vouch: cannot find its own package folder');
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** The default checklist shipped with vouch. */
export function defaultChecklistPath(): string {
  return join(packageRoot(), 'checklists', 'python-security.yaml');
}
