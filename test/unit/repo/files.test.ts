import { execFileSync } from 'node:child_process';
import { symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, findWorkTree, listFiles } from '../../../src/repo/files.js';
import type { FileListing } from '../../../src/repo/files.js';
import { cleanup, gitRepo, tempDir, writeTree } from './fixture.js';

const made: string[] = [];
afterAll(() => cleanup(...made));

const paths = (listing: FileListing) => listing.files.map((f) => f.path);
const skippedAs = (listing: FileListing, reason: string) =>
  listing.skipped.filter((s) => s.reason === reason).map((s) => s.path);

describe('listFiles in a git work tree', () => {
  const outside = tempDir();
  writeTree(outside, { 'secret.py': 'KEY = "x"\n' });
  const root = gitRepo(
    {
      '.gitignore': '*.log\nignored-dir/\n',
      'app.py': 'print("hi")\n',
      'pkg/__init__.py': '',
      'pkg/mod.py': 'x = 1\n',
      'gone.py': 'deleted after commit\n',
      'tests/test_app.py': 'def test(): pass\n',
      'README.md': '# hi\n',
    },
    ['.gitignore', 'app.py', 'pkg/__init__.py', 'pkg/mod.py', 'gone.py', 'tests/test_app.py', 'README.md'],
  );
  made.push(outside, root);
  unlinkSync(join(root, 'gone.py')); // tracked but deleted on disk
  writeTree(root, {
    'new_untracked.py': 'y = 2\n',
    'debug.log': 'ignored by *.log\n',
    'ignored-dir/a.py': 'ignored\n',
    'node_modules/left-pad/index.js': 'module.exports = 1\n',
    '.venv/lib/python3.11/site-packages/x.py': 'vendored\n',
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/thing.py': 'a virtualenv by its marker\n',
    'pkg/__pycache__/mod.cpython-311.pyc': 'compiled\n',
    'big.txt': 'a'.repeat(3 * 1024 * 1024),
    'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
    'legacy.py': Buffer.from('name = "caf\xe9"\n', 'latin1'),
    'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('z = "\u00e9"\n', 'utf8')]),
    '.vouch/answers.yaml': 'answers: {}\n',
    '.vouch/cache/bandit.json': '{}\n',
    'generated/out.py': 'excluded\n',
    'notes.txt': 'excluded by pattern\n',
  });
  symlinkSync(join(outside, 'secret.py'), join(root, 'outside-link.py'));
  symlinkSync('app.py', join(root, 'inside-link.py'));
  symlinkSync('pkg', join(root, 'pkg-link'));
  symlinkSync('.', join(root, 'self-link'));

  let listing: FileListing;
  it('lists once', async () => {
    listing = await listFiles(root, { exclude: ['generated/', '*.txt', '!big.txt'] });
    expect(listing.files.length).toBeGreaterThan(0);
  });

  const rows: [what: string, check: () => void][] = [
    [
      'tracked and untracked-not-ignored files are listed',
      () =>
        expect(paths(listing)).toEqual(
          expect.arrayContaining(['app.py', 'pkg/mod.py', 'new_untracked.py', '.gitignore']),
        ),
    ],
    [
      'ignored files are not listed nor skipped',
      () => {
        expect(paths(listing)).not.toContain('debug.log');
        expect(paths(listing).some((p) => p.startsWith('ignored-dir'))).toBe(false);
        expect(listing.skipped.some((s) => s.path.includes('ignored-dir') || s.path === 'debug.log')).toBe(
          false,
        );
      },
    ],
    [
      'a tracked file deleted on disk is dropped silently',
      () => {
        expect(paths(listing)).not.toContain('gone.py');
        expect(listing.skipped.map((s) => s.path)).not.toContain('gone.py');
      },
    ],
    [
      'a symlink pointing outside the root is skipped',
      () => expect(skippedAs(listing, 'symlink-outside')).toEqual(['outside-link.py']),
    ],
    [
      'a symlink to a file inside is read',
      () => expect(listing.text.get('inside-link.py')).toBe('print("hi")\n'),
    ],
    [
      'a symlink to a directory (even the root itself) is not walked, nor reported',
      () => {
        expect(paths(listing).some((p) => p.startsWith('pkg-link') || p.startsWith('self-link'))).toBe(false);
        expect(listing.skipped.some((s) => s.path.endsWith('-link'))).toBe(false);
      },
    ],
    [
      'vendored trees are skipped, one entry per tree',
      () =>
        expect(skippedAs(listing, 'vendored')).toEqual(['.venv', 'env', 'node_modules', 'pkg/__pycache__']),
    ],
    ['a 3 MB file is too large', () => expect(skippedAs(listing, 'too-large')).toEqual(['big.txt'])],
    ['a binary file is skipped', () => expect(skippedAs(listing, 'binary')).toEqual(['image.png'])],
    [
      'exclude patterns skip a directory once and single files',
      () => expect(skippedAs(listing, 'excluded')).toEqual(['generated', 'notes.txt']),
    ],
    ['a latin-1 file is decoded', () => expect(listing.text.get('legacy.py')).toBe('name = "café"\n')],
    ['a UTF-8 BOM is stripped', () => expect(listing.text.get('bom.py')).toBe('z = "é"\n')],
    [
      '.vouch is skipped silently',
      () => {
        expect(paths(listing).some((p) => p.startsWith('.vouch'))).toBe(false);
        expect(listing.skipped.some((s) => s.path.startsWith('.vouch'))).toBe(false);
      },
    ],
    [
      'every listed file has its text, size and context',
      () => {
        expect([...listing.text.keys()].sort()).toEqual(paths(listing));
        expect(listing.files.find((f) => f.path === 'tests/test_app.py')).toEqual({
          path: 'tests/test_app.py',
          size: 17,
          context: 'test',
        });
        expect(listing.files.find((f) => f.path === 'README.md')?.context).toBe('docs');
      },
    ],
    ['files come sorted', () => expect(paths(listing)).toEqual([...paths(listing)].sort())],
  ];
  it.each(rows)('%s', (_what, check) => check());

  it('lists relative to a subfolder root, and only its files', async () => {
    const repo = gitRepo({
      'examples/app/app.py': 'a\n',
      'examples/app/tests/test_a.py': 't\n',
      'other.py': 'o\n',
    });
    made.push(repo);
    writeTree(repo, { 'examples/app/untracked.py': 'u\n' });
    const sub = await listFiles(join(repo, 'examples/app'));
    expect(paths(sub)).toEqual(['app.py', 'tests/test_a.py', 'untracked.py']);
    expect(sub.files[0]?.context).toBe('code'); // the audited root's own files are code
  });

  it('reads many files with bounded concurrency', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`m/f${String(i).padStart(3, '0')}.py`] = `v = ${i}\n`;
    const repo = gitRepo(files);
    made.push(repo);
    const many = await listFiles(repo);
    expect(many.files).toHaveLength(300);
    expect(many.text.get('m/f299.py')).toBe('v = 299\n');
  });

  it('honours maxFileSize', async () => {
    const repo = gitRepo({ 'a.py': 'x'.repeat(100), 'b.py': 'x'.repeat(10) });
    made.push(repo);
    const small = await listFiles(repo, { maxFileSize: 50 });
    expect(paths(small)).toEqual(['b.py']);
    expect(small.skipped).toEqual([{ path: 'a.py', reason: 'too-large' }]);
  });

  it('walks a folder that the enclosing repository ignores', async () => {
    const repo = gitRepo({ '.gitignore': 'scratch/\n', 'top.py': '' });
    made.push(repo);
    writeTree(repo, {
      'scratch/proj/app.py': 'a\n',
      'scratch/proj/.gitignore': 'out/\n',
      'scratch/proj/out/x.py': '',
    });
    expect(await findWorkTree(join(repo, 'scratch/proj'))).toBeUndefined();
    expect(paths(await listFiles(join(repo, 'scratch/proj')))).toEqual(['.gitignore', 'app.py']);
  });
});

