import type { SecurityTool } from './types.js';

/** Google's osv-scanner: dependencies and lock files checked against the OSV database. */
export const osvScanner: SecurityTool = {
  id: 'osv-scanner',
  name: 'osv-scanner',
  covers: ['dependencies'],
  summary: 'checks lock files and manifests against the OSV vulnerability database',
  run: {
    // Both the step action (`.../osv-scanner-action`) and the reusable workflow (`.../.github/workflows/...`).
    actions: ['google/osv-scanner-action'],
    commands: [{ programs: ['osv-scanner'] }],
    images: ['ghcr.io/google/osv-scanner'],
    hooks: [{ repos: ['github.com/google/osv-scanner'], ids: ['osv-scanner'] }],
  },
  declared: {
    files: ['osv-scanner.toml', '**/osv-scanner.toml'],
  },
};
