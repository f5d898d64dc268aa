/**
 * Git facts about what answers rest on, collected once per audit (the staleness check itself is
 * the pure `staleReasons`), and the basis recorded with a new answer.
 */
import { blobAt, FileChanges, isRepoFile, worktreeBlobs } from '../repo/file-changes.js';
import { parseCites } from './cites.js';
import { formatEvidenceRef, parseEvidenceRef, type EvidenceRef, type PathChange } from './staleness.js';
import type { Answer, AnswerBasis, AnswersFile } from './types.js';

const COMMIT_ID = /^[0-9a-f]{7,64}$/u;

/** Answers checked at the same time (each runs a few git commands). */
const GIT_WORKERS = 4;

/** Every file an answer rests on: its cites, the evidence files it recorded. */
function basisPaths(answer: Answer): string[] {
  const paths = new Set(parseCites(answer.cites ?? []).cites.map((c) => c.path));
  for (const path of Object.keys(answer.basis?.blobs ?? {})) paths.add(path);
  for (const e of answer.basis?.evidence ?? []) {
    const ref = parseEvidenceRef(e);
    if (ref !== undefined) paths.add(ref.file);
  }
  return [...paths].sort();
}

/**
 * item id → path → what happened to it since the answer. A path without a recorded blob is
 * compared with its blob at the answer's commit (an answer written by hand names a commit);
 * without either there is nothing to compare and it is left out.
 */
export interface AnswerChanges {
  changes: Record<string, Record<string, PathChange>>;
  /** Cites with nothing recorded to compare that name no file: `item: path`, an error in the answers file. */
  missing: string[];
}

export async function answerChanges(root: string, answers: AnswersFile): Promise<AnswerChanges> {
  const entries = Object.entries(answers.answers).filter(
    ([, a]) => a.cites !== undefined || a.basis !== undefined,
  );
  const out: Record<string, Record<string, PathChange>> = {};
  const missing: string[] = [];
  if (entries.length === 0) return { changes: out, missing };
  const files = new FileChanges(root);
  await files.prepare(entries.flatMap(([, a]) => basisPaths(a)));
  const one = async (id: string, answer: Answer): Promise<void> => {
    const changes: Record<string, PathChange> = {};
    // The file is the repository's text: only a commit id goes to git as a revision.
    const commit = answer.commit !== undefined && COMMIT_ID.test(answer.commit) ? answer.commit : undefined;
    for (const path of basisPaths(answer)) {
      let blob = answer.basis?.blobs?.[path];
      if (blob === undefined && commit !== undefined && files.usable) blob = await blobAt(root, commit, path);
      if (blob === undefined) {
        const cited = parseCites(answer.cites ?? []).cites.some((c) => c.path === path);
        if (cited && !isRepoFile(root, path)) missing.push(`${id}: ${path}`);
        continue;
      }
      // Without git (or outside a repository) nothing can be compared: no answer is called stale.
      if (!files.usable) continue;
      const change = await files.change(path, blob, commit);
      if (change.kind !== 'unchanged') changes[path] = change;
    }
    out[id] = changes;
  };
  // A few answers at a time: each asks git a handful of questions, and processes are the cost.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const [id, answer] = entries[next++]!;
      await one(id, answer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(GIT_WORKERS, entries.length) }, worker));
  missing.sort();
  return { changes: out, missing };
}

/** Cites naming no file in the repository (an error at the time of answering). */
export function missingCites(root: string, cites: readonly string[]): string[] {
  return parseCites(cites)
    .cites.filter((c) => !isRepoFile(root, c.path))
    .map((c) => c.path);
}

/** The basis recorded with a new answer: the item's digest, the verdict and evidence shown, the blob ids. */
export async function recordBasis(
  root: string,
  shown: { itemDigest: string; autoVerdict: string; evidence: readonly EvidenceRef[] },
  cites: readonly string[],
): Promise<AnswerBasis> {
  const paths = [...parseCites(cites).cites.map((c) => c.path), ...shown.evidence.map((e) => e.file)];
  const blobs = Object.fromEntries(
    [...(await worktreeBlobs(root, paths))].sort(([a], [b]) => a.localeCompare(b)),
  );
  const basis: AnswerBasis = {
    item: shown.itemDigest,
    auto: shown.autoVerdict,
    evidence: [...new Set(shown.evidence.map(formatEvidenceRef))].sort(),
  };
  if (Object.keys(blobs).length > 0) basis.blobs = blobs;
  return basis;
}
