import type { SecurityTool } from './types.js';

/** Snyk: open-source dependency scanning (`snyk test`), and its code analysis (`snyk code test`). */
export const snyk: SecurityTool = {
  id: 'snyk',
  name: 'Snyk',
  covers: ['dependencies'],
  summary: 'dependency vulnerability scanning (Snyk Open Source) on the Snyk service',
  run: {
    // `snyk/actions/setup` only installs the CLI.
    actions: ['snyk/actions/'],
    notActions: ['snyk/actions/setup'],
    commands: [{ programs: ['snyk'], args: /^\s*(?:test|monitor)\b/ }],
    images: ['snyk/snyk', 'snyk/snyk-cli'],
  },
  declared: {
    files: ['.snyk'],
  },
};

/** Snyk Code, Snyk's static analysis: `snyk code test`. */
export const snykCode: SecurityTool = {
  id: 'snyk-code',
  name: 'Snyk Code',
  covers: ['sast'],
  summary: 'static analysis on the Snyk service (`snyk code test`)',
  run: {
    commands: [{ programs: ['snyk'], args: /^\s*code\s+test\b/ }],
  },
  declared: {},
};
