import type { SecurityTool } from './types.js';

/** Semgrep, a pattern-based static analyser with security rule packs. */
export const semgrep: SecurityTool = {
  id: 'semgrep',
  name: 'Semgrep',
  covers: ['sast'],
  summary: 'pattern-based static analysis with security rule sets',
  run: {
    actions: ['returntocorp/semgrep-action', 'semgrep/semgrep-action'],
    // `semgrep login`, `semgrep --version` do not scan; `semgrep ci`, `semgrep scan`, `semgrep --config` do.
    commands: [
      {
        programs: ['semgrep'],
        modules: ['semgrep'],
        args: /^(?!\s*(?:login|logout|install-semgrep-pro|show|lsp)\b)/,
      },
    ],
    images: ['returntocorp/semgrep', 'semgrep/semgrep'],
    hooks: [
      {
        repos: [
          'github.com/semgrep/pre-commit',
          'github.com/returntocorp/semgrep',
          'github.com/semgrep/semgrep',
        ],
      },
    ],
  },
  declared: {
    packages: ['semgrep'],
    files: ['.semgrep.yml', '.semgrep.yaml', '.semgrep/**/*.yml', '.semgrep/**/*.yaml', '.semgrepignore'],
  },
};
