// Bundles the CLI with esbuild: one start-up file, ink loaded only when the UI renders.
// Builds into a fresh folder and swaps it in, so a test run reading dist/ never sees half a build.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';

const tmp = `dist.tmp-${process.pid}`;
await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    'python-worker': 'src/analysis/python/worker.ts',
  },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // web-tree-sitter finds its .wasm beside its own file; keep it (and the grammar) in node_modules.
  // react-devtools-core is only loaded by ink when DEV=true; it is not a dependency.
  external: ['web-tree-sitter', 'tree-sitter-python', 'react-devtools-core'],
  // React's production build: its development build (chosen at run time when NODE_ENV is unset)
  // checks every render and made the first frame a tenth of a second slower.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: "import { createRequire as __vouchCreateRequire } from 'node:module'; const require = __vouchCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The default checklist, loaded once by the build's own loader (src/checklist/snapshot.ts).
const snapshotter = `snapshot-${process.pid}`;
await build({
  entryPoints: { [snapshotter]: 'src/checklist/snapshot-build.ts' },
  outdir: tmp,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['web-tree-sitter', 'tree-sitter-python'],
  banner: {
    js: "import { createRequire as __vouchCreateRequire } from 'node:module'; const require = __vouchCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
execFileSync(process.execPath, [`${tmp}/${snapshotter}.js`, `${tmp}/default-checklist.json`], {
  stdio: 'inherit',
});
rmSync(`${tmp}/${snapshotter}.js`);

const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(tmp, 'dist');
rmSync(old, { recursive: true, force: true });
