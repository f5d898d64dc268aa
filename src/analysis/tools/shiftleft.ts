import type { SecurityTool } from './types.js';

/**
 * ShiftLeft Scan (slscan): one action running several scanners picked by language. It runs
 * bandit on Python code, depscan on dependencies and a credential scan, unless its `type`
 * input names other scanners: those runs are indirect, not configured for this code.
 */
export const shiftleft: SecurityTool = {
  id: 'shiftleft-scan',
  name: 'ShiftLeft Scan',
  covers: ['sast'],
  summary: 'a bundle of open-source scanners (bandit for Python, depscan, credscan) in one action',
  run: {
    actions: ['shiftleftsecurity/scan-action'],
    commands: [{ programs: ['scan'], args: /(?:^|\s)--(?:src|type)\b/ }],
    images: ['shiftleft/sast-scan', 'shiftleft/scan', 'shiftleft/scan-slim'],
  },
  declared: {
    files: ['.sastscanrc'],
  },
  bundles: [
    { tool: 'bandit', covers: ['sast'], when: { input: 'type', words: ['python'] } },
    { tool: 'depscan', covers: ['dependencies'], when: { input: 'type', words: ['depscan'] } },
    { tool: 'credscan', covers: ['secrets'], when: { input: 'type', words: ['credscan'] } },
  ],
};
