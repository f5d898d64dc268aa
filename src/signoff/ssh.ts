/**
 * Signing and verifying files with SSH keys, the way git does (`ssh-keygen -Y`). Never through a
 * shell, and never waiting for a person: ssh-keygen runs without a terminal or an askpass helper,
 * so a key that needs a passphrase fails at once with a message instead of prompting.
 */
import { existsSync, rmSync } from 'node:fs';
import { execa } from 'execa';
import { UsageError } from '../errors.js';
import { safeSearchPath } from '../repo/exec/search-path.js';
import { findExecutable } from '../repo/tools.js';

/** The signature namespace: a vouch signature cannot pass for a git commit or file signature. */
export const SIGNATURE_NAMESPACE = 'vouch';

/** How long ssh-keygen may take; it is instant unless something waits for input. */
const TIMEOUT_MS = 30_000;

export interface VerifySignatureOptions {
  file: string;
  sigFile: string;
  /** git's gpg.ssh.allowedSignersFile format; without it, only the signature's own validity is checked. */
  allowedSignersFile?: string | undefined;
  /** The principal (usually an email) the signature must belong to in the allowed signers file. */
  identity: string;
  namespace?: string | undefined;
}

export interface SignatureCheck {
  ok: boolean;
  reason: string;
}

/** Signs a file with `ssh-keygen -Y sign`, writing FILE.sig beside it; returns that path. */
export async function signFile(
  file: string,
  keyPath: string,
  namespace: string = SIGNATURE_NAMESPACE,
): Promise<string> {
  if (!existsSync(keyPath)) throw new UsageError(`SSH key not found: ${keyPath}`);
  const sigFile = `${file}.sig`;
  // ssh-keygen asks before overwriting a signature, and with no input it keeps the old one.
  rmSync(sigFile, { force: true });
  const result = await runSshKeygen(['-Y', 'sign', '-n', namespace, '-f', keyPath, '--', file]);
  if (result.exitCode !== 0 || !existsSync(sigFile)) {
    const text = result.stderr;
    if (/passphrase/iu.test(text)) {
      throw new UsageError(
        `the SSH key ${keyPath} is protected by a passphrase and vouch does not prompt: load it into ssh-agent (ssh-add ${keyPath}) and run again`,
      );
    }
    throw new UsageError(
      `ssh-keygen could not sign with ${keyPath}: ${lastLine(text) ?? `exit code ${result.exitCode}`}`,
    );
  }
  return sigFile;
}

/**
 * Checks FILE against its signature. With an allowed signers file the signer must be listed there
 * under `identity` for the namespace; without one, only that the signature is intact and matches
 * the file (anyone's key would do, which the reason says).
 */
export async function verifySignature(opts: VerifySignatureOptions): Promise<SignatureCheck> {
  const namespace = opts.namespace ?? SIGNATURE_NAMESPACE;
  if (!existsSync(opts.sigFile)) return { ok: false, reason: `signature file missing: ${opts.sigFile}` };
  if (!existsSync(opts.file)) return { ok: false, reason: `signed file missing: ${opts.file}` };
  const allowed = opts.allowedSignersFile;
  if (allowed !== undefined && !existsSync(allowed))
    throw new UsageError(`allowed signers file not found: ${allowed}`);

  const args =
    allowed === undefined
      ? ['-Y', 'check-novalidate', '-n', namespace, '-s', opts.sigFile]
      : ['-Y', 'verify', '-f', allowed, '-I', opts.identity, '-n', namespace, '-s', opts.sigFile];
  const result = await runSshKeygen(args, opts.file);
  if (result.exitCode === 0) {
    return allowed === undefined
      ? {
          ok: true,
          reason: 'signature valid, but the signer was not checked (no allowed signers file given)',
        }
      : { ok: true, reason: `signed by ${opts.identity}, a signer allowed by ${allowed}` };
  }
  // ssh-keygen names a damaged or mismatched signature on stderr, but says nothing when the key is simply not allowed.
  const why =
    lastLine(result.stderr) ??
    (allowed === undefined
      ? 'signature does not match the file'
      : `no key allowed for ${opts.identity} in ${allowed} made this signature`);
  return { ok: false, reason: why };
}

interface KeygenResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

async function runSshKeygen(args: string[], inputFile?: string): Promise<KeygenResult> {
  // Looked up without relative PATH entries: vouch often runs from inside the audited repository.
  const executable = findExecutable('ssh-keygen');
  if (executable === undefined) {
    throw new UsageError('ssh-keygen not found: install OpenSSH (8.2 or later) to sign or verify sign-offs');
  }
  const result = await execa(executable, args, {
    reject: false,
    timeout: TIMEOUT_MS,
    // A new session has no controlling terminal: ssh-keygen cannot open /dev/tty to ask for a
    // passphrase, and reads the empty stdin instead, so it fails rather than hangs.
    detached: true,
    env: quietEnv(),
    extendEnv: false,
    ...(inputFile === undefined ? { stdin: 'ignore' as const } : { inputFile }),
  });
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new UsageError('ssh-keygen not found: install OpenSSH (8.2 or later) to sign or verify sign-offs');
  }
  if (result.timedOut) {
    throw new UsageError(
      `ssh-keygen did not finish within ${TIMEOUT_MS / 1000} s (was it waiting for input?)`,
    );
  }
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
  };
}

/**
 * The environment without anything that would let ssh-keygen ask a person: no askpass program,
 * no display for one. SSH_AUTH_SOCK stays, so a key held by ssh-agent signs without a passphrase.
 */
function quietEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['SSH_ASKPASS', 'DISPLAY', 'WAYLAND_DISPLAY'].includes(key)) env[key] = value;
  }
  env.SSH_ASKPASS_REQUIRE = 'never';
  env.PATH = safeSearchPath(process.env);
  return env;
}

function lastLine(text: string): string | undefined {
  const lines = text
    .split(/\r?\n/u)
    // A prompt shares its line with the message after it when no terminal echoes a newline.
    .map((line) => line.replace(/^Enter passphrase[^:]*:/u, '').trim())
    // Progress chatter, not a reason.
    .filter((line) => line !== '' && !/^(Signing file|Write signature to)/u.test(line));
  return lines.at(-1);
}
