/**
 * Property: a lock file of any content (poetry.lock, uv.lock, pdm.lock, pylock.toml,
 * Pipfile.lock) gives a package count, a whole number of at least 0; never a throw, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLockFile } from '../../../src/repo/manifests/lock-files.js';
import { anyText, bounded, hostile, mutated, runs } from './arbitraries.js';

const PATHS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'pylock.dev.toml', 'Pipfile.lock'];
const WORDS = [
  '[[package]]',
  '[[packages]]',
  'name = "flask"',
  'version = "2.3.2"',
  'source = { editable = "." }',
  'source = { virtual = "." }',
  'source = { registry = "https://pypi.org/simple" }',
  '{"default": {',
  '"develop": {',
  '"flask": {"version": "==2.3.2"}',
  '}',
];
const VALID = [
  '[[package]]\nname = "flask"\nversion = "2.3.2"\n\n[[package]]\nname = "click"\nversion = "8.1.7"\n',
  '[[package]]\nname = "app"\nsource = { editable = "." }\n\n[[package]]\nname = "idna"\nsource = { registry = "x" }\n',
  '[[packages]]\nname = "a"\n[[packages]]\nname = "b"\n',
  '{"_meta": {}, "default": {"flask": {"version": "==2.3.2"}}, "develop": {"pytest": {}}}',
];
const PIECES = ['\n', '\r', ' ', '\t', ' \n', '[[package]]\n', '[[packages]]\n', 'source = ', '{', '[', '"'];

function check(path: string, content: string): void {
  const lock = bounded(() => readLockFile(path, content));
  expect(lock).toBeDefined();
  expect(lock!.path).toBe(path);
  expect(Number.isInteger(lock!.packages) && lock!.packages >= 0).toBe(true);
}

describe('lock files: a package count, never a throw', () => {
  it('any content under every lock-file name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.oneof(anyText(WORDS), mutated(VALID, WORDS)), check),
      runs(400),
    );
  });

  it('a file that is not a lock file is not read', () => {
    fc.assert(
      fc.property(anyText(WORDS), (content) => {
        expect(readLockFile('notes.txt', content)).toBeUndefined();
      }),
      runs(50),
    );
  });
});

describe('lock files: never a hang', () => {
  it('long runs of blank lines, spaces and headers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), hostile(PIECES, ['', 'a', '[[package]]\n']), (path, { text }) =>
        check(path, text),
      ),
      runs(30, { shrink: false }),
    );
  });
});
