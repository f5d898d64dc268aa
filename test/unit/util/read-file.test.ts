import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile } from '../../../src/util/read-file.js';

const root = mkdtempSync(join(tmpdir(), 'vouch-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

writeFileSync(join(root, 'small.txt'), 'héllo\n');
writeFileSync(join(root, 'empty.txt'), '');
writeFileSync(join(root, 'big.txt'), 'x'.repeat(2048));
mkdirSync(join(root, 'dir'));
execFileSync('mkfifo', [join(root, 'fifo')]);
symlinkSync(join(root, 'small.txt'), join(root, 'link.txt'));

describe('readRegularFile', () => {
  const rows: {
    name: string;
    file: string;
    max: number;
    expected: { ok: true; text: string } | { ok: false; reason: RegExp };
  }[] = [
    { name: 'a small file', file: 'small.txt', max: 1024, expected: { ok: true, text: 'héllo\n' } },
    { name: 'an empty file', file: 'empty.txt', max: 1024, expected: { ok: true, text: '' } },
    { name: 'exactly the limit', file: 'big.txt', max: 2048, expected: { ok: true, text: 'x'.repeat(2048) } },
    {
      name: 'one byte over the limit',
      file: 'big.txt',
      max: 2047,
      expected: { ok: false, reason: /^file is 2048 bytes; the limit is 2047 bytes$/ },
    },
    {
      name: 'a FIFO (would block a plain read forever)',
      file: 'fifo',
      max: 1024,
      expected: { ok: false, reason: /^not a regular file$/ },
    },
    { name: 'a directory', file: 'dir', max: 1024, expected: { ok: false, reason: /^not a regular file$/ } },
    {
      name: 'a character device',
      file: '/dev/zero',
      max: 1024,
      expected: { ok: false, reason: /^not a regular file$/ },
    },
    {
      name: 'a missing file',
      file: 'missing',
      max: 1024,
      expected: { ok: false, reason: /^cannot read it \(ENOENT\)$/ },
    },
    {
      name: 'a symlink to a regular file',
      file: 'link.txt',
      max: 1024,
      expected: { ok: true, text: 'héllo\n' },
    },
  ];
  it.each(rows)('$name', ({ file, max, expected }) => {
    const result = readRegularFile(file.startsWith('/') ? file : join(root, file), max);
    if (expected.ok) expect(result).toEqual({ ok: true, text: expected.text });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(expected.reason);
    }
  });
});
