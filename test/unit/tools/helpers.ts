import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execaSync } from 'execa';
import { afterAll } from 'vitest';

/** Fake executables that simulate tool failures (real tools are used for everything else). */
export const FAKES = fileURLToPath(new URL('../../fixtures/fake-tools/', import.meta.url));

export const fake = (name: string): string => path.join(FAKES, name);

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** An empty temporary directory, removed after the test file. */
export function tempDir(prefix = 'vouch-tools-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A real git repository in a temporary directory holding `files` (path → content). */
export function tempRepo(files: Record<string, string>): string {
  const dir = tempDir('vouch-repo-');
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  execaSync('git', ['init', '-q', dir]);
  return dir;
}

/**
 * True while a process with this pid runs. A killed orphan can stay a zombie when the container's
 * init does not reap: that one counts as dead.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
