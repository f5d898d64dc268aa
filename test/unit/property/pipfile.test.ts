/**
 * Property: a Pipfile of any content gives one manifest whose problems are located
 * (`Pipfile:LINE: …`, or `Pipfile: …` for a section that is not a table) and whose entries point
 * at a line of the file; never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readPipfile } from '../../../src/repo/manifests/pipfile.js';
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
  '[packages]',
  '[dev-packages]',
  '[requires]',
  '[packages.flask]',
  'flask = "*"',
  'version = "==2.3"',
];
const VALID = [
  '[packages]\nflask = "==2.3.2"\nrequests = {version = "*", extras = ["socks"]}\n\n[dev-packages]\npytest = "*"\n',
  '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nmylib = {path = ".", editable = true}\n[packages.django]\nversion = ">=4"\n',
];
const SPEC = structure(
  ['version', 'git', 'path', 'url', 'file', 'extras', 'markers', 'editable', 'develop'],
  ['==2.3.2', '*'],
);
const PIPFILE = asToml(
  mapOf({
    packages: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), SPEC, { maxKeys: 6 }), SPEC),
    'dev-packages': fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), SPEC, { maxKeys: 6 }), SPEC),
  }),
);
const PIECES = [
  ' ',
  '\n',
  '[',
  '"',
  'pN = "*"\n',
  '"p N" = "*"\n',
  'pN = {version = "1"}\n',
  '[packages.pN]\n',
];

function check(content: string): void {
  expectLocatedManifest(
    bounded(() => readPipfile('Pipfile', content)),
    'Pipfile',
    content,
  );
}

describe('Pipfile: a manifest with located problems, never a throw', () => {
  it('any text, Pipfile-shaped TOML and edited Pipfiles', () => {
    fc.assert(fc.property(fc.oneof(anyText(WORDS), PIPFILE, mutated(VALID, WORDS)), check), runs(300));
  });
});

describe('Pipfile: never a hang', () => {
  it('long runs and hundreds of thousands of packages', () => {
    fc.assert(
      fc.property(hostile(PIECES, ['', '[packages]\n', '[dev-packages]\n']), ({ text }) => check(text)),
      runs(20, { shrink: false }),
    );
  });
});
