/** Every probe vouch knows, by id. Adding a probe: its file, a line here, its test file. */
import { banditProbe } from './bandit.js';
import { dependencyProbe } from './dependency.js';
import { envFilesProbe } from './env-files.js';
import { fileProbe } from './file.js';
import { patternProbe } from './pattern.js';
import { pinnedDependenciesProbe } from './pinned-dependencies.js';
import { pipAuditProbe } from './pip-audit.js';
import { pythonProbe } from './python.js';
import { secretsProbe } from './secrets.js';
import { securityToolsProbe } from './security-tools.js';
import type { ValidatingProbe } from './support.js';
import { toolProbe } from './tool.js';
import { vulnerabilitiesProbe } from './vulnerabilities.js';
import { webProbe } from './web.js';

export type { ValidatingProbe } from './support.js';

/** All probes, sorted by id (a test keeps it so). */
export const PROBES: readonly ValidatingProbe[] = [
  banditProbe,
  dependencyProbe,
  envFilesProbe,
  fileProbe,
  patternProbe,
  pinnedDependenciesProbe,
  pipAuditProbe,
  pythonProbe,
  secretsProbe,
  securityToolsProbe,
  toolProbe,
  vulnerabilitiesProbe,
  webProbe,
];

/** The probe with this id, if there is one. */
export function getProbe(id: string): ValidatingProbe | undefined {
  return PROBES.find((p) => p.id === id);
}
