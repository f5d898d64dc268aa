// Build step (not part of the bundle): loads the default checklist through vouch's own loader
// and writes the snapshot that `loadSnapshot` reads (src/checklist/snapshot.ts). Run by build.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadChecklists } from './load.js';
import { snapshotText } from './snapshot.js';
import { PROBES } from '../probes/registry.js';
import { defaultChecklistPath } from '../util/package-root.js';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: snapshot-checklist OUT');
const file = defaultChecklistPath();
const bytes = readFileSync(file);
const checklist = loadChecklists([file], { probes: PROBES });
writeFileSync(out, snapshotText(createHash('sha256').update(bytes).digest('hex'), checklist));
