import type { SecurityTool } from './types.js';

/** OpenSSF Scorecard: the project's supply-chain practices (pinned actions, reviews, branch protection). */
export const scorecard: SecurityTool = {
  id: 'scorecard',
  name: 'OpenSSF Scorecard',
  covers: ['supply-chain'],
  summary: "scores the repository's supply-chain security practices",
  run: {
    actions: ['ossf/scorecard-action'],
    commands: [{ programs: ['scorecard'], args: /--repo\b|--local\b/ }],
    images: ['gcr.io/openssf/scorecard'],
  },
  declared: {},
};
