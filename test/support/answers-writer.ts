/** Runs test/fixtures/answers-writer.ts as a real child process (bundled with esbuild, as ssh.test.ts does). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { build } from 'esbuild';

/** Full rounds under `npm run stress` (VOUCH_STRESS=1), fewer in `npm test`. */
export function rounds(full: number, quick: number): number {
  return process.env.VOUCH_STRESS === '1' ? full : quick;
}

/** Bundles the writer and returns the runner script to give node. */
export async function bundleWriter(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'vouch-writer-'));
  await build({
    entryPoints: [resolve(import.meta.dirname, '..', 'fixtures', 'answers-writer.ts')],
    outfile: join(out, 'writer.mjs'),
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
  writeFileSync(runner, `import { main } from './writer.mjs';\nmain(process.argv.slice(2));\n`);
  return runner;
}

/** A running writer: its lines come in order through next(). */
export class Writer {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;
  private stderr = '';
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(runner: string, args: string[]) {
    this.child = spawn(process.execPath, [runner, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((r) => this.child.on('exit', (code, signal) => r(signal ?? code)));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.push(line));
    this.lines.on('close', () => {
      this.ended = true;
      this.push(undefined);
    });
  }

  private push(line: string | undefined): void {
    const w = this.waiting;
    if (w !== undefined) {
      this.waiting = undefined;
      w(line);
    } else if (line !== undefined) this.queue.push(line);
  }

  /** The next line it prints; rejects when it ends first (with its stderr). */
  async next(): Promise<string> {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    const line = this.ended ? undefined : await new Promise<string | undefined>((r) => (this.waiting = r));
    if (line === undefined) throw new Error(`the writer ended: ${this.stderr}`);
    return line;
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
