/**
 * Property: a pyproject.toml of any content gives manifests (PEP 621, Poetry, uv, PDM) whose
 * problems are located (`pyproject.toml:LINE: …`, or `pyproject.toml: …` where TOML gives no
 * line) and whose entries point at a line of the file; never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readPyproject } from '../../../src/repo/manifests/pyproject.js';
import {
  anyText,
  asToml,
  bounded,
  expectLocatedManifest,
  hostile,
  mapOf,
  mutated,
  runs,
  structure,
} from './arbitraries.js';

const WORDS = [
  '[project]',
  'dependencies = [',
  '[project.optional-dependencies]',
  '[dependency-groups]',
  '{include-group = "dev"}',
  '[tool.poetry.dependencies]',
  '[tool.poetry.group.dev.dependencies]',
  '[tool.uv]',
  'dev-dependencies = [',
  '[tool.pdm.dev-dependencies]',
  '"flask>=2"',
  '"-e ./lib"',
  'python = "^3.11"',
  ']',
];
const VALID = [
  '[project]\nname = "app"\ndependencies = [\n  "flask>=2",\n  "requests[socks]==2.31.0 ; python_version>\'3.8\'",\n]\n[project.optional-dependencies]\ndev = ["pytest"]\n[dependency-groups]\nlint = ["ruff"]\nall = [{include-group = "lint"}, "mypy"]\n',
  '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "2.3.2"\nrequests = {version = "^2", extras = ["socks"]}\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n',
  '[tool.uv]\ndev-dependencies = ["pytest==8.0"]\n[tool.pdm.dev-dependencies]\ntest = ["-e ./lib", "pytest"]\n',
];
const REQUIREMENTS = fc.array(
  fc.oneof(
    fc.constantFrom('flask>=2', 'x @ https://h/x.whl', '-e ./lib', 'bad req ==', '', '[', 'a; b'),
    fc.string({ maxLength: 20 }),
    structure(['include-group'], ['dev']),
  ),
  { maxLength: 5 },
);
const GROUPS = fc.dictionary(
  fc.oneof(fc.constantFrom('dev', 'test', 'lint'), fc.string({ maxLength: 5 })),
  REQUIREMENTS,
  { maxKeys: 3 },
);
const POETRY_DEPS = fc.dictionary(
  fc.string({ maxLength: 8 }),
  fc.oneof(
    fc.string({ maxLength: 8 }),
    structure(['version', 'git', 'path', 'extras', 'markers', 'develop']),
  ),
  { maxKeys: 4 },
);
const PYPROJECT = asToml(
  mapOf({
    project: mapOf({
      dependencies: fc.oneof(REQUIREMENTS, structure([])),
      'optional-dependencies': fc.oneof(GROUPS, structure([])),
    }),
    'dependency-groups': fc.oneof(GROUPS, structure(['include-group'])),
    tool: mapOf({
      poetry: mapOf({
        dependencies: fc.oneof(POETRY_DEPS, structure([])),
        'dev-dependencies': POETRY_DEPS,
        group: fc.dictionary(fc.string({ maxLength: 5 }), mapOf({ dependencies: POETRY_DEPS }), {
          maxKeys: 2,
        }),
      }),
      uv: mapOf({ 'dev-dependencies': fc.oneof(REQUIREMENTS, structure([])) }),
      pdm: mapOf({ 'dev-dependencies': fc.oneof(GROUPS, structure([])) }),
    }),
  }),
);
const PIECES = [
  ' ',
  '\n',
  '[',
  '"',
  "'",
  '"pN",\n',
  '"pN", ',
  'pN = "*"\n',
  '"p N" = "*"\n',
  'pN = ["x"]\n',
  'pN = {version = "1"}\n',
];
const PREFIXES = [
  '',
  '[project]\ndependencies = [\n',
  '[tool.poetry.dependencies]\n',
  '[dependency-groups]\n',
  '[tool.pdm.dev-dependencies]\n',
  '[project.optional-dependencies]\n',
  '[tool.uv]\ndev-dependencies = [\n',
];

function check(content: string): void {
  for (const manifest of bounded(() => readPyproject('pyproject.toml', content))) {
    expectLocatedManifest(manifest, 'pyproject.toml', content);
  }
}

describe('pyproject.toml: manifests with located problems, never a throw', () => {
  it('any text, pyproject-shaped TOML and edited pyproject files', () => {
    fc.assert(fc.property(fc.oneof(anyText(WORDS), PYPROJECT, mutated(VALID, WORDS)), check), runs(300));
  });
});

describe('pyproject.toml: never a hang', () => {
  it('long runs and hundreds of thousands of dependencies', () => {
    fc.assert(
      fc.property(hostile(PIECES, PREFIXES), ({ text }) => check(text)),
      runs(20, { shrink: false }),
    );
  });
});
