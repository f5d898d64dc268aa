import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | null | undefined;

/**
 * Names vouch's exact code, so that a cache made by one build is never used by another: a digest
 * of every script of the build (dist/*.js, the analyser's worker included). Undefined when vouch
 * runs from its TypeScript sources (the tests), where no build sits beside this module.
 */
export function codeDigest(): string | undefined {
  if (memo !== undefined) return memo ?? undefined;
  const here = fileURLToPath(new URL('.', import.meta.url));
  if (!existsSync(join(here, 'python-worker.js'))) {
    memo = null;
    return undefined;
  }
  const hash = createHash('sha1');
  for (const name of readdirSync(here)
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(here, name)));
  }
  memo = hash.digest('hex');
  return memo;
}
