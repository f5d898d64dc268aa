import type { SecurityTool } from './types.js';

/**
 * GitHub's OSSAR action (Open Source Static Analysis Runner, archived in favour of Microsoft
 * Security DevOps): runs bandit on Python, BinSkim and ESLint, with their default settings.
 */
export const ossar: SecurityTool = {
  id: 'ossar',
  name: 'OSSAR',
  covers: ['sast'],
  summary: 'GitHub Open Source Static Analysis Runner: bandit, BinSkim and ESLint with defaults',
  run: {
    actions: ['github/ossar-action'],
  },
  declared: {},
  bundles: [{ tool: 'bandit', covers: ['sast'] }],
};
