import type { SecurityTool } from './types.js';

// GitLab's security scanning templates, each a tool of its own, included in `.gitlab-ci.yml` as
// `include: - template: Jobs/SAST.gitlab-ci.yml` (names given without `.latest`/`.v2` and `.gitlab-ci.yml`).

export const gitlabSast: SecurityTool = {
  id: 'gitlab-sast',
  name: 'GitLab SAST',
  covers: ['sast'],
  summary: "GitLab's SAST template (Semgrep-based analysers for Python)",
  run: { gitlabTemplates: ['Security/SAST', 'Jobs/SAST'] },
  declared: {},
};

export const gitlabDependencyScanning: SecurityTool = {
  id: 'gitlab-dependency-scanning',
  name: 'GitLab Dependency Scanning',
  covers: ['dependencies'],
  summary: "GitLab's dependency scanning template",
  run: { gitlabTemplates: ['Security/Dependency-Scanning', 'Jobs/Dependency-Scanning'] },
  declared: {},
};

export const gitlabSecretDetection: SecurityTool = {
  id: 'gitlab-secret-detection',
  name: 'GitLab Secret Detection',
  covers: ['secrets'],
  summary: "GitLab's secret detection template",
  run: { gitlabTemplates: ['Security/Secret-Detection', 'Jobs/Secret-Detection'] },
  declared: {},
};

export const gitlabDast: SecurityTool = {
  id: 'gitlab-dast',
  name: 'GitLab DAST',
  covers: ['dast'],
  summary: "GitLab's DAST template",
  run: { gitlabTemplates: ['Security/DAST', 'Jobs/DAST', 'DAST'] },
  declared: {},
};
