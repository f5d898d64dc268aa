import type { Facts, FileContext } from '../repo/types.js';

/** One piece of evidence a probe found. */
export interface Finding {
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** Short, redacted source excerpt. Never a secret in clear. */
  snippet?: string | undefined;
  /** The tool's or built-in rule id (B602, py-eval, aws-access-key...). */
  rule?: string | undefined;
  /** Where the file sits; findings outside 'code' do not make an item fail by default. */
  context?: FileContext | undefined;
}

/**
 * A probe's answer. 'ok': it ran, findings are its matches (possibly none).
 * 'unavailable': it could not run (tool missing, timeout) — the check becomes review with `reason`.
 * 'error': the probe itself threw; same effect, reason says what broke.
 */
export interface ProbeResult {
  status: 'ok' | 'unavailable' | 'error';
  reason?: string | undefined;
  findings: Finding[];
  /** Findings that are evidence but not a match (e.g. "uses bcrypt"): shown, never decide. */
  notes?: Finding[] | undefined;
}

export interface Probe<P = Record<string, unknown>> {
  id: string;
  /** A yes/no question in words: what a match means. */
  description: string;
  /** JSON Schema (2020-12) of `with:` parameters; validated when the checklist loads. */
  paramsSchema: Record<string, unknown>;
  run(facts: Facts, params: P): ProbeResult;
}
