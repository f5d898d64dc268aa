import { parentPort } from 'node:worker_threads';
import { analyseFile } from './analyse-file.js';
import { pythonParser } from './parser.js';
import type { JobRequest, JobResponse } from './pool.js';

/**
 * Worker thread entry: analyses the batches of files the pool sends, one at a time. Bundled to
 * dist/python-worker.js (scripts/build.mjs); scan.ts finds it beside its own bundle.
 */
const port = parentPort;
if (!port) throw new Error('python-worker must run as a worker thread');

port.on('message', (request: JobRequest) => {
  pythonParser().then(
    (parser) => {
      const response: JobResponse = { id: request.id, results: request.files.map((file) => analyseFile(parser, file)) };
      port.postMessage(response);
    },
    (error: unknown) => {
      const response: JobResponse = { id: request.id, failure: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    },
  );
});
