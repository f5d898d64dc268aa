import { openSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WindowReader } from '../../../src/vuln/window-reader.js';

const MIB = 1024 * 1024;
// 9 MiB where every byte says where it is (mod 251): any misplaced slice shows.
const SIZE = 9 * MIB;
const bytes = Buffer.alloc(SIZE, 0);
for (let i = 0; i < SIZE; i++) bytes[i] = i % 251;
const file = join(mkdtempSync(join(tmpdir(), 'vouch-window-')), 'data.bin');
writeFileSync(file, bytes);

describe('WindowReader', () => {
  // Read in this order by one reader: windows are reused, replaced and read past their ends.
  const rows: [what: string, start: number, end: number][] = [
    ['the end of the file (the central directory is read first)', SIZE - 22, SIZE],
    ['the start (an entry)', 0, 30],
    ['the next entry, inside the same window', 30, 4096],
    ['back at the end: the other window', SIZE - 5000, SIZE - 22],
    ['across the first window edge', 4 * MIB - 10, 4 * MIB + 10],
    ['a range larger than a window', MIB, 6 * MIB],
    ['nothing', 100, 100],
  ];
  const reader = new WindowReader(openSync(file, 'r'), SIZE);
  it.each(rows)('%s', (_what, start, end) => {
    expect(reader.slice(start, end).equals(bytes.subarray(start, end))).toBe(true);
  });

  it('read() fills the buffer, and reports a range past the end', async () => {
    const out = Buffer.alloc(16);
    await new Promise<void>((done, fail) => reader.read(out, 0, 16, 1000, (e) => (e ? fail(e) : done())));
    expect(out.equals(bytes.subarray(1000, 1016))).toBe(true);
    const error = await new Promise<Error | null>((done) =>
      reader.read(Buffer.alloc(16), 0, 16, SIZE - 8, done),
    );
    expect(error?.message).toBe('unexpected end of file');
  });
});
