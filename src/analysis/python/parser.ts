import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

/**
 * Loads web-tree-sitter and the Python grammar once per thread. The grammar is resolved from
 * this file's location, which works from the sources (vitest) and from the bundle in dist/
 * (both packages stay external, in node_modules).
 */
let loading: Promise<Parser> | undefined;

export function pythonParser(): Promise<Parser> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Parser> {
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
