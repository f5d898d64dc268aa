import { describe, expect, it } from 'vitest';
import { poetryPinned, readPyproject } from '../../../../src/repo/manifests/pyproject.js';
import type { Manifest } from '../../../../src/repo/types.js';
import { bounded } from '../../property/arbitraries.js';

/** A compact view of a manifest: kind, then [name, specifier, pinned, group, line] per dependency. */
function summary(manifests: Manifest[]) {
  return manifests.map((m) => ({
    kind: m.kind,
    deps: m.dependencies.map((d) => [d.name, d.specifier, d.pinned, d.group, d.line]),
    errors: m.errors,
  }));
}

describe('readPyproject', () => {
  const rows: [what: string, toml: string, expected: ReturnType<typeof summary>][] = [
    [
      'PEP 621 dependencies and optional-dependencies',
      `[project]
name = "app"
dependencies = [
  "flask==2.3.2",
  "Requests>=2",
]

[project.optional-dependencies]
dev = ["pytest"]
docs = [
  "sphinx==7.0.0",
]
`,
      [
        {
          kind: 'pyproject-pep621',
          deps: [
            ['flask', '==2.3.2', true, 'main', 4],
            ['requests', '>=2', false, 'main', 5],
            ['pytest', '', false, 'dev', 9],
            ['sphinx', '==7.0.0', true, 'docs', 11],
          ],
          errors: [],
        },
      ],
    ],
    [
      'PEP 735 dependency groups with include-group',
      `[dependency-groups]
test = ["pytest==8.0.0", "coverage"]
dev = [{include-group = "test"}, "ruff", {include-group = "lint"}]
`,
      [
        {
          kind: 'pyproject-pep621',
          deps: [
            ['pytest', '==8.0.0', true, 'test', 2],
            ['coverage', '', false, 'test', 2],
            ['ruff', '', false, 'dev', 3],
          ],
          errors: ['pyproject.toml: dependency group dev includes unknown group lint'],
        },
      ],
    ],
    [
      'Poetry main, group and dev dependencies',
      `[tool.poetry]
name = "app"

[tool.poetry.dependencies]
python = "^3.11"
flask = "^2.3"
requests = "2.31.0"
django = { version = "==4.2.1", extras = ["argon2"] }
click = "*"
mylib = { git = "https://github.com/org/mylib.git", tag = "v1" }
local = { path = "../local", develop = true }

[tool.poetry.group.test.dependencies]
pytest = "~8.0"

[tool.poetry.dev-dependencies]
black = "=23.1.0"
`,
      [
        {
          kind: 'pyproject-poetry',
          deps: [
            ['flask', '^2.3', false, 'main', 6],
            ['requests', '2.31.0', true, 'main', 7], // a bare version is an exact pin in Poetry
            ['django', '==4.2.1', true, 'main', 8],
            ['click', '*', false, 'main', 9],
            ['mylib', '', false, 'main', 10],
            ['local', '', false, 'main', 11],
            ['black', '=23.1.0', true, 'dev', 17],
            ['pytest', '~8.0', false, 'test', 14],
          ],
          errors: [],
        },
      ],
    ],
    [
      'uv dev-dependencies',
      `[project]
name = "x"
dependencies = []

[tool.uv]
dev-dependencies = ["pytest>=8", "mypy==1.8.0"]
`,
      [
        { kind: 'pyproject-pep621', deps: [], errors: [] },
        {
          kind: 'pyproject-uv',
          deps: [
            ['pytest', '>=8', false, 'dev', 6],
            ['mypy', '==1.8.0', true, 'dev', 6],
          ],
          errors: [],
        },
      ],
    ],
    [
      'PDM dev-dependencies with an editable path',
      `[tool.pdm.dev-dependencies]
lint = ["flake8==7.0.0"]
local = ["-e file:///\${PROJECT_ROOT}/packages/core#egg=core"]
`,
      [
        {
          kind: 'pyproject-pdm',
          deps: [
            ['flake8', '==7.0.0', true, 'lint', 2],
            ['core', '', false, 'local', 3],
          ],
          errors: [],
        },
      ],
    ],
    ['no dependency tables at all', '[tool.black]\nline-length = 100\n', []],
    [
      'invalid TOML is an error, not an exception',
      '[project\nname = "x"\n',
      [
        {
          kind: 'pyproject-pep621',
          deps: [],
          errors: ['pyproject.toml:1: invalid TOML: Invalid TOML document: illegal character in key'],
        },
      ],
    ],
    [
      'a dependency list of the wrong type',
      '[project]\ndependencies = "flask"\n',
      [
        {
          kind: 'pyproject-pep621',
          deps: [],
          errors: ['pyproject.toml:2: project.dependencies is not a list'],
        },
      ],
    ],
  ];
  it.each(rows)('%s', (_what, toml, expected) => {
    expect(summary(readPyproject('pyproject.toml', toml))).toEqual(expected);
  });

  it('keeps extras, markers, URLs and editability', () => {
    const [poetry] = readPyproject(
      'pyproject.toml',
      `[tool.poetry.dependencies]
django = { version = "^4.2", extras = ["argon2"], markers = "python_version >= '3.10'" }
mylib = { git = "https://github.com/org/mylib.git" }
local = { path = "../local", develop = true }
`,
    );
    expect(
      poetry!.dependencies.map(({ name, extras, marker, url, editable }) => ({
        name,
        extras,
        marker,
        url,
        editable,
      })),
    ).toEqual([
      {
        name: 'django',
        extras: ['argon2'],
        marker: "python_version >= '3.10'",
        url: undefined,
        editable: undefined,
      },
      {
        name: 'mylib',
        extras: [],
        marker: undefined,
        url: 'https://github.com/org/mylib.git',
        editable: undefined,
      },
      { name: 'local', extras: [], marker: undefined, url: '../local', editable: true },
    ]);
  });
});

describe('poetryPinned', () => {
  const rows: [string, boolean][] = [
    ['1.2.3', true],
    ['==1.2.3', true],
    ['=1.2.3', true],
    ['^1.2', false],
    ['~1.2', false],
    ['*', false],
    ['1.2.*', false],
    ['>=1,<2', false],
    ['1.0 || 2.0', false],
  ];
  it.each(rows)('%s → %s', (constraint, expected) => expect(poetryPinned(constraint)).toBe(expected));
});

/** Looking up the line of each of many dependencies took minutes (found by test/unit/property). */
describe('pyproject.toml files the reader once hung on', () => {
  const many = (n: number, entry: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => entry(i)).join('');
  const rows: [what: string, content: string, deps: number][] = [
    [
      '100 000 dependencies on one line',
      `[project]\ndependencies = [${many(100_000, (i) => `"p${i}", `)}]\n`,
      100_000,
    ],
    [
      '100 000 dependencies, one a line',
      `[project]\ndependencies = [\n${many(100_000, (i) => `"p${i}",\n`)}]\n`,
      100_000,
    ],
    [
      '200 000 Poetry dependencies',
      `[tool.poetry.dependencies]\n${many(200_000, (i) => `p${i} = "*"\n`)}`,
      200_000,
    ],
  ];
  it.each(rows)('%s', (_what, content, deps) => {
    const [manifest] = bounded(() => readPyproject('pyproject.toml', content));
    expect(manifest!.dependencies).toHaveLength(deps);
    expect(manifest!.dependencies[0]!.line).toBeGreaterThan(1);
  });
});
