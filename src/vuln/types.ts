/** Known-vulnerable dependencies: what the OSV database and imported reports say, as plain facts. */

/** One `affected[]` entry of an OSV record, for a PyPI package (name normalised as pip does). */
export interface OsvAffected {
  name: string;
  /** `ranges[]` as published; only ECOSYSTEM ranges can be evaluated for PyPI. */
  ranges: { type: string; events: OsvEvent[] }[];
  versions: string[];
}

export type OsvEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** The parts of an OSV record vouch uses. */
export interface OsvRecord {
  id: string;
  aliases: string[];
  modified?: string | undefined;
  withdrawn?: string | undefined;
  summary?: string | undefined;
  /** PyPI entries only. */
  affected: OsvAffected[];
}

/** A dependency whose version is known exactly: an `==` pin, a lock-file entry, pip-compile output. */
export interface KnownVersion {
  name: string;
  version: string;
  file: string;
  line: number;
}

/** A declared dependency no exact version is known for: a database cannot answer for it. */
export interface UncoveredDependency {
  name: string;
  /** How it was written (`>=2.0`, `@ git+https://...`, nothing). */
  specifier: string;
  file: string;
  line: number;
  reason: string;
}

/** One known vulnerability of one dependency, from the database or an imported report. */
export interface VulnerabilityHit {
  name: string;
  version: string;
  id: string;
  aliases: string[];
  /** Versions that fix it, where the source says. */
  fixed: string[];
  summary?: string | undefined;
  /** Where the dependency is declared or locked (absent when an import names no file vouch knows). */
  file?: string | undefined;
  line?: number | undefined;
  /** Who said so: `OSV database`, `pip-audit report x.json`... */
  source: string;
}

/** A record that names the dependency but whose ranges vouch cannot evaluate (shown, not guessed). */
export interface UnevaluatedMatch {
  name: string;
  version: string;
  id: string;
  file: string;
  line: number;
  reason: string;
}

/** Where an answer about vulnerabilities came from. */
export interface VulnSource {
  kind: 'osv-db' | 'pip-audit' | 'osv-scanner';
  /** The path as given. */
  path: string;
  /** osv-db: records read, newest `modified`, withdrawn records. */
  records?: number | undefined;
  newestModified?: string | undefined;
  withdrawn?: number | undefined;
  /** Imports: the dependencies the report says it checked (name → versions). */
  checked?: number | undefined;
}

/** A finding from another scanner's SARIF, to attach to the checklist items it bears on. */
export interface ImportedFinding {
  tool: string;
  file: string;
  rule: string;
  message: string;
  path?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** CWE numbers the rule names (`79` for CWE-79). */
  cwes: string[];
  level?: string | undefined;
}

/** Everything known about vulnerable dependencies in one audit. */
export interface VulnFacts {
  /** Empty when no database was given and nothing was imported: the probe cannot answer. */
  sources: VulnSource[];
  hits: VulnerabilityHit[];
  unevaluated: UnevaluatedMatch[];
  /** Dependencies with an exact version (checked against the database, when there is one). */
  known: KnownVersion[];
  /** Names of the dependencies some source checked (the database: every known version; imports: what they name or read). */
  checked: string[];
  /** Declared dependencies no source covers. */
  uncovered: UncoveredDependency[];
  /** SARIF findings from other scanners. */
  findings: ImportedFinding[];
}

export const NO_VULN_FACTS: VulnFacts = {
  sources: [],
  hits: [],
  unevaluated: [],
  known: [],
  checked: [],
  uncovered: [],
  findings: [],
};
