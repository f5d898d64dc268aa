/** The answers file `.vouch/answers.yaml`: a person's answers keyed by item id. */
export type AnswerVerdict = 'pass' | 'fail' | 'na' | 'waived';

/**
 * What an answer rests on, recorded when it is given: the item's text (its digest), the automatic
 * verdict and the evidence shown at that moment, and the git blob id of every cited or evidence file.
 */
export interface AnswerBasis {
  /** sha256 of the checklist item's text (see checklist/digest.ts). */
  item?: string | undefined;
  /** The automatic verdict shown when the person answered. */
  auto?: string | undefined;
  /** The evidence shown, as `file:line [rule]`, sorted. */
  evidence?: string[] | undefined;
  /** path → git blob id of each cited and evidence file, as it was when answered. */
  blobs?: Record<string, string> | undefined;
}

export interface Answer {
  verdict: AnswerVerdict;
  note?: string | undefined;
  /** Required for waived. */
  reason?: string | undefined;
  /** ISO date (YYYY-MM-DD) after which a waiver no longer holds. */
  expires?: string | undefined;
  by?: string | undefined;
  at?: string | undefined;
  commit?: string | undefined;
  /** Places the person cites: `path` or `path:START-END` (or `path:LINE`). */
  cites?: string[] | undefined;
  basis?: AnswerBasis | undefined;
}

export interface AnswersFile {
  version: 1;
  answers: Record<string, Answer>;
}
