import type { SecurityTool } from './types.js';

/** Aqua Security's Trivy: vulnerable dependencies and images, leaked secrets, misconfigurations. */
export const trivy: SecurityTool = {
  id: 'trivy',
  name: 'Trivy',
  covers: ['dependencies', 'secrets'],
  summary: 'scans files, repositories and images for vulnerable packages and secrets',
  run: {
    actions: ['aquasecurity/trivy-action'],
    commands: [
      {
        programs: ['trivy'],
        args: /^\s*(?:fs|filesystem|repo|repository|image|i|rootfs|sbom|vm|config|k8s|kubernetes)\b/,
      },
    ],
    images: ['aquasec/trivy', 'ghcr.io/aquasecurity/trivy'],
  },
  declared: {
    files: ['trivy.yaml', 'trivy.yml', '.trivy.yaml', '.trivyignore', '.trivyignore.yaml'],
  },
};
