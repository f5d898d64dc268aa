/**
 * Property: a setup.cfg of any content gives no manifest (nothing declared) or one whose
 * problems are `setup.cfg:LINE: …` and whose entries point at a line of the file; never a throw,
 * never a hang.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readSetupCfg } from '../../../src/repo/manifests/setup-cfg.js';
import { anyText, bounded, expectLocatedManifest, hostile, mutated, runs } from './arbitraries.js';

const WORDS = [
  '[options]',
  '[options.extras_require]',
  '[metadata]',
  'install_requires =',
  'install_requires:',
  'dev =',
  'flask>=2',
  'requests[socks]==2.31 ; python_version>"3.8"',
  'file: requirements.txt',
  '  ',
  '# comment',
  '; comment',
];
const VALID = [
  '[metadata]\nname = app\n\n[options]\ninstall_requires =\n    flask>=2\n    requests==2.31.0  # pinned\n\n[options.extras_require]\ndev = pytest; ruff\n',
  '[options]\ninstall_requires = flask; click\n[options.extras_require]\ntest =\n  pytest\n  file: requirements-test.txt\n',
];
const PIECES = [' ', '\t', '\r', '#', ' #', '=', ':', ';', '[', '\n', '  a\n', 'a=\n', '[a]\n'];
const PREFIXES = ['', 'a', 'flask ', '[options]\ninstall_requires = a', '[options]\ninstall_requires =\n  a'];

function check(content: string): void {
  const manifest = bounded(() => readSetupCfg('setup.cfg', content));
  if (manifest !== undefined) expectLocatedManifest(manifest, 'setup.cfg', content);
}

describe('setup.cfg: a manifest with located problems (or none), never a throw', () => {
  it('any text and edited setup.cfg files', () => {
    fc.assert(fc.property(fc.oneof(anyText(WORDS), mutated(VALID, WORDS)), check), runs(400));
  });
});

describe('setup.cfg: never a hang', () => {
  it('long runs of spaces, comments and separators', () => {
    fc.assert(
      fc.property(hostile(PIECES, PREFIXES), ({ text }) => check(text)),
      runs(30, { shrink: false }),
    );
  });
});
