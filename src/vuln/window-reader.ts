/**
 * A read-ahead source for yauzl: an OSV export is tens of thousands of small entries, and
 * yauzl's own file reader makes two asynchronous reads per entry (its local header, then its
 * data), which leaves the process waiting on the thread pool most of the time. This reader
 * serves yauzl's ranges from a few large windows read synchronously, one for where the central
 * directory is being walked and one for where the entries' data is: memory stays at those windows.
 */
import { closeSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';

const WINDOW_BYTES = 4 * 1024 * 1024;
const WINDOWS = 2;

interface Window {
  start: number;
  bytes: Buffer;
}

export class WindowReader extends yauzl.RandomAccessReader {
  private windows: Window[] = [];

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    super();
  }

  /** The bytes of [start, end), from a window that holds them (read anew when none does). */
  slice(start: number, end: number): Buffer {
    const hit = this.windows.find((w) => start >= w.start && end <= w.start + w.bytes.length);
    if (hit !== undefined) {
      // Most recently used last: the other window is the one to replace.
      this.windows = [...this.windows.filter((w) => w !== hit), hit];
      return hit.bytes.subarray(start - hit.start, end - hit.start);
    }
    const length = Math.min(Math.max(WINDOW_BYTES, end - start), this.size - start);
    const bytes = Buffer.allocUnsafe(Math.max(0, length));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(this.fd, bytes, read, bytes.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    const window = { start, bytes: bytes.subarray(0, read) };
    this.windows = [...this.windows.slice(-(WINDOWS - 1)), window];
    return window.bytes.subarray(0, Math.min(end - start, read));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const stream = new PassThrough();
    try {
      stream.end(Buffer.from(this.slice(start, end)));
    } catch (error) {
      process.nextTick(() => stream.destroy(error as Error));
    }
    return stream;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    let error: Error | null = null;
    try {
      const bytes = this.slice(position, position + length);
      if (bytes.length < length) error = new Error('unexpected end of file');
      else bytes.copy(buffer, offset);
    } catch (e) {
      error = e as Error;
    }
    process.nextTick(() => callback(error));
  }

  override close(callback: (err: Error | null) => void): void {
    let error: Error | null = null;
    try {
      closeSync(this.fd);
    } catch (e) {
      error = e as Error;
    }
    this.windows = [];
    process.nextTick(() => callback(error));
  }
}
