// Bundles the CLI with esbuild: one start-up file, ink loaded only when the UI renders.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    ...(existsSync('src/repo/python/worker.ts') ? { 'python-worker': 'src/repo/python/worker.ts' } : {}),
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // web-tree-sitter finds its .wasm beside its own file; keep it (and the grammar) in node_modules.
  // react-devtools-core is only loaded by ink when DEV=true; it is not a dependency.
  external: ['web-tree-sitter', 'tree-sitter-python', 'react-devtools-core'],
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: "import { createRequire as __vouchCreateRequire } from 'node:module'; const require = __vouchCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
