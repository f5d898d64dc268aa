import type { Audit } from '../audit/types.js';

export const REPORT_FORMATS = ['md', 'json', 'sarif', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A recorded sign-off, as the sign-off code describes it to the reports. */
export interface SignoffInfo {
  release: string;
  /** Who signed off, e.g. "Dana Reviewer <dana@example.org>". */
  signer: string;
  /** ISO 8601 time of the sign-off. */
  time: string;
  commit: string;
  /** True when the record carries a signature (SSH key), false when it is only recorded. */
  signed: boolean;
  /** Where the sign-off record was written, relative to the repository root. */
  file: string;
}

export interface RenderOptions {
  signoff?: SignoffInfo | undefined;
}

/** Every report format has this one signature: a pure function of the audit. */
export type Renderer = (audit: Audit, options: RenderOptions) => string;
