import type { ImportedFinding, VulnerabilityHit } from '../types.js';

/** What one imported report says, before it is placed against the repository's manifests. */
export interface ImportedReport {
  kind: 'pip-audit' | 'osv-scanner' | 'sarif';
  /** The file as given on the command line. */
  file: string;
  /** The tool that wrote it (`pip-audit`, `osv-scanner`, SARIF's `tool.driver.name`). */
  tool: string;
  /** Dependencies the report says it checked. */
  checked: { name: string; version: string }[];
  /** Manifest or lock files the tool read (osv-scanner's `source.path`), as written there. */
  scannedFiles: string[];
  hits: Omit<VulnerabilityHit, 'file' | 'line'>[];
  /** SARIF results, for the checklist items they bear on. */
  findings: ImportedFinding[];
}
