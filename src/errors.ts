/** An error caused by the user's input: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Extra lines (e.g. every problem in a checklist), printed after the message. */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.details = details;
  }
}

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, policy: 1, usage: 2 } as const;
