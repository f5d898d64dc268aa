/** The answers file `.vouch/answers.yaml`: a person's answers keyed by item id. */
export type AnswerVerdict = 'pass' | 'fail' | 'na' | 'waived';

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
}

export interface AnswersFile {
  version: 1;
  answers: Record<string, Answer>;
}
