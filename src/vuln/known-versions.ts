/**
 * Which dependencies have an exactly known version (an `==`/`===` pin in a manifest, pip-compile
 * output, a lock-file entry), and which declared ones do not: a database can only answer for
 * the first kind.
 */
import type { Dependency, LockFile, Manifest } from '../repo/types.js';
import type { KnownVersion, UncoveredDependency } from './types.js';

const EXACT = /^===?\s*([^\s,;*]+)$/u;

/** The exact version a pinned requirement names (`==1.2.3`, `===1.2.3`), if it names one. */
export function exactVersion(d: Dependency): string | undefined {
  if (!d.pinned || d.url !== undefined) return undefined;
  return EXACT.exec(d.specifier.trim())?.[1];
}

function whyNot(d: Dependency): string {
  if (d.url !== undefined) return `a URL or path requirement (${d.url}), no version to look up`;
  if (d.specifier === '') return 'no version given, and no lock file pins it';
  return `no exact version (${d.specifier}), and no lock file pins it`;
}

/** Known versions from manifests and lock files, and the declared dependencies none covers. */
export function knownVersions(
  manifests: readonly Manifest[],
  lockFiles: readonly LockFile[],
): { known: KnownVersion[]; uncovered: UncoveredDependency[] } {
  const known: KnownVersion[] = [];
  const seen = new Set<string>();
  const add = (k: KnownVersion): void => {
    const key = `${k.name}\0${k.version}\0${k.file}\0${k.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    known.push(k);
  };
  for (const m of manifests) {
    for (const d of m.dependencies) {
      const version = exactVersion(d);
      if (version !== undefined) add({ name: d.name, version, file: d.file, line: d.line });
    }
  }
  for (const lock of lockFiles) {
    for (const e of lock.entries ?? [])
      add({ name: e.name, version: e.version, file: lock.path, line: e.line });
  }
  const names = new Set(known.map((k) => k.name));
  const uncovered: UncoveredDependency[] = [];
  const reported = new Set<string>();
  for (const m of manifests) {
    for (const d of m.dependencies) {
      const key = `${d.name}\0${d.file}\0${d.line}`;
      // A requirements file included with -r shows up in every file that includes it.
      if (names.has(d.name) || reported.has(key)) continue;
      reported.add(key);
      uncovered.push({ name: d.name, specifier: d.specifier, file: d.file, line: d.line, reason: whyNot(d) });
    }
  }
  return { known, uncovered };
}
