import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import type { Statement } from '../../../src/signoff/record.js';
import { buildStatement, canonicalJson } from '../../../src/signoff/record.js';
import {
  SIGNOFF_DIR,
  readSignoff,
  signoffInfoFor,
  validateRelease,
  writeSignoff,
} from '../../../src/signoff/store.js';
import { verifySignature } from '../../../src/signoff/ssh.js';
import { cleanup, keypair, makeAudit, makeItem, tempDir } from './helpers.js';

afterAll(cleanup);

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

function statement(release: string, time = '2026-11-28T12:00:00.000Z', commit = COMMIT): Statement {
  return buildStatement(makeAudit([makeItem('a', 'pass'), makeItem('b', 'na')], { commit }), {
    release,
    signer: 'Ann Example <ann@example.org>',
    time,
    toolVersion: '0.1.0',
    repoName: 'demo',
    commit,
    branch: 'main',
    allowDirty: false,
    dirty: false,
  });
}

describe('validateRelease', () => {
  it.each(['1.4.0', 'v2.0.0-rc.1', '2026.11', '1.0.0+build.5', 'release_7'])('accepts %s', (name) => {
    expect(validateRelease(name)).toBe(name);
  });
  it.each(['', '../x', 'a/b', 'a\\b', '..', '.hidden', '-rf', '1..2', 'v 1', 'x'.repeat(101), '1.0\n'])(
    'rejects %j',
    (name) => {
      expect(() => validateRelease(name)).toThrow(UsageError);
    },
  );
  it('guards writing and reading too', async () => {
    const root = tempDir();
    await expect(writeSignoff(root, statement('../escape'))).rejects.toThrow(
      /invalid release name "..\/escape"/,
    );
    expect(() => readSignoff(root, '../escape')).toThrow(UsageError);
    expect(existsSync(join(root, '.vouch', 'escape.json'))).toBe(false);
  });
});

describe('writeSignoff / readSignoff', () => {
  it('writes canonical JSON and a Markdown page, and reads the statement back', async () => {
    const root = tempDir();
    const s = statement('1.4.0');
    const written = await writeSignoff(root, s);
    expect(written).toEqual({
      json: join(root, SIGNOFF_DIR, '1.4.0.json'),
      md: join(root, SIGNOFF_DIR, '1.4.0.md'),
    });
    expect(readFileSync(written.json, 'utf8')).toBe(canonicalJson(s));
    expect(readFileSync(written.md, 'utf8')).toContain('# Security sign-off: demo 1.4.0');
    expect(readSignoff(root, '1.4.0')).toEqual({
      state: 'found',
      release: '1.4.0',
      statement: s,
      file: written.json,
      sigFile: undefined,
    });
  });

  it('signs with an SSH key: the .sig verifies against the exact file', async () => {
    const root = tempDir();
    const ann = keypair(tempDir(), 'ann', 'ann@example.org');
    const written = await writeSignoff(root, statement('1.4.0'), { sign: { keyPath: ann.key } });
    expect(written.sig).toBe(join(root, SIGNOFF_DIR, '1.4.0.json.sig'));
    const read = readSignoff(root, '1.4.0');
    expect(read.state === 'found' && read.sigFile).toBe(written.sig);
    const check = await verifySignature({
      file: written.json,
      sigFile: written.sig!,
      identity: 'ann@example.org',
    });
    expect(check.ok).toBe(true);
  });

  it('a key that cannot sign leaves nothing behind', async () => {
    const root = tempDir();
    const locked = keypair(tempDir(), 'locked', 'lee@example.org', 'pass phrase');
    await expect(writeSignoff(root, statement('1.4.0'), { sign: { keyPath: locked.key } })).rejects.toThrow(
      /passphrase/,
    );
    expect(existsSync(join(root, SIGNOFF_DIR, '1.4.0.json'))).toBe(false);
  });

  it('an unsigned rewrite removes the old signature, which no longer matches', async () => {
    const root = tempDir();
    const ann = keypair(tempDir(), 'ann', 'ann@example.org');
    await writeSignoff(root, statement('1.4.0'), { sign: { keyPath: ann.key } });
    await writeSignoff(root, statement('1.4.0', '2026-11-29T00:00:00.000Z'));
    expect(existsSync(join(root, SIGNOFF_DIR, '1.4.0.json.sig'))).toBe(false);
  });

  it('without a release, reads the newest by recorded time (not by name)', async () => {
    const root = tempDir();
    await writeSignoff(root, statement('1.10.0', '2026-11-01T00:00:00.000Z'));
    await writeSignoff(root, statement('1.9.0', '2026-11-20T00:00:00.000Z'));
    await writeSignoff(root, statement('1.2.0', '2026-10-01T00:00:00.000Z'));
    const read = readSignoff(root);
    expect(read.state === 'found' && read.release).toBe('1.9.0');
  });

  const bad: { name: string; content: string; reason: RegExp }[] = [
    { name: 'not JSON', content: '{ nope', reason: /not valid JSON/ },
    {
      name: 'another in-toto statement',
      content: JSON.stringify({ ...statement('1.4.0'), predicateType: 'https://slsa.dev/provenance/v1' }),
      reason: /predicateType/,
    },
    { name: 'a renamed record', content: canonicalJson(statement('1.3.0')), reason: /records release 1.3.0/ },
  ];
  it.each(bad)('bad content is a state, not a throw: $name', ({ content, reason }) => {
    const root = tempDir();
    mkdirSync(join(root, SIGNOFF_DIR), { recursive: true });
    writeFileSync(join(root, SIGNOFF_DIR, '1.4.0.json'), content);
    const read = readSignoff(root, '1.4.0');
    expect(read.state).toBe('invalid');
    if (read.state === 'invalid') expect(read.reason).toMatch(reason);
    // Without a release, a damaged record is still reported rather than "no sign-off".
    expect(readSignoff(root).state).toBe('invalid');
  });

  it('missing, by release or at all', async () => {
    const root = tempDir();
    expect(readSignoff(root)).toEqual({ state: 'missing' });
    expect(readSignoff(root, '1.4.0')).toEqual({ state: 'missing', release: '1.4.0' });
  });
});

