import type { SecurityTool } from './types.js';

/**
 * Dependabot. Its configuration file asks for version updates; its security alerts and
 * updates are repository settings that a checkout cannot show, so the file is a declaration
 * of dependency monitoring, never a run.
 */
export const dependabot: SecurityTool = {
  id: 'dependabot',
  name: 'Dependabot',
  covers: ['dependencies'],
  summary: "GitHub's dependency update bot (its security alerts are a repository setting)",
  run: {},
  declaredNote: 'its security alerts and updates are repository settings a checkout cannot show',
  declared: {
    files: ['.github/dependabot.yml', '.github/dependabot.yaml'],
  },
};
