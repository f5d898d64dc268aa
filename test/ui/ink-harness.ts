import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';

// React only flushes effects and state inside `act` when this is set; without it key handlers
// race with React re-subscribing them (see TOOLCHAIN.md).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const PAGE_DOWN = '\u001B[6~';
export const END = '\u001B[F';
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';

export interface Mounted {
  lastFrame: () => string;
  /** Every frame drawn so far (the last one may be gone once the app exits). */
  frames: () => string[];
  /** Writes one chunk to stdin (a key, or several keys at once) and lets React settle. */
  write: (data: string) => Promise<void>;
  /** Lets pending promises (onAnswer, onWriteReport) settle. */
  settle: () => Promise<void>;
  unmount: () => Promise<void>;
}

/** Output stream of a fixed size (ink-testing-library's is 100 columns and has no rows). */
class SizedStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = false;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Renders inside act; with `size`, on a terminal of exactly that many columns and rows. */
export async function mount(tree: ReactElement, size?: { columns: number; rows: number }): Promise<Mounted> {
  let lastFrame!: () => string;
  let frames!: () => string[];
  let stdin!: { write: (data: string) => void };
  let unmount!: () => void;
  await act(async () => {
    if (size === undefined) {
      const instance = render(tree);
      lastFrame = () => instance.lastFrame() ?? '';
      frames = () => instance.frames;
      stdin = instance.stdin;
      unmount = instance.unmount;
    } else {
      const stdout = new SizedStdout(size.columns, size.rows);
      const fakeStdin = new FakeStdin();
      const instance = inkRender(tree, {
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
        stdin: fakeStdin as unknown as NodeJS.ReadStream,
        debug: true,
        exitOnCtrlC: false,
        patchConsole: false,
      });
      lastFrame = () => stdout.frames.at(-1) ?? '';
      frames = () => stdout.frames;
      stdin = fakeStdin;
      unmount = instance.unmount;
    }
  });
  const settle = async (): Promise<void> => {
    await act(async () => {
      await tick();
    });
  };
  return {
    lastFrame,
    frames,
    write: async (data) => {
      await act(async () => {
        stdin.write(data);
        // A lone Esc waits one macrotask in Ink's parser (it might start a sequence).
        await tick();
      });
    },
    settle,
    unmount: async () => {
      await act(async () => {
        unmount();
      });
    },
  };
}

/** Writes each key as its own chunk, in order. */
export async function typeKeys(app: Mounted, ...keys: string[]): Promise<void> {
  for (const key of keys) await app.write(key);
}
