import { parentPort } from 'node:worker_threads';
import { scanFile } from './analyse-file.js';
import { pythonParser } from './parser.js';
import type { JobRequest, JobResponse } from './pool.js';

/**
 * Worker thread entry: analyses the batches of files the pool sends, one at a time. Bundled to
 * dist/python-worker.js by scripts/build.mjs; scan.ts finds it beside its own bundle.
 */
const port = parentPort;
if (!port) throw new Error('python-worker must run as a worker thread');

async function answer(request: JobRequest): Promise<JobResponse> {
  try {
    const results = [];
    for (const file of request.files) results.push(await scanFile(pythonParser, file));
    return { id: request.id, results };
  } catch (error) {
    return { id: request.id, failure: error instanceof Error ? error.message : String(error) };
  }
}

port.on('message', (request: JobRequest) => {
  void answer(request).then((response) => port.postMessage(response));
});