describe('listFiles outside git', () => {
  const outside = tempDir();
  const root = tempDir();
  made.push(outside, root);
  writeTree(outside, { 'x.py': '' });
  writeTree(root, {
    '.gitignore': '*.log\nbuild/\n!keep.log\n',
    'app.py': 'a\n',
    'keep.log': 'negated\n',
    'drop.log': 'ignored\n',
    'build/out.py': 'ignored dir\n',
    'sub/.gitignore': 'local.py\n',
    'sub/local.py': 'ignored by the nested .gitignore\n',
    'sub/kept.py': 'k\n',
    'other/local.py': 'the nested rule does not reach here\n',
    '.git/config': 'a stray .git folder is never entered\n',
    'node_modules/x/i.js': '',
    '.vouch/answers.yaml': '',
  });
  symlinkSync(join(outside, 'x.py'), join(root, 'link.py'));

  it('walks the tree honouring .gitignore at every level', async () => {
    expect(await findWorkTree(root)).toBeUndefined();
    const listing = await listFiles(root);
    expect(paths(listing)).toEqual([
      '.gitignore',
      'app.py',
      'keep.log',
      'other/local.py',
      'sub/.gitignore',
      'sub/kept.py',
    ]);
    expect(listing.skipped).toEqual([
      { path: 'link.py', reason: 'symlink-outside' },
      { path: 'node_modules', reason: 'vendored' },
    ]);
  });

  it('walks when git is not installed', async () => {
    const repo = gitRepo({ '.gitignore': 'secret.txt\n', 'a.py': '' });
    made.push(repo);
    writeTree(repo, { 'secret.txt': 's' });
    const emptyBin = tempDir();
    made.push(emptyBin);
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin; // simulate a machine without git
    try {
      const listing = await listFiles(repo);
      expect(paths(listing)).toEqual(['.gitignore', 'a.py']);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('drops fifos (never opened, so never blocks) and symlinks to them', async () => {
    const dir = tempDir();
    made.push(dir);
    writeTree(dir, { 'a.py': '' });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync('pipe', join(dir, 'pipe-link'));
    expect(paths(await listFiles(dir))).toEqual(['a.py']);
  });
});

describe('decodeText', () => {
  const rows: [what: string, bytes: Buffer, expected: string | undefined][] = [
    ['utf-8', Buffer.from('é\n', 'utf8'), 'é\n'],
    ['utf-8 with BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'a'],
    ['latin-1 fallback', Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'café'],
    ['NUL byte means binary', Buffer.from([0x61, 0x00, 0x62]), undefined],
    [
      'NUL after 8 KiB is still text',
      Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]),
      `${'a'.repeat(9000)}\0`,
    ],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]), 'hi'],
    ['empty', Buffer.alloc(0), ''],
  ];
  it.each(rows)('%s', (_what, bytes, expected) => {
    expect(decodeText(bytes)).toBe(expected);
  });
});
