/**
 * Reads an offline OSV database: the `all.zip` osv.dev publishes per ecosystem (one JSON record
 * per entry), or a folder of those records. The zip is streamed entry by entry from its central
 * directory (yauzl, never extracted); only the records `keep` asks for stay in memory, so a
 * database of any size costs the memory of one record plus what is kept.
 */
import { fstatSync, openSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { UsageError } from '../errors.js';
import { readRegularFile } from '../util/read-file.js';
import { readOsvRecord } from './osv-record.js';
import { WindowReader } from './window-reader.js';
import type { OsvRecord } from './types.js';

/** One record is a few KiB; anything past this is not an OSV record (or a zip bomb). */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface OsvDbSummary {
  path: string;
  kind: 'zip' | 'folder';
  records: number;
  /** Records with at least one PyPI entry. */
  pypi: number;
  withdrawn: number;
  /** The newest `modified` date among the records (ISO 8601 as written). */
  newestModified?: string | undefined;
  /** The records `keep` selected. */
  kept: OsvRecord[];
}

function damaged(path: string, what: string): UsageError {
  return new UsageError(`${path}: ${what}; not an OSV database (download it again, see README)`);
}

/** Parses one entry's bytes; a record that is not JSON means the database is damaged. */
function parseEntry(path: string, name: string, text: string): OsvRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(path, `entry ${name} is not JSON`);
  }
  const record = readOsvRecord(json);
  if (typeof record === 'string') throw damaged(path, `entry ${name} is not an OSV record (${record})`);
  return record;
}

/** Deflate (method 8) only: what zip and osv.dev write; anything else is a zip vouch cannot read. */
function inflate(path: string, name: string, raw: Buffer): Buffer {
  try {
    return inflateRawSync(raw, { maxOutputLength: MAX_RECORD_BYTES });
  } catch (error) {
    throw damaged(path, `entry ${name} does not inflate (${(error as Error).message})`);
  }
}

class Tally {
  records = 0;
  pypi = 0;
  withdrawn = 0;
  newest: string | undefined;
  readonly kept: OsvRecord[] = [];
  constructor(private readonly keep: (r: OsvRecord) => boolean) {}
  add(record: OsvRecord): void {
    this.records++;
    if (record.affected.length > 0) this.pypi++;
    if (record.withdrawn !== undefined) this.withdrawn++;
    // ISO 8601 in UTC ("Z") sorts as text.
    if (record.modified !== undefined && (this.newest === undefined || record.modified > this.newest))
      this.newest = record.modified;
    if (this.keep(record)) this.kept.push(record);
  }
}

function readZip(path: string, tally: Tally): Promise<void> {
  return new Promise((resolve, reject) => {
    let fd: number;
    let size: number;
    try {
      fd = openSync(path, 'r');
      size = fstatSync(fd).size;
    } catch (error) {
      reject(damaged(path, `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`));
      return;
    }
    const reader = new WindowReader(fd, size);
    const options = { lazyEntries: true, autoClose: true, validateEntrySizes: true };
    yauzl.fromRandomAccessReader(reader, size, options, (openError, zip) => {
      if (openError !== null) {
        reader.close(() => undefined);
        reject(damaged(path, `not a readable zip file (${openError.message})`));
        return;
      }
      let failed = false;
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(error instanceof UsageError ? error : damaged(path, `damaged zip (${error.message})`));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (!failed) resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/') || !name.toLowerCase().endsWith('.json')) {
          zip.readEntry();
          return;
        }
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          fail(
            damaged(
              path,
              `entry ${name} uses compression method ${entry.compressionMethod} (only deflate is read)`,
            ),
          );
          return;
        }
        if (entry.isEncrypted()) {
          fail(damaged(path, `entry ${name} is encrypted`));
          return;
        }
        if (entry.uncompressedSize > MAX_RECORD_BYTES) {
          fail(
            damaged(path, `entry ${name} is ${entry.uncompressedSize} bytes, too large for an OSV record`),
          );
          return;
        }
        // Records are small: the raw bytes are read, then inflated in one call (a stream per
        // entry costs more than the inflating), bounded by the size limit.
        zip.openReadStream(entry, { decompress: false }, (streamError, stream) => {
          if (streamError !== null) {
            fail(streamError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            try {
              const raw = Buffer.concat(chunks);
              const bytes = entry.compressionMethod === 0 ? raw : inflate(path, name, raw);
              if (bytes.length !== entry.uncompressedSize)
                throw damaged(
                  path,
                  `entry ${name} has ${bytes.length} bytes, its header says ${entry.uncompressedSize}`,
                );
              tally.add(parseEntry(path, name, bytes.toString('utf8')));
            } catch (error) {
              fail(error as Error);
              return;
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function readFolder(path: string, tally: Tally): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        const read = readRegularFile(full, MAX_RECORD_BYTES);
        const name = relative(path, full);
        if (!read.ok) throw damaged(path, `${name}: ${read.reason}`);
        tally.add(parseEntry(path, name, read.text));
      }
    }
  };
  walk(path);
}

/**
 * Reads every record of the database at `path` (a zip or a folder), counting them and keeping
 * those `keep` selects. A path that is neither, a damaged zip, or a record that is not OSV JSON
 * is a UsageError naming the path.
 */
export async function scanOsvDb(
  path: string,
  keep: (record: OsvRecord) => boolean = () => false,
): Promise<OsvDbSummary> {
  let kind: 'zip' | 'folder';
  try {
    const info = statSync(path);
    if (info.isDirectory()) kind = 'folder';
    else if (info.isFile()) kind = 'zip';
    else throw damaged(path, 'not a regular file or a folder');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: no such OSV database (a zip of OSV records or a folder of them)`);
  }
  const tally = new Tally(keep);
  if (kind === 'zip') await readZip(path, tally);
  else readFolder(path, tally);
  if (tally.records === 0) throw damaged(path, `no OSV records in this ${kind}`);
  return {
    path,
    kind,
    records: tally.records,
    pypi: tally.pypi,
    withdrawn: tally.withdrawn,
    newestModified: tally.newest,
    kept: tally.kept,
  };
}

/** `vouch osv-db info`: what the database holds, in a few lines. */
export function describeOsvDb(db: OsvDbSummary): string {
  const date = db.newestModified ?? 'unknown (no record has a "modified" date)';
  return [
    `${db.path}: OSV database (${db.kind})`,
    `records: ${db.records} (${db.pypi} for PyPI packages, ${db.withdrawn} withdrawn)`,
    `newest modified: ${date}`,
  ].join('\n');
}
