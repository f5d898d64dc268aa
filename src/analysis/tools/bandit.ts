import type { SecurityTool } from './types.js';

/** Bandit, PyCQA's static analyser for Python security issues. */
export const bandit: SecurityTool = {
  id: 'bandit',
  name: 'Bandit',
  covers: ['sast'],
  summary: 'static analysis of Python code for security issues (PyCQA)',
  run: {
    actions: [
      'pycqa/bandit-action',
      'tj-actions/bandit',
      'mdegis/bandit-action',
      'jpetrucciani/bandit-check',
    ],
    commands: [{ programs: ['bandit'], modules: ['bandit'] }],
    hooks: [{ repos: ['github.com/pycqa/bandit'], ids: ['bandit'] }],
  },
  declared: {
    packages: ['bandit'],
    files: ['.bandit', 'bandit.yaml', 'bandit.yml', '.bandit.yaml', '.bandit.yml'],
    pyprojectTables: ['tool.bandit'],
  },
};
