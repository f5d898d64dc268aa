import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { signFile, verifySignature } from '../../../src/signoff/ssh.js';
import { cleanup, keypair, tempDir } from './helpers.js';

let dir: string;
let ann: { key: string; allowedLine: string };
let bob: { key: string; allowedLine: string };
let locked: { key: string; allowedLine: string };
let allowed: string;

beforeAll(() => {
  dir = tempDir();
  ann = keypair(dir, 'ann', 'ann@example.org');
  bob = keypair(dir, 'bob', 'bob@example.org');
  locked = keypair(dir, 'locked', 'lee@example.org', 'correct horse');
  allowed = join(dir, 'allowed_signers');
  writeFileSync(allowed, ann.allowedLine);
});
afterAll(cleanup);

function message(name: string, text = 'release 1.4.0\n'): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('signFile / verifySignature', () => {
  it('signs a file and verifies it against the allowed signers, and without them', async () => {
    const file = message('good.json');
    const sig = await signFile(file, ann.key);
    expect(sig).toBe(`${file}.sig`);
    expect(
      await verifySignature({
        file,
        sigFile: sig,
        allowedSignersFile: allowed,
        identity: 'ann@example.org',
        namespace: 'vouch',
      }),
    ).toEqual({
      ok: true,
      reason: `signed by ann@example.org, a signer allowed by ${allowed}`,
    });
    const loose = await verifySignature({
      file,
      sigFile: sig,
      identity: 'ann@example.org',
      namespace: 'vouch',
    });
    expect(loose.ok).toBe(true);
    expect(loose.reason).toMatch(/signer was not checked/);
  });

  it('replaces an old signature instead of keeping it', async () => {
    const file = message('resign.json');
    await signFile(file, bob.key);
    await signFile(file, ann.key);
    expect(
      (
        await verifySignature({
          file,
          sigFile: `${file}.sig`,
          allowedSignersFile: allowed,
          identity: 'ann@example.org',
        })
      ).ok,
    ).toBe(true);
  });

  const rows: {
    name: string;
    key: () => string;
    edit?: string;
    allowed: boolean;
    identity?: string;
    namespace?: string;
    reason: RegExp;
  }[] = [
    {
      name: 'an edited file, checked against allowed signers',
      key: () => ann.key,
      edit: 'release 1.4.1\n',
      allowed: true,
      reason: /incorrect signature/,
    },
    {
      name: 'an edited file, signature only',
      key: () => ann.key,
      edit: 'release 1.4.1\n',
      allowed: false,
      reason: /incorrect signature/,
    },
    {
      name: 'a key not in the allowed signers',
      key: () => bob.key,
      allowed: true,
      identity: 'ann@example.org',
      reason: /no key allowed for ann@example.org/,
    },
    {
      name: 'an identity not in the allowed signers',
      key: () => ann.key,
      allowed: true,
      identity: 'eve@example.org',
      reason: /no key allowed for eve@example.org/,
    },
    {
      name: 'another namespace (a git signature is not a vouch one)',
      key: () => ann.key,
      allowed: true,
      namespace: 'git',
      reason: /namespace does not match/,
    },
  ];
  it.each(rows)(
    'rejects $name',
    async ({ name, key, edit, allowed: useAllowed, identity, namespace, reason }) => {
      const file = message(`${name.replace(/\W+/g, '-')}.json`);
      const sigFile = await signFile(file, key());
      if (edit !== undefined) writeFileSync(file, edit);
      const check = await verifySignature({
        file,
        sigFile,
        allowedSignersFile: useAllowed ? allowed : undefined,
        identity: identity ?? 'ann@example.org',
        namespace,
      });
      expect(check.ok).toBe(false);
      expect(check.reason).toMatch(reason);
    },
  );

  it('says a signature file is missing', async () => {
    const file = message('unsigned.json');
    expect(await verifySignature({ file, sigFile: `${file}.sig`, identity: 'ann@example.org' })).toEqual({
      ok: false,
      reason: `signature file missing: ${file}.sig`,
    });
  });

  it('refuses a missing key or allowed signers file as a usage error', async () => {
    const file = message('usage.json');
    await expect(signFile(file, join(dir, 'no-such-key'))).rejects.toThrow(UsageError);
    await signFile(file, ann.key);
    await expect(
      verifySignature({
        file,
        sigFile: `${file}.sig`,
        allowedSignersFile: join(dir, 'nope'),
        identity: 'ann@example.org',
      }),
    ).rejects.toThrow(/allowed signers file not found/);
  });

  it('fails clearly, without prompting, on a key with a passphrase', async () => {
    const file = message('locked.json');
    const started = Date.now();
    await expect(signFile(file, locked.key)).rejects.toThrow(/protected by a passphrase.*ssh-add/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(`${file}.sig`)).toBe(false);
  });

  it('says when ssh-keygen is not installed', async () => {
    const file = message('nokeygen.json');
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      await expect(signFile(file, ann.key)).rejects.toThrow(/ssh-keygen not found/);
    } finally {
      process.env.PATH = path;
    }
  });
});

/**
 * A person running vouch in a terminal: ssh-keygen would ask for the passphrase on /dev/tty and
 * wait. python3's pty.spawn gives the child a real terminal while this test holds its input open.
 */
describe('on a terminal', () => {
  const ptyRun = (argv: string[], timeout: number) =>
    execa('python3', ['-c', 'import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)', ...argv], {
      reject: false,
      timeout,
      stdin: 'pipe',
      all: true,
    });

  it('the harness is real: a plain ssh-keygen waits for the passphrase', async () => {
    const file = message('tty-plain.json');
    const result = await ptyRun(
      ['ssh-keygen', '-Y', 'sign', '-n', 'vouch', '-f', locked.key, '--', file],
      3_000,
    );
    expect(result.timedOut).toBe(true);
    expect(result.all).toMatch(/Enter passphrase/);
  });

  it('signFile still fails at once instead of prompting', async () => {
    const out = tempDir();
    const bundle = join(out, 'ssh.mjs');
    await build({
      entryPoints: [resolve('src/signoff/ssh.ts')],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
    });
    const runner = join(out, 'run.mjs');
    writeFileSync(
      runner,
      `import { signFile } from './ssh.mjs';\n` +
        `try { await signFile(process.argv[2], process.argv[3]); console.log('SIGNED'); }\n` +
        `catch (e) { console.log('ERROR: ' + e.message); }\n`,
    );
    const file = message('tty-vouch.json');
    const result = await ptyRun([process.execPath, runner, file, locked.key], 20_000);
    expect(result.timedOut).toBe(false);
    expect(result.all).toMatch(/ERROR: the SSH key .* is protected by a passphrase/);
  });
});
