import type { SecurityTool } from './types.js';

/** OWASP ZAP (Zed Attack Proxy), a dynamic scanner run against a running application. */
export const zap: SecurityTool = {
  id: 'zap',
  name: 'OWASP ZAP',
  covers: ['dast'],
  summary: 'dynamic application scanning of a running site (baseline, full, API scans)',
  run: {
    actions: ['zaproxy/action-'],
    commands: [
      { programs: ['zap-baseline.py', 'zap-full-scan.py', 'zap-api-scan.py'] },
      // zap.sh alone starts the desktop; only its headless command-line modes scan.
      { programs: ['zap.sh', 'zap.bat'], args: /(?:^|\s)-(?:cmd|quickurl|autorun)\b/ },
    ],
    images: [
      'owasp/zap2docker-stable',
      'owasp/zap2docker-weekly',
      'owasp/zap2docker-bare',
      'ghcr.io/zaproxy/zaproxy',
      'zaproxy/zap-stable',
      'zaproxy/zap-weekly',
      'softwaresecurityproject/zap-stable',
      'softwaresecurityproject/zap-weekly',
    ],
  },
  declared: {
    files: ['.zap/rules.tsv', 'zap.yaml', 'zap.yml', '.zap/*.yaml', '.zap/*.yml'],
  },
};
