/** Splitting a file list across processes: balanced shards, command lines that fit the OS limit. */

export interface SizedFile {
  path: string;
  size: number;
}

/**
 * Splits files into at most `count` shards of similar total size: largest file first, each into
 * the lightest shard so far (greedy LPT; within 4/3 of the best split). Empty shards are dropped;
 * each shard keeps the input order so output stays stable.
 */
export function planShards(files: readonly SizedFile[], count: number): string[][] {
  if (files.length === 0) return [];
  const wanted = Number.isFinite(count) ? Math.floor(count) : 1;
  const n = Math.max(1, Math.min(wanted, files.length));
  const order = files.map((file, index) => ({ ...file, index }));
  order.sort((a, b) => b.size - a.size || a.index - b.index);
  const totals = new Array<number>(n).fill(0);
  const members: { path: string; index: number }[][] = Array.from({ length: n }, () => []);
  for (const file of order) {
    let lightest = 0;
    for (let i = 1; i < n; i++) if ((totals[i] ?? 0) < (totals[lightest] ?? 0)) lightest = i;
    totals[lightest] = (totals[lightest] ?? 0) + Math.max(0, file.size);
    members[lightest]?.push(file);
  }
  return members
    .filter((shard) => shard.length > 0)
    .map((shard) => shard.sort((a, b) => a.index - b.index).map((f) => f.path));
}

/**
 * The command-line budget for file arguments. Linux allows 2 MB for arguments plus environment,
 * macOS 1 MB, Windows 32 767 characters; staying well under leaves room for a large environment.
 */
export const ARGUMENT_BUDGET = process.platform === 'win32' ? 24_000 : 120_000;

/**
 * Cuts `args` into consecutive chunks whose length (bytes plus one separator each) stays within
 * `budget`; an argument longer than the budget goes alone in its chunk rather than being lost.
 */
export function chunkArguments(args: readonly string[], budget = ARGUMENT_BUDGET): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const arg of args) {
    const cost = Buffer.byteLength(arg) + 1;
    if (current.length > 0 && used + cost > budget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(arg);
    used += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Runs `task` over `items` with at most `limit` running at once; results keep input order.
 * `slot` says which of the `limit` lanes runs the item (0-based), to account for each lane.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number, slot: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (slot: number): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index, slot);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, (_, slot) =>
    worker(slot),
  );
  await Promise.all(workers);
  return results;
}
