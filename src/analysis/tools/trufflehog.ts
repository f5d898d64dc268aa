import type { SecurityTool } from './types.js';

/** TruffleHog: secrets in git history, files and other sources, optionally verified. */
export const trufflehog: SecurityTool = {
  id: 'trufflehog',
  name: 'TruffleHog',
  covers: ['secrets'],
  summary: 'finds (and verifies) leaked credentials in git history and files',
  run: {
    actions: ['trufflesecurity/trufflehog'],
    commands: [
      {
        programs: ['trufflehog'],
        args: /^\s*(?:\S+\s+)*?(?:git|github|gitlab|filesystem|s3|gcs|docker)\b|^\s*(?:file|https?):\/\//,
      },
    ],
    images: ['trufflesecurity/trufflehog', 'ghcr.io/trufflesecurity/trufflehog'],
    hooks: [{ repos: ['github.com/trufflesecurity/trufflehog'], ids: ['trufflehog'] }],
  },
  declared: {},
};
