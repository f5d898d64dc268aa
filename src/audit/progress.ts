/** Live progress of the collection stage, for the scan screen and --verbose. */
export type StepId =
  | 'checklist'
  | 'files'
  | 'manifests'
  | 'git'
  | 'python'
  | 'bandit'
  | 'pip-audit'
  | 'vulnerabilities'
  | 'tools'
  | 'probes';

export type StepState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface ProgressEvent {
  step: StepId;
  state: StepState;
  /** What it is doing or found: "412 files", "bandit running on 2 shards", "not found on PATH". */
  detail?: string | undefined;
  /** For steps that count: done so far and total. */
  done?: number | undefined;
  total?: number | undefined;
}

export type ProgressListener = (event: ProgressEvent) => void;

export const STEP_LABELS: Record<StepId, string> = {
  checklist: 'Loading the checklist',
  files: 'Listing files',
  manifests: 'Reading dependency manifests',
  git: 'Reading git facts',
  python: 'Analysing Python sources',
  bandit: 'Running bandit',
  'pip-audit': 'Running pip-audit',
  vulnerabilities: 'Known vulnerabilities',
  tools: 'Looking for security tools',
  probes: 'Answering checklist items',
};
