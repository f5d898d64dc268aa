import { describe, expect, it } from 'vitest';
import { fileContext } from '../../../src/repo/context.js';
import type { FileContext } from '../../../src/repo/types.js';

describe('fileContext', () => {
  const rows: [path: string, expected: FileContext][] = [
    ['app/views.py', 'code'],
    ['app.py', 'code'], // auditing examples/vulnerable-flask-app itself: its files are code
    ['tests/test_views.py', 'test'],
    ['pkg/tests/helpers.py', 'test'],
    ['src/testing/util.py', 'test'],
    ['test/data.json', 'test'],
    ['Tests/X.py', 'test'],
    ['test_app.py', 'test'],
    ['app/models_test.py', 'test'],
    ['conftest.py', 'test'],
    ['pkg/conftest.py', 'test'],
    ['latest.py', 'code'], // "test" inside a name is not a test
    ['contest.py', 'code'],
    ['testdata.py', 'code'],
    ['docs/conf.py', 'docs'],
    ['doc/index.txt', 'docs'],
    ['README.md', 'docs'],
    ['pkg/notes.rst', 'docs'],
    ['examples/demo.py', 'example'],
    ['example/app.py', 'example'],
    ['samples/x.py', 'example'],
    ['demo/app.py', 'example'],
    ['app/migrations/0001_initial.py', 'migration'],
    ['alembic/versions/abc123_add.py', 'migration'],
    ['alembic/env.py', 'code'],
    ['examples/app/tests/test_x.py', 'test'], // test wins over example
    ['examples/README.md', 'docs'],
    ['tests', 'code'], // a file named like a directory is not in it
  ];
  it.each(rows)('%s → %s', (path, expected) => {
    expect(fileContext(path)).toBe(expected);
  });
});