describe('signoffInfoFor', () => {
  it('gives the newest sign-off of that commit for the report, or nothing', async () => {
    const root = tempDir();
    const ann = keypair(tempDir(), 'ann', 'ann@example.org');
    await writeSignoff(root, statement('1.4.0-rc.1', '2026-11-01T00:00:00.000Z'));
    await writeSignoff(root, statement('1.4.0', '2026-11-02T00:00:00.000Z'), { sign: { keyPath: ann.key } });
    await writeSignoff(root, statement('2.0.0', '2026-12-01T00:00:00.000Z', OTHER));
    expect(signoffInfoFor(root, COMMIT)).toEqual({
      release: '1.4.0',
      signer: 'Ann Example <ann@example.org>',
      time: '2026-11-02T00:00:00.000Z',
      commit: COMMIT,
      signed: true,
      file: '.vouch/signoffs/1.4.0.json',
    });
    expect(signoffInfoFor(root, OTHER)?.signed).toBe(false);
    expect(signoffInfoFor(root, 'f'.repeat(40))).toBeUndefined();
    expect(signoffInfoFor(tempDir(), COMMIT)).toBeUndefined();
  });
});

describe('records are never read or written through a link or a special file', () => {
  it('refuses to write when .vouch/signoffs leads out of the repository', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, '.vouch'));
    symlinkSync(outside, join(root, SIGNOFF_DIR));
    await expect(writeSignoff(root, statement('1.0.0'))).rejects.toThrow(
      /\.vouch\/signoffs is a symbolic link/,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  const unreadable: { name: string; setup: (file: string, outside: string) => void; reason: RegExp }[] = [
    {
      name: 'a record that is a symlink',
      setup: (file, outside) => {
        writeFileSync(join(outside, 'r.json'), canonicalJson(statement('1.0.0')));
        symlinkSync(join(outside, 'r.json'), file);
      },
      reason: /symbolic link/,
    },
    {
      name: 'a record that is a FIFO',
      setup: (file) => execFileSync('mkfifo', [file]),
      reason: /not a regular file/,
    },
  ];
  it.each(unreadable)('$name is invalid, at once', ({ setup, reason }) => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, SIGNOFF_DIR), { recursive: true });
    setup(join(root, SIGNOFF_DIR, '1.0.0.json'), outside);
    const read = readSignoff(root, '1.0.0');
    expect(read.state).toBe('invalid');
    if (read.state === 'invalid') expect(read.reason).toMatch(reason);
    expect(readSignoff(root).state).toBe('invalid');
  });
});
