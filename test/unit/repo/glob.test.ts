import { describe, expect, it } from 'vitest';
import { expandBraces, matchGlob } from '../../../src/repo/glob.js';

describe('matchGlob', () => {
  const rows: [patterns: string[], path: string, expected: boolean][] = [
    [['*.py'], 'a.py', true],
    [['*.py'], 'src/deep/a.py', true], // no slash: basename at any depth
    [['*.py'], 'a.py.txt', false],
    [['*.py'], 'a.pyc', false],
    [['src/*.py'], 'src/a.py', true],
    [['src/*.py'], 'src/x/a.py', false], // * stops at /
    [['src/*.py'], 'lib/src/a.py', false], // a slash anchors to the root
    [['src/**/*.py'], 'src/a.py', true], // ** spans zero directories
    [['src/**/*.py'], 'src/x/y/a.py', true],
    [['**/settings.py'], 'settings.py', true],
    [['**/settings.py'], 'proj/settings.py', true],
    [['a/**'], 'a/b/c', true],
    [['a/**'], 'a', false],
    [['docs/'], 'docs/a/b.md', true], // trailing slash: everything under
    [['.github/workflows/*.{yml,yaml}'], '.github/workflows/ci.yaml', true],
    [['.github/workflows/*.{yml,yaml}'], '.github/workflows/ci.json', false],
    [['{src,lib}/**/*.py'], 'lib/x.py', true],
    [['Dockerfile'], 'docker/Dockerfile', true],
    [['Dockerfile'], 'Dockerfile.dev', false],
    [['/Dockerfile'], 'docker/Dockerfile', false], // leading slash: root only
    [['/Dockerfile'], 'Dockerfile', true],
    [['test_?.py'], 'test_a.py', true],
    [['test_?.py'], 'test_ab.py', false],
    [['[ab].txt'], 'b.txt', true],
    [['[!ab].txt'], 'a.txt', false],
    [['[!ab].txt'], 'c.txt', true],
    [['*.env'], '.env', true], // * matches dotfiles, as in gitignore
    [['.*'], 'sub/.gitignore', true],
    [['a.b'], 'axb', false], // a dot is literal
    [['a{b'], 'a{b', true], // unbalanced brace is literal
    [['\\*.py'], '*.py', true],
    [['\\*.py'], 'x.py', false],
    [['requirements*.txt'], 'requirements-dev.txt', true],
    [['**/*.py', '!tests/**'], 'tests/test_x.py', false], // negation takes it back out
    [['**/*.py', '!tests/**'], 'src/x.py', true],
    [['!tests/**', '**/*.py'], 'tests/test_x.py', true], // last match wins
    [[], 'a.py', false],
    [['./src/*.py'], 'src/a.py', true],
  ];
  it.each(rows)('%j matches %s → %s', (patterns, path, expected) => {
    expect(matchGlob(patterns, path)).toBe(expected);
  });
});

describe('expandBraces', () => {
  const rows: [string, string[]][] = [
    ['a', ['a']],
    ['{a,b}', ['a', 'b']],
    ['x{a,b{c,d}}y', ['xay', 'xbcy', 'xbdy']],
    ['{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2']],
  ];
  it.each(rows)('%s', (pattern, expected) => {
    expect(expandBraces(pattern)).toEqual(expected);
  });
});
