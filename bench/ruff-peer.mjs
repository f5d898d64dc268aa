#!/usr/bin/env node
// The ruff peer of the bench: ruff's flake8-bandit rules (`S`) from the WebAssembly build,
// `Workspace.check(source)` over every Python file of a tree, on one thread. It is what a user
// who wants bandit's checks fast can run on this machine without the network.
//
//   node bench/ruff-peer.mjs TREE     prints {"files":N,"findings":N} on stdout
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';

const root = process.argv[2];
if (root === undefined) {
  console.error('usage: ruff-peer.mjs TREE');
  process.exit(2);
}

/** Every .py file under dir, skipping git's store. */
function pythonFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== '.vouch') out.push(...pythonFiles(path));
    } else if (entry.isFile() && entry.name.endsWith('.py')) out.push(path);
  }
  return out;
}

const workspace = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let files = 0;
let findings = 0;
for (const file of pythonFiles(root)) {
  files++;
  findings += workspace.check(readFileSync(file, 'utf8')).length;
}
process.stdout.write(`${JSON.stringify({ files, findings })}\n`);
