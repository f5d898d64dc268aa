import type { FileContext } from './types.js';

// Directory names, compared lower-cased, that put everything below them in a context.
const TEST_DIRS = new Set(['tests', 'test', 'testing']);
const DOCS_DIRS = new Set(['docs', 'doc']);
const EXAMPLE_DIRS = new Set(['examples', 'example', 'samples', 'sample', 'demo', 'demos']);

/**
 * Where a file sits, from its path relative to the audited root alone: test, docs, example,
 * migration, else code. Checked in that order, so `examples/app/tests/test_x.py` is a test.
 * Because only the relative path counts, auditing `examples/app` itself makes its files code.
 */
export function fileContext(path: string): FileContext {
  const segments = path.split('/');
  const base = (segments.pop() ?? '').toLowerCase();
  const dirs = segments.map((s) => s.toLowerCase());

  if (dirs.some((d) => TEST_DIRS.has(d))) return 'test';
  if (
    base === 'conftest.py' ||
    (base.startsWith('test_') && base.endsWith('.py')) ||
    base.endsWith('_test.py')
  ) {
    return 'test';
  }
  if (dirs.some((d) => DOCS_DIRS.has(d)) || base.endsWith('.md') || base.endsWith('.rst')) return 'docs';
  if (dirs.some((d) => EXAMPLE_DIRS.has(d))) return 'example';
  if (dirs.includes('migrations')) return 'migration';
  for (let i = 0; i + 1 < dirs.length; i++) {
    if (dirs[i] === 'alembic' && dirs[i + 1] === 'versions') return 'migration';
  }
  return 'code';
}
