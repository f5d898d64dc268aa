import type { SecurityTool } from './types.js';

/** PyPA's pip-audit: Python dependencies checked against the PyPI and OSV advisory databases. */
export const pipAudit: SecurityTool = {
  id: 'pip-audit',
  name: 'pip-audit',
  covers: ['dependencies'],
  summary: 'audits Python environments and requirements for known vulnerabilities (PyPA)',
  run: {
    actions: ['pypa/gh-action-pip-audit'],
    commands: [{ programs: ['pip-audit'], modules: ['pip_audit'] }],
    hooks: [{ repos: ['github.com/pypa/pip-audit'], ids: ['pip-audit'] }],
  },
  declared: {
    packages: ['pip-audit'],
  },
};
