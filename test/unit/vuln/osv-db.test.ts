import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { describeOsvDb, scanOsvDb } from '../../../src/vuln/osv-db.js';
import { osvRecord, writeOsvFolder, writeOsvZip } from '../../fixtures/osv-db.js';

const RECORDS = [
  osvRecord({
    id: 'PYSEC-2099-1',
    package: 'Jinja2',
    modified: '2026-11-29T08:00:00Z',
    ranges: [[{ introduced: '0' }, { fixed: '2.10.1' }]],
  }),
  osvRecord({
    id: 'GHSA-test-0002',
    package: 'flask',
    modified: '2026-11-30T09:30:00Z',
    versions: ['2.2.0'],
  }),
  osvRecord({ id: 'PYSEC-2099-3', package: 'flask', withdrawn: '2026-11-01T00:00:00Z', versions: ['2.2.0'] }),
  osvRecord({
    id: 'GHSA-npm-0004',
    package: 'lodash',
    ecosystem: 'npm',
    modified: '2026-12-01T00:00:00Z',
    versions: ['4.0.0'],
  }),
];

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'vouch-osv-'));
}

async function zipDb(records = RECORDS): Promise<string> {
  const path = join(temp(), 'all.zip');
  await writeOsvZip(path, records);
  return path;
}

function folderDb(records = RECORDS): string {
  const dir = join(temp(), 'osv');
  writeOsvFolder(dir, records);
  return dir;
}

describe.each([
  ['zip', zipDb],
  ['folder', async () => folderDb()],
])('an OSV database as a %s', (kind, make) => {
  it('counts the records, the PyPI ones, the withdrawn ones and the newest date', async () => {
    const db = await scanOsvDb(await make());
    expect({
      kind: db.kind,
      records: db.records,
      pypi: db.pypi,
      withdrawn: db.withdrawn,
      newest: db.newestModified,
    }).toEqual({
      kind,
      records: 4,
      pypi: 3,
      withdrawn: 1,
      newest: '2026-12-01T00:00:00Z',
    });
    expect(db.kept).toEqual([]);
  });

  it('keeps only the records asked for', async () => {
    const db = await scanOsvDb(await make(), (r) => r.affected.some((a) => a.name === 'flask'));
    expect(db.kept.map((r) => r.id).sort()).toEqual(['GHSA-test-0002', 'PYSEC-2099-3']);
  });

  it('is described by osv-db info', async () => {
    const path = await make();
    expect(describeOsvDb(await scanOsvDb(path))).toBe(
      [
        `${path}: OSV database (${kind})`,
        'records: 4 (3 for PyPI packages, 1 withdrawn)',
        'newest modified: 2026-12-01T00:00:00Z',
      ].join('\n'),
    );
  });
});

async function problem(path: string): Promise<string> {
  try {
    await scanOsvDb(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('a damaged or foreign database is a one-line error naming it', () => {
  const rows: { name: string; make: () => Promise<string> | string; message: RegExp }[] = [
    {
      name: 'a missing path',
      make: () => join(temp(), 'nope.zip'),
      message: /nope\.zip: no such OSV database/,
    },
    {
      name: 'a file that is not a zip',
      make: () => {
        const p = join(temp(), 'all.zip');
        writeFileSync(p, 'this is not a zip file at all, just text');
        return p;
      },
      message: /all\.zip: not a readable zip file \(.+\); not an OSV database/,
    },
    {
      name: 'a zip cut short',
      make: async () => {
        const p = await zipDb();
        const { readFileSync } = await import('node:fs');
        const bytes = readFileSync(p);
        writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
        return p;
      },
      message: /all\.zip: not a readable zip file/,
    },
    {
      name: 'a zip entry that is not JSON',
      make: async () => {
        const p = join(temp(), 'all.zip');
        const yazl = (await import('yazl')).default;
        const zip = new yazl.ZipFile();
        zip.addBuffer(Buffer.from('{"id": "X", "affected": ['), 'X.json');
        zip.end();
        const { createWriteStream } = await import('node:fs');
        await new Promise<void>((done) =>
          zip.outputStream.pipe(createWriteStream(p)).on('close', () => done()),
        );
        return p;
      },
      message: /all\.zip: entry X\.json is not JSON; not an OSV database/,
    },
    {
      name: 'a folder record without an id',
      make: () => {
        const d = join(temp(), 'db');
        mkdirSync(d);
        writeFileSync(join(d, 'a.json'), '{"affected": []}');
        return d;
      },
      message: /db: entry a\.json is not an OSV record \(no "id"\)/,
    },
    {
      name: 'an empty folder',
      make: () => {
        const d = join(temp(), 'empty');
        mkdirSync(d);
        return d;
      },
      message: /empty: no OSV records in this folder/,
    },
  ];
  it.each(rows)('$name', async ({ make, message }) => {
    const text = await problem(await make());
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
