import type { SecurityTool } from './types.js';

/** vouch itself: its Python analysis in CI, and pip-audit and bandit when they are installed. */
export const vouch: SecurityTool = {
  id: 'vouch',
  name: 'vouch',
  covers: ['sast', 'secrets'],
  summary: 'this checklist auditor, run headless in CI',
  run: {
    commands: [{ programs: ['vouch'], args: /^(?!\s*(?:verify|--version|init)\b)/ }],
  },
  declared: {
    files: ['.vouch.yaml', '.vouch.yml'],
    pyprojectTables: ['tool.vouch'],
  },
  bundles: [
    { tool: 'bandit', covers: ['sast'] },
    { tool: 'pip-audit', covers: ['dependencies'] },
  ],
};
