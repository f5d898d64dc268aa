import type { SecurityTool } from './types.js';

/**
 * Microsoft Security DevOps (MSDO): runs bandit, BinSkim, Checkov, ESLint, Template Analyzer,
 * Terrascan and Trivy; the `tools` input narrows the set.
 */
export const securityDevOps: SecurityTool = {
  id: 'security-devops',
  name: 'Microsoft Security DevOps',
  covers: ['sast'],
  summary: "Microsoft's bundle of scanners (bandit, Checkov, Trivy, ...) in one action",
  run: {
    actions: ['microsoft/security-devops-action'],
  },
  declared: {},
  bundles: [
    { tool: 'bandit', covers: ['sast'], when: { input: 'tools', words: ['bandit'] } },
    { tool: 'trivy', covers: ['dependencies'], when: { input: 'tools', words: ['trivy'] } },
  ],
};
