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

/** Python files that sit in every kind of repository and say nothing about what it ships. */
const TOOLING_FILES = new Set(['setup.py', 'noxfile.py', 'fabfile.py', 'tasks.py', 'dodo.py']);

/**
 * A repository whose only Python (tests and docs aside) lives in example or demo folders ships
 * those examples: a collection of demo applications is audited as what it is, not as nothing.
 * A library with its own code beside its examples keeps them as examples.
 */
export function promoteExamples<F extends { path: string; context: FileContext }>(files: readonly F[]): F[] {
  const isPython = (f: F): boolean => f.path.endsWith('.py');
  const shipsCode = files.some(
    (f) => isPython(f) && f.context === 'code' && !TOOLING_FILES.has(f.path.split('/').pop() ?? ''),
  );
  const hasExamples = files.some((f) => isPython(f) && f.context === 'example');
  if (shipsCode || !hasExamples) return [...files];
  return files.map((f) => (f.context === 'example' ? { ...f, context: 'code' } : f));
}
