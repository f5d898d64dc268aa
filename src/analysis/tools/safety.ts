import type { SecurityTool } from './types.js';

/**
 * Safety (pyup.io). "safety" is an ordinary word, so only its commands count: `safety check`,
 * `safety scan`, never `safety` alone.
 */
export const safety: SecurityTool = {
  id: 'safety',
  name: 'Safety',
  covers: ['dependencies'],
  summary: 'checks Python dependencies against the Safety vulnerability database',
  run: {
    actions: ['pyupio/safety-action'],
    commands: [{ programs: ['safety'], modules: ['safety'], args: /^\s*(?:\S+\s+)*?(?:check|scan)\b/ }],
    hooks: [
      { repos: ['github.com/lucas-c/pre-commit-hooks-safety'], ids: ['python-safety-dependencies-check'] },
    ],
  },
  declared: {
    packages: ['safety'],
    files: ['.safety-policy.yml', '.safety-policy.yaml'],
  },
};
