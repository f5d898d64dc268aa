import type { SecurityTool } from './types.js';

/** Gitleaks: secrets in the working tree and the git history. */
export const gitleaks: SecurityTool = {
  id: 'gitleaks',
  name: 'Gitleaks',
  covers: ['secrets'],
  summary: 'finds hard-coded secrets in files and git history',
  run: {
    actions: ['gitleaks/gitleaks-action', 'zricethezav/gitleaks-action'],
    commands: [
      { programs: ['gitleaks'], args: /^\s*(?:\S+\s+)*?(?:detect|protect|git|dir|directory|stdin)\b/ },
    ],
    images: ['zricethezav/gitleaks', 'ghcr.io/gitleaks/gitleaks', 'ghcr.io/zricethezav/gitleaks'],
    hooks: [
      {
        repos: ['github.com/gitleaks/gitleaks', 'github.com/zricethezav/gitleaks'],
        ids: ['gitleaks', 'gitleaks-docker', 'gitleaks-system'],
      },
    ],
  },
  declared: {
    files: ['.gitleaks.toml', '.gitleaksignore'],
  },
};
