import { render } from 'ink';
import type { AppProps } from './App.js';
import { App } from './App.js';

export type { AppProps, ProgressSubscription } from './App.js';

/**
 * Runs the interactive audit until the person quits. The CLI imports this file dynamically, so
 * the non-interactive path never loads Ink. Rejects when the audit or the final report fails.
 */
export async function runInteractive(props: AppProps): Promise<void> {
  const instance = render(<App {...props} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
}
