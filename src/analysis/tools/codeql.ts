import type { SecurityTool } from './types.js';

/**
 * GitHub CodeQL. `github/codeql-action/upload-sarif` only uploads another tool's results and
 * is not a CodeQL run; `init` and `analyze` are.
 */
export const codeql: SecurityTool = {
  id: 'codeql',
  name: 'CodeQL',
  covers: ['sast'],
  summary: "GitHub's semantic code analysis (code scanning)",
  run: {
    actions: ['github/codeql-action/init', 'github/codeql-action/analyze'],
    commands: [{ programs: ['codeql'], args: /^\s*database\s+(?:create|analyze)\b/ }],
  },
  declared: {
    files: ['.github/codeql/**/*.yml', '.github/codeql/**/*.yaml', 'codeql-config.yml'],
  },
};
