/**
 * Reading a file the audited repository controls. Its name may be a FIFO (reading blocks
 * forever), a device or a directory, or it may be huge: only a regular file up to a size limit is
 * read, and opening never waits for a writer.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type ReadResult =
  { ok: true; text: string } | { ok: false; reason: string; code?: string | undefined };

const MIB = 1024 * 1024;

/** `10.0 MiB` for a size, `2 MiB` for a round limit, bytes below a MiB. */
function mib(bytes: number, exact = false): string {
  if (bytes < MIB) return `${bytes} bytes`;
  const value = bytes / MIB;
  return `${exact && Number.isInteger(value) ? String(value) : value.toFixed(1)} MiB`;
}

/** Reads `file` as UTF-8 when it is a regular file of at most `maxBytes`; never blocks on a FIFO. */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot read it (${code ?? String(error)})`, code };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file', code: 'ENOTREG' };
    if (info.size > maxBytes) {
      return {
        ok: false,
        reason: `file is ${mib(info.size)}; the limit is ${mib(maxBytes, true)}`,
        code: 'EFBIG',
      };
    }
    // One byte more than allowed tells a file that grew since fstat.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size + 1, 1)));
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes)
          return { ok: false, reason: `file is larger than ${mib(maxBytes, true)}`, code: 'EFBIG' };
        break;
      }
    }
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot read it (${code ?? String(error)})`, code };
  } finally {
    closeSync(fd);
  }
}
