import type { SecurityTool } from './types.js';

/** Yelp's detect-secrets: new secrets kept out of commits against a reviewed baseline. */
export const detectSecrets: SecurityTool = {
  id: 'detect-secrets',
  name: 'detect-secrets',
  covers: ['secrets'],
  summary: 'blocks new secrets against a reviewed baseline (Yelp)',
  run: {
    commands: [
      { programs: ['detect-secrets'], modules: ['detect_secrets'], args: /^\s*(?:\S+\s+)*?(?:scan|audit)\b/ },
      { programs: ['detect-secrets-hook'] },
    ],
    hooks: [{ repos: ['github.com/yelp/detect-secrets'], ids: ['detect-secrets'] }],
  },
  declared: {
    packages: ['detect-secrets'],
    files: ['.secrets.baseline'],
  },
};
