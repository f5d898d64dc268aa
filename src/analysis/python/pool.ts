import { Worker } from 'node:worker_threads';
import type { FileResult, SourceFile } from './analyse-file.js';

/** A batch of files sent to a worker, and its answer. */
export interface JobRequest {
  id: number;
  files: SourceFile[];
}
export type JobResponse = { id: number; results: FileResult[] } | { id: number; failure: string };

interface Job extends JobRequest {
  attempts: number;
}

/** Batches small enough that two workers finish close together, big enough to amortise messaging. */
const BATCH_CHARS = 256 * 1024;
const MAX_ATTEMPTS = 2;

/** Splits files into batches of about `limit` characters, largest files first (they go out first). */
export function batches(files: readonly SourceFile[], limit = BATCH_CHARS): SourceFile[][] {
  const sorted = [...files].sort((a, b) => b.text.length - a.text.length);
  const out: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let size = 0;
  for (const file of sorted) {
    if (current.length > 0 && size + file.text.length > limit) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += file.text.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Analyses files on `count` worker threads, each taking the next batch when it is done with
 * one. A batch whose worker dies is tried once more on another; when no worker is left (the
 * worker file is missing, say), the rest runs in this thread through `inProcess`.
 */
export async function analyseInWorkers(
  workerUrl: URL,
  files: readonly SourceFile[],
  count: number,
  inProcess: (files: SourceFile[]) => Promise<FileResult[]>,
): Promise<FileResult[]> {
  const queue: Job[] = batches(files).map((batch, id) => ({ id, files: batch, attempts: 0 }));
  const results: FileResult[] = [];
  const live = new Set<Worker>();
  let outstanding = queue.length;
  if (outstanding === 0) return results;

  await new Promise<void>((done, fail) => {
    const finished = (jobs: number): void => {
      outstanding -= jobs;
      if (outstanding === 0) done();
    };

    const start = (): void => {
      const worker = new Worker(workerUrl);
      live.add(worker);
      let current: Job | undefined;
      const next = (): void => {
        current = queue.shift();
        if (current) {
          const request: JobRequest = { id: current.id, files: current.files };
          worker.postMessage(request);
        } else {
          live.delete(worker);
          void worker.terminate();
        }
      };
      const died = (reason: string): void => {
        if (!live.has(worker)) return;
        live.delete(worker);
        void worker.terminate();
        const job = current;
        current = undefined;
        if (job) {
          job.attempts++;
          if (job.attempts < MAX_ATTEMPTS) {
            queue.unshift(job);
          } else {
            results.push(
              ...job.files.map((file) => ({
                path: file.path,
                findings: [],
                error: `analysis failed: ${reason}`,
              })),
            );
            finished(1);
          }
        }
        if (live.size === 0 && queue.length > 0) {
          const rest = queue.splice(0);
          inProcess(rest.flatMap((left) => left.files)).then((more) => {
            results.push(...more);
            finished(rest.length);
          }, fail);
        }
      };
      worker.on('message', (response: JobResponse) => {
        if (!current || response.id !== current.id) return;
        if ('failure' in response) {
          died(response.failure);
          return;
        }
        results.push(...response.results);
        finished(1);
        next();
      });
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`the worker exited with code ${code}`));
      next();
    };

    for (let i = 0; i < Math.min(count, queue.length); i++) start();
  });
  await Promise.all([...live].map((worker) => worker.terminate()));
  return results;
}
