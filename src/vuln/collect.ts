/** Reads the OSV database for the dependencies the manifests name (the I/O half of `src/vuln/`). */
import { UsageError } from '../errors.js';
import type { ProgressListener } from '../audit/progress.js';
import type { LockFile, Manifest } from '../repo/types.js';
import { vulnFacts } from './facts.js';
import type { ImportedReport } from './import/types.js';
import { knownVersions } from './known-versions.js';
import { scanOsvDb } from './osv-db.js';
import { NO_VULN_FACTS, type VulnFacts } from './types.js';

/**
 * Streams the database once, keeping only records that name a dependency of known version, then
 * matches. Without a database or an import there is nothing to say (the probe is unavailable).
 */
export async function collectVulnFacts(
  manifests: readonly Manifest[],
  lockFiles: readonly LockFile[],
  options: { osvDb?: string | undefined; imports?: readonly ImportedReport[] | undefined },
  emit: ProgressListener,
): Promise<VulnFacts> {
  const imports = options.imports ?? [];
  if (options.osvDb === undefined && imports.length === 0) {
    emit({ step: 'vulnerabilities', state: 'skipped', detail: 'no --osv-db or --import given' });
    return NO_VULN_FACTS;
  }
  emit({ step: 'vulnerabilities', state: 'running' });
  const wanted = new Set(knownVersions(manifests, lockFiles).known.map((k) => k.name));
  const db =
    options.osvDb === undefined
      ? undefined
      : await scanOsvDb(options.osvDb, (r) => r.affected.some((a) => wanted.has(a.name)));
  if (db !== undefined && db.pypi === 0)
    throw new UsageError(
      `${db.path}: none of its ${db.records} OSV records is about a PyPI package; pass the PyPI database (see README)`,
    );
  const facts = vulnFacts({ manifests, lockFiles, db, imports });
  const found = new Set(facts.hits.map((h) => `${h.name}@${h.version}`)).size;
  emit({
    step: 'vulnerabilities',
    state: 'done',
    detail: `${found} vulnerable of ${wanted.size} checked${facts.uncovered.length > 0 ? `, ${facts.uncovered.length} not covered` : ''}`,
  });
  return facts;
}
