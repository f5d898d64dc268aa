/** Every security tool vouch recognises, sorted by id. Adding one: its module, a line here, its table rows. */
import { bandit } from './bandit.js';
import { codeql } from './codeql.js';
import { dependabot } from './dependabot.js';
import { dependencyReview } from './dependency-review.js';
import { detectSecrets } from './detect-secrets.js';
import { flake8Bandit } from './flake8-bandit.js';
import { gitlabDast, gitlabDependencyScanning, gitlabSast, gitlabSecretDetection } from './gitlab.js';
import { gitleaks } from './gitleaks.js';
import { ossar } from './ossar.js';
import { osvScanner } from './osv-scanner.js';
import { pipAudit } from './pip-audit.js';
import { ruffBandit } from './ruff.js';
import { safety } from './safety.js';
import { scorecard } from './scorecard.js';
import { securityDevOps } from './security-devops.js';
import { shiftleft } from './shiftleft.js';
import { snyk, snykCode } from './snyk.js';
import { semgrep } from './semgrep.js';
import { trivy } from './trivy.js';
import { trufflehog } from './trufflehog.js';
import type { SecurityTool } from './types.js';
import { vouch } from './vouch.js';
import { zap } from './zap.js';

export type { Cover, SecurityTool } from './types.js';
export { COVERS } from './types.js';

export const SECURITY_TOOLS: readonly SecurityTool[] = [
  bandit,
  codeql,
  dependabot,
  dependencyReview,
  detectSecrets,
  flake8Bandit,
  gitlabDast,
  gitlabDependencyScanning,
  gitlabSast,
  gitlabSecretDetection,
  gitleaks,
  ossar,
  osvScanner,
  pipAudit,
  ruffBandit,
  safety,
  scorecard,
  securityDevOps,
  semgrep,
  shiftleft,
  snyk,
  snykCode,
  trivy,
  trufflehog,
  vouch,
  zap,
];

/** The tool with this id, if vouch knows it. */
export function securityTool(id: string): SecurityTool | undefined {
  return SECURITY_TOOLS.find((t) => t.id === id);
}
