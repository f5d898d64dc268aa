import { describe, expect, it } from 'vitest';
import { readSetupCfg } from '../../../../src/repo/manifests/setup-cfg.js';
import { readSetupPy } from '../../../../src/repo/manifests/setup-py.js';
import { bounded } from '../../property/arbitraries.js';

type Row = [
  what: string,
  text: string,
  deps: [name: string, specifier: string, group: string, line: number][],
  errors: string[],
];
const view = (m: { dependencies: { name: string; specifier: string; group: string; line: number }[] }) =>
  m.dependencies.map((d) => [d.name, d.specifier, d.group, d.line]);

describe('readSetupCfg', () => {
  const rows: Row[] = [
    [
      'multi-line install_requires with a marker and comments',
      `[metadata]
name = app

[options]
packages = find:
install_requires =
    flask>=2.0
    # a comment line
    pywin32==306; sys_platform == "win32"
    requests  # inline note
python_requires = >=3.9
`,
      [
        ['flask', '>=2.0', 'main', 7],
        ['pywin32', '==306', 'main', 9],
        ['requests', '', 'main', 10],
      ],
      [],
    ],
    [
      'one-line value split on semicolons',
      '[options]\ninstall_requires = click==8.1.7; rich\n',
      [
        ['click', '==8.1.7', 'main', 2],
        ['rich', '', 'main', 2],
      ],
      [],
    ],
    [
      'extras_require sections',
      `[options.extras_require]
dev =
    pytest==8.0
Docs = sphinx
`,
      [
        ['pytest', '==8.0', 'dev', 3],
        ['sphinx', '', 'docs', 4],
      ],
      [],
    ],
    [
      'an unparsable entry',
      '[options]\ninstall_requires =\n    ok==1\n    ???\n',
      [['ok', '==1', 'main', 3]],
      ['setup.cfg:4: cannot parse requirement "???"'],
    ],
  ];
  it.each(rows)('%s', (_what, text, deps, errors) => {
    const manifest = readSetupCfg('setup.cfg', text);
    expect(manifest?.kind).toBe('setup.cfg');
    expect(view(manifest!)).toEqual(deps);
    expect(manifest!.errors).toEqual(errors);
  });

  it('gives no manifest for a setup.cfg of tool settings', () => {
    expect(readSetupCfg('setup.cfg', '[flake8]\nmax-line-length = 100\n')).toBeUndefined();
  });
});

describe('readSetupPy (never executed)', () => {
  const rows: Row[] = [
    [
      'a literal list, brackets inside strings, extras_require',
      `from setuptools import setup

setup(
    name="app",
    install_requires=[
        "requests[socks]>=2.31",  # a comment with ] in it
        'flask==2.3.2',
    ],
    extras_require={
        "dev": ["pytest"],
        'docs': ("sphinx==7.0",),
    },
)
`,
      [
        ['requests', '>=2.31', 'main', 6],
        ['flask', '==2.3.2', 'main', 7],
        ['pytest', '', 'dev', 10],
        ['sphinx', '==7.0', 'docs', 11],
      ],
      [],
    ],
    [
      'a computed value is reported, not evaluated',
      'reqs = open("requirements.txt").read().splitlines()\nsetup(install_requires=reqs)\n',
      [],
      ['setup.py:2: install_requires is not a literal list; not evaluated'],
    ],
    [
      'a partly computed list keeps its literals',
      'setup(install_requires=["six==1.16"] + EXTRA, tests_require=[])\nsetup(install_requires=["a", *more])\n',
      [
        ['six', '==1.16', 'main', 1],
        ['a', '', 'main', 2],
      ],
      ['setup.py:2: install_requires is partly computed; only its literals were read'],
    ],
    ['no install_requires at all', 'from setuptools import setup\nsetup()\n', [], []],
  ];
  it.each(rows)('%s', (_what, text, deps, errors) => {
    const manifest = readSetupPy('setup.py', text);
    expect(manifest.kind).toBe('setup.py');
    expect(view(manifest)).toEqual(deps);
    expect(manifest.errors).toEqual(errors);
  });
});

/** Inputs that made the readers work for minutes (found by test/unit/property): now linear. */
describe('setup.cfg and setup.py files the readers once hung on', () => {
  const MIB = 2 ** 20;
  const cfg: [what: string, content: string, errors: number][] = [
    ['a key line of spaces without "="', `[options]\nflask ${'\r'.repeat(MIB)}x\ninstall_requires = a\n`, 0],
    ['a requirement with a run of tabs', `[options]\ninstall_requires = a${'\t'.repeat(MIB)}b\n`, 1],
  ];
  it.each(cfg)('setup.cfg: %s', (_what, content, errors) => {
    expect(bounded(() => readSetupCfg('setup.cfg', content))?.errors).toHaveLength(errors);
  });

  const py: [what: string, content: string][] = [
    ['install_requires=[ repeated, never closed', 'install_requires=['.repeat(MIB / 18)],
    [
      'extras_require with thousands of unclosed lists, repeated',
      `extras_require={${"'a':[".repeat(1700)}`.repeat(256),
    ],
  ];
  it.each(py)('setup.py: %s', (_what, content) => {
    expect(bounded(() => readSetupPy('setup.py', content)).dependencies).toEqual([]);
  });
});
