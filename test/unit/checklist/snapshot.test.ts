import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecklists } from '../../../src/checklist/load.js';
import { fromSnapshot, loadSnapshot, snapshotText, SNAPSHOT_FILE } from '../../../src/checklist/snapshot.js';
import { PROBES } from '../../../src/probes/registry.js';
import { defaultChecklistPath, packageRoot } from '../../../src/util/package-root.js';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the default checklist snapshot', () => {
  const file = defaultChecklistPath();
  const bytes = readFileSync(file);
  const loaded = loadChecklists([file], { probes: PROBES });

  const rows: { name: string; snapshot: string; bytes: Uint8Array; used: boolean }[] = [
    { name: 'made from these bytes', snapshot: snapshotText(sha(bytes), loaded), bytes, used: true },
    {
      name: 'made from other bytes (an edited checklist)',
      snapshot: snapshotText(sha(bytes), loaded),
      bytes: Buffer.concat([bytes, Buffer.from('\n# edited\n')]),
      used: false,
    },
    { name: 'not JSON', snapshot: '{"sha256": ', bytes, used: false },
    { name: 'without a checklist', snapshot: JSON.stringify({ sha256: sha(bytes) }), bytes, used: false },
    { name: 'without a digest', snapshot: JSON.stringify({ checklist: loaded }), bytes, used: false },
  ];
  it.each(rows)('a snapshot $name is used: $used', ({ snapshot, bytes: given, used }) => {
    const checklist = fromSnapshot(snapshot, given);
    if (used) expect(checklist).toEqual(loaded);
    else expect(checklist).toBeUndefined();
  });

  it('is not used for any other list of files, nor from the sources (no build beside them)', () => {
    expect(loadSnapshot([file, file], file)).toBeUndefined();
    expect(loadSnapshot([join(packageRoot(), 'checklists', 'other.yaml')], file)).toBeUndefined();
    expect(loadSnapshot([file], file)).toBeUndefined();
  });

  it('the build writes holds exactly what the loader makes of the shipped checklist', () => {
    // The tests' global setup has just built dist/ from these sources.
    const built = readFileSync(join(packageRoot(), 'dist', SNAPSHOT_FILE), 'utf8');
    expect(fromSnapshot(built, bytes)).toEqual(loaded);
  });
});
