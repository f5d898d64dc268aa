/**
 * Property: a setup.py of any content (never executed) gives one manifest whose problems are
 * `setup.py:LINE: …` and whose entries point at a line of the file; never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readSetupPy } from '../../../src/repo/manifests/setup-py.js';
import { anyText, bounded, expectLocatedManifest, hostile, mutated, runs } from './arbitraries.js';

const WORDS = [
  'install_requires=',
  'extras_require=',
  'setup(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '(',
  ',',
  ':',
  '"flask>=2"',
  "'requests'",
  'r"x"',
  "b'y'",
  '"""doc"""',
  "f'{v}'",
  'DEPS',
  'open("r").read().split()',
  '# comment',
];
const VALID = [
  'from setuptools import setup\nsetup(\n    name="app",\n    install_requires=["flask>=2", \'requests==2.31.0\'],\n    extras_require={"dev": ["pytest"], \'docs\': ("sphinx",)},\n)\n',
  'DEPS = ["x"]\nsetup(install_requires=DEPS + ["click"], extras_require=EXTRAS)\n',
  'setup(install_requires=[\n    # pinned\n    "a==1",  r"b\\c", """c""",\n])\n',
];
const PIECES = [
  'install_requires=[',
  'extras_require={',
  "'a':[",
  "'a':(",
  "'a':[)",
  '[',
  '(',
  '"',
  "'",
  '"""',
  '\\',
  '#',
  ' ',
  'a',
  'extras_require={' + "'a':[".repeat(1700),
];
const PREFIXES = [
  '',
  'setup(',
  'install_requires=[',
  "install_requires=['",
  'extras_require={',
  'extras_require={"a": ["',
];

function check(content: string): void {
  expectLocatedManifest(
    bounded(() => readSetupPy('setup.py', content)),
    'setup.py',
    content,
  );
}

describe('setup.py: a manifest with located problems, never a throw', () => {
  it('any text and edited setup.py files', () => {
    fc.assert(fc.property(fc.oneof(anyText(WORDS), mutated(VALID, WORDS)), check), runs(400));
  });
});

describe('setup.py: never a hang', () => {
  it('long runs of keywords, brackets and unclosed strings', () => {
    fc.assert(
      fc.property(hostile(PIECES, PREFIXES), ({ text }) => check(text)),
      runs(30, { shrink: false }),
    );
  });
});
