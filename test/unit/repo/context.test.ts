import { describe, expect, it } from 'vitest';
import { fileContext, promoteExamples } from '../../../src/repo/context.js';
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

describe('promoteExamples', () => {
  const f = (path: string) => ({ path, context: fileContext(path) });
  const rows: [name: string, paths: string[], expected: Record<string, FileContext>][] = [
    [
      'a collection of demo apps ships its demos',
      ['demos/blog/app/main.py', 'demos/blog/setup.py', 'demos/blog/tests/test_app.py', 'README.md'],
      {
        'demos/blog/app/main.py': 'code',
        'demos/blog/setup.py': 'code',
        'demos/blog/tests/test_app.py': 'test',
      },
    ],
    [
      'root tooling files do not count as shipped code',
      ['setup.py', 'noxfile.py', 'examples/app.py'],
      { 'examples/app.py': 'code' },
    ],
    [
      'a library with examples keeps them as examples (near miss)',
      ['pkg/core.py', 'examples/app.py'],
      { 'pkg/core.py': 'code', 'examples/app.py': 'example' },
    ],
    [
      'no examples: nothing changes',
      ['tests/test_x.py', 'docs/conf.py'],
      { 'tests/test_x.py': 'test', 'docs/conf.py': 'docs' },
    ],
    [
      'non-Python example files alone promote nothing',
      ['pkg/core.py', 'examples/config.yaml'],
      { 'examples/config.yaml': 'example' },
    ],
  ];
  it.each(rows)('%s', (_name, paths, expected) => {
    const out = new Map(promoteExamples(paths.map(f)).map((x) => [x.path, x.context]));
    for (const [path, context] of Object.entries(expected)) expect(out.get(path)).toBe(context);
  });
});
