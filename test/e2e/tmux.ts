import { execFileSync, spawnSync } from 'node:child_process';

/** A real terminal: a detached tmux session running one command, read with capture-pane. */
export class Terminal {
  private constructor(readonly name: string) {}

  static start(
    command: string,
    options: { cwd: string; width?: number; height?: number; env?: Record<string, string> },
  ): Terminal {
    const name = `vouch-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      String(options.width ?? 100),
      '-y',
      String(options.height ?? 30),
      '-c',
      options.cwd,
      ...env,
      `${command}; echo "EXIT=$?"; sleep 60`,
    ]);
    return new Terminal(name);
  }

  screen(): string {
    return spawnSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' }).stdout ?? '';
  }

  /** Polls the screen until it matches (a fixed sleep would lose keys while ink loads). */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends one key (tmux key name, e.g. Enter, Down, q). */
  key(key: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, key]);
  }

  /** Types text literally (send-keys -l: no key names, no tmux command separators). */
  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
  }

  /** Sends several keys in one send-keys call: they reach the program as one burst. */
  burst(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  stop(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
  }
}
