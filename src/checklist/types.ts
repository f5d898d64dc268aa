/** What a check's result, or a person's answer, says about an item. */
export type Outcome = 'pass' | 'fail' | 'review' | 'na';
/** What a check's result means: an outcome, or 'skip' (it says nothing). */
export type CheckOutcome = Outcome | 'skip';

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One probe call inside an item, with what its result means. */
export interface Check {
  probe: string;
  with?: Record<string, unknown>;
  on_match: CheckOutcome;
  on_none: CheckOutcome;
  /** When the probe cannot run (tool missing, timeout). Default review. */
  on_unavailable: CheckOutcome;
  /** Short text shown beside the evidence this check produced. */
  description?: string;
}

export interface Condition {
  probe: string;
  with?: Record<string, unknown>;
}

export interface References {
  guide?: string;
  cwe?: string[];
  owasp?: string[];
  links?: string[];
}

export interface Item {
  id: string;
  category: string;
  title: string;
  question: string;
  severity: Severity;
  guidance: string;
  remediation: string;
  references: References;
  /** The item applies only when one of these matches something; otherwise it is na. */
  applies_if?: Condition[] | undefined;
  checks: Check[];
  /** Where the item was defined (file:line), for messages. */
  source?: { file: string; line: number } | undefined;
}

export interface Category {
  id: string;
  title: string;
  description?: string;
}

export interface ChecklistSource {
  file: string;
  sha256: string;
}

export interface Checklist {
  id: string;
  title: string;
  version: string;
  categories: Category[];
  items: Item[];
  /** Every file the checklist was combined from, in order. */
  sources: ChecklistSource[];
  /** sha256 over the sources' digests: names the exact checklist a sign-off was made against. */
  sha256: string;
}
