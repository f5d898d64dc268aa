import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPython } from '../../../src/analysis/python/scan.js';
import type { PythonScan } from '../../../src/repo/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The production worker: the bundle scripts/build.mjs writes (vitest's global setup builds it). */
const workerUrl = pathToFileURL(join(root, 'dist', 'python-worker.js'));

beforeAll(() => {
  // Run alone (without the global setup), the bundle may not exist yet.
  if (!existsSync(workerUrl))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
});

const APP = `import os
import subprocess
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "super-secret-value"

@app.route("/run")
def run():
    subprocess.call(request.args["cmd"], shell=True)
    return eval(request.args["expr"])

if __name__ == "__main__":
    app.run(debug=True)
`;

const DB = `import sqlite3

def find(conn, name):
    query = f"SELECT * FROM users WHERE name = '{name}'"
    return conn.execute(query).fetchall()

def safe(conn, name):
    return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
`;

/** A syntax error in the middle: what comes before and after it still counts. */
const BROKEN = `import pickle

def load(blob):
    return pickle.loads(blob)

def broken(:
    pass

def later(cmd):
    os.system(cmd)
`;

/** Nothing a rule looks for: not parsed, but its imports are still read (not the docstring's). */
const PLAIN = `"""Helpers for JSON.

import fake_module_in_docstring
"""
import json
from collections import OrderedDict  # ordered

def dump(value):
    return json.dumps(OrderedDict(value))
`;

function files(): { path: string; text: string }[] {
  // Enough copies that the pool splits the work into several batches.
  const padding = '\n'.repeat(300_000);
  return [
    { path: 'app.py', text: APP },
    { path: 'db.py', text: DB },
    { path: 'broken.py', text: BROKEN },
    { path: 'plain.py', text: PLAIN },
    ...Array.from({ length: 6 }, (_, i) => ({ path: `pkg/mod${i}.py`, text: APP + padding })),
  ];
}

function withoutTiming(scan: PythonScan): Omit<PythonScan, 'durationMs'> {
  const { durationMs: _durationMs, ...rest } = scan;
  return rest;
}

function rulesAt(scan: PythonScan, file: string): string[] {
  return scan.findings
    .filter((f) => f.file === file && !f.rule.startsWith('import:'))
    .map((f) => `${f.line}:${f.rule}`);
}

describe('scanPython', () => {
  it('finds the rules of each file, in file and line order', async () => {
    const scan = await scanPython(files().slice(0, 4), { workers: 0 });
    expect(rulesAt(scan, 'app.py')).toEqual([
      '6:py-secret-key-literal',
      '10:py-subprocess-shell',
      '11:py-eval',
      '14:py-debug-true',
    ]);
    expect(rulesAt(scan, 'db.py')).toEqual(['5:py-sql-format']);
    const order = scan.findings.map((f) => `${f.file}:${String(f.line).padStart(4, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('redacts the secret key in the snippet', async () => {
    const scan = await scanPython([{ path: 'app.py', text: APP }], { workers: 0 });
    const secret = scan.findings.find((f) => f.rule === 'py-secret-key-literal');
    expect(secret?.snippet).toBe('app.config["SECRET_KEY"] = "su***"');
    expect(JSON.stringify(scan)).not.toContain('super-secret-value');
  });

  it('gives the same result on two worker threads as in this thread', async () => {
    const inProcess = await scanPython(files(), { workers: 0 });
    const pooled = await scanPython(files(), { workers: 2, workerUrl });
    expect(withoutTiming(pooled)).toEqual(withoutTiming(inProcess));
    expect(inProcess.findings.filter((f) => f.rule === 'py-eval')).toHaveLength(7);
  });

  it('falls back to this thread when the worker script is missing', async () => {
    const missing = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'vouch-py-')), 'python-worker.js'));
    const inProcess = await scanPython(files(), { workers: 0 });
    const fallback = await scanPython(files(), { workers: 2, workerUrl: missing });
    expect(withoutTiming(fallback)).toEqual(withoutTiming(inProcess));
  });

  it('retries a batch whose worker dies, then runs what is left in this thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-py-'));
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(
      crashing,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const inProcess = await scanPython(files(), { workers: 0 });
    const recovered = await scanPython(files(), { workers: 2, workerUrl: pathToFileURL(crashing) });
    expect(withoutTiming(recovered)).toEqual(withoutTiming(inProcess));
  });

  it('keeps the findings around a syntax error and reports where it is', async () => {
    const scan = await scanPython([{ path: 'broken.py', text: BROKEN }], { workers: 0 });
    expect(rulesAt(scan, 'broken.py')).toEqual(['4:py-pickle-load', '10:py-os-system']);
    expect(scan.errors).toEqual([{ file: 'broken.py', message: 'syntax errors near line 6' }]);
  });

  it('reads imports of files it does not parse, and counts what it parsed', async () => {
    const scan = await scanPython([{ path: 'plain.py', text: PLAIN }], { workers: 0 });
    expect(scan.filesScanned).toBe(1);
    expect(scan.filesParsed).toBe(0);
    expect(scan.findings.map((f) => `${f.line}:${f.rule}`)).toEqual([
      '5:import:json',
      '6:import:collections',
    ]);
  });

  it('analyses text decoded leniently from bytes that are not UTF-8', async () => {
    // Latin-1 bytes: "é" (0xE9) in a comment and a string, before the dangerous call; then emoji.
    const bytes = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nname = "Ren'),
      Buffer.from([0xe9]),
      // `data` is never assigned: a value from outside (a literal would be a constant, not a finding).
      Buffer.from('"; eval(data)\nimport os\nos.system(data)\nwave = "\u{1F600}\u{1F44B}"; exec(data)\n'),
    ]);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    expect(text).toContain('\uFFFD');
    const scan = await scanPython([{ path: 'latin1.py', text }], { workers: 0 });
    const found = scan.findings.filter((f) => !f.rule.startsWith('import:'));
    expect(found.map((f) => [f.line, f.column, f.rule])).toEqual([
      [2, 16, 'py-eval'],
      [4, 1, 'py-os-system'],
      // Columns count UTF-16 code units (as SARIF does by default): each emoji is two.
      [5, 16, 'py-exec'],
    ]);
    expect(scan.errors).toEqual([]);
  });

  it('returns an empty scan for no files', async () => {
    const scan = await scanPython([], { workers: 2, workerUrl });
    expect(withoutTiming(scan)).toEqual({ findings: [], filesScanned: 0, filesParsed: 0, errors: [] });
  });
});
