import type { SecurityTool } from './types.js';

/** GitHub's dependency review: a pull request's added dependencies checked against advisories. */
export const dependencyReview: SecurityTool = {
  id: 'dependency-review',
  name: 'dependency review',
  covers: ['dependencies'],
  summary: "GitHub's check of the dependencies a pull request adds against known advisories",
  run: {
    actions: ['actions/dependency-review-action'],
  },
  declared: {
    files: ['.github/dependency-review-config.yml', '.github/dependency-review-config.yaml'],
  },
};
