/** Plain facts about the audited repository, collected once per audit (the only I/O layer). */
import type { VulnFacts } from '../vuln/types.js';
import type { SecretFound } from '../probes/secrets.js';

/** Where a file sits: code that ships, or something that does not (tests, docs, examples...). */
export type FileContext = 'code' | 'test' | 'docs' | 'example' | 'migration';

export interface RepoFile {
  /** POSIX path relative to the repository root. */
  path: string;
  size: number;
  context: FileContext;
}

export interface SkippedFile {
  path: string;
  reason: 'too-large' | 'binary' | 'vendored' | 'symlink-outside' | 'excluded' | 'unreadable';
}

export interface Dependency {
  /** Name normalised as pip does (PEP 503: lower case, runs of -_. become -). */
  name: string;
  /** The specifier as written, e.g. "==1.2.3", ">=2", "" */
  specifier: string;
  /** True when the specifier pins one exact version (== without wildcard, or ===). */
  pinned: boolean;
  hashes: number;
  extras: string[];
  marker?: string;
  /** URL, VCS or path requirement (never pinned by version). */
  url?: string;
  editable?: boolean;
  /** Manifest path and line where it was declared. */
  file: string;
  line: number;
  /** e.g. "main", "dev", group name, Pipfile section. */
  group: string;
}

export interface Manifest {
  path: string;
  kind:
    | 'requirements'
    | 'pyproject-pep621'
    | 'pyproject-poetry'
    | 'pyproject-uv'
    | 'pyproject-pdm'
    | 'pipfile'
    | 'setup.cfg'
    | 'setup.py';
  dependencies: Dependency[];
  /** Problems reading it (bad TOML...), shown as evidence, never fatal. */
  errors: string[];
}

export interface LockFile {
  path: string;
  kind: 'poetry.lock' | 'uv.lock' | 'Pipfile.lock' | 'pdm.lock' | 'pip-compile' | 'pylock';
  packages: number;
  /** Each locked package with its exact version and the line naming it (not for pip-compile, whose pins are the manifest's). */
  entries?: LockedPackage[] | undefined;
}

/** One package a lock file pins: name normalised as pip does. */
export interface LockedPackage {
  name: string;
  version: string;
  line: number;
}

export interface GitFacts {
  isRepo: boolean;
  head?: string | undefined;
  branch?: string | undefined;
  dirty?: boolean | undefined;
  /** Paths of tracked files (relative, POSIX). Empty when not a git repository. */
  tracked: string[];
  /** For each .env-like path found (tracked or not): is it ignored by .gitignore? */
  envFiles: { path: string; tracked: boolean; ignored: boolean }[];
  /** Whether a plain `.env` at the root would be ignored. */
  envIgnored: boolean;
  user?: { name?: string; email?: string } | undefined;
}

/** A finding from a tool or a built-in analyser, before checklist rules apply. */
export interface RawFinding {
  /** The rule id: bandit test id (B602) or built-in rule id (py-eval). */
  rule: string;
  message: string;
  file: string;
  line: number;
  column?: number | undefined;
  /** The source line, redacted where it may hold a secret; at most 200 chars. */
  snippet?: string | undefined;
  severity?: 'high' | 'medium' | 'low' | undefined;
  confidence?: 'high' | 'medium' | 'low' | undefined;
}

export type ToolStatus = 'ok' | 'missing' | 'disabled' | 'error' | 'timeout';

export interface ToolRun {
  status: ToolStatus;
  /** Human reason when status is not ok. */
  reason?: string | undefined;
  version?: string | undefined;
  path?: string | undefined;
  durationMs: number;
  findings: RawFinding[];
  /** Files the tool could not read (parse errors...), kept and shown. */
  errors: { file: string; message: string }[];
  /** How busy each concurrent process was (bandit's shards), to see the balance. */
  processes?: ProcessLoad[] | undefined;
}

/** One lane of concurrent tool processes: time spent running, pieces and files handled. */
export interface ProcessLoad {
  busyMs: number;
  pieces: number;
  files: number;
}

export interface PythonScan {
  findings: RawFinding[];
  filesScanned: number;
  filesParsed: number;
  errors: { file: string; message: string }[];
  durationMs: number;
}

export interface VulnerableDependency {
  name: string;
  version: string;
  id: string;
  aliases: string[];
  fixVersions: string[];
  description?: string | undefined;
}

export interface PipAuditRun extends Omit<ToolRun, 'findings'> {
  vulnerabilities: VulnerableDependency[];
  dependenciesChecked: number;
}

export interface ToolInfo {
  name: string;
  path?: string | undefined;
  version?: string | undefined;
}

export interface Facts {
  root: string;
  files: RepoFile[];
  skipped: SkippedFile[];
  /** Text of every listed text file (decoded leniently), by path. */
  text: ReadonlyMap<string, string>;
  /** The secrets in each file that may hold one (vouch's detectors, redacted); computed when absent. */
  secrets?: ReadonlyMap<string, SecretFound[]> | undefined;
  git: GitFacts;
  manifests: Manifest[];
  lockFiles: LockFile[];
  python: PythonScan;
  bandit: ToolRun;
  pipAudit: PipAuditRun;
  /** Known-vulnerable dependencies from the OSV database and imported reports (`src/vuln/`). */
  vulnerabilities: VulnFacts;
  /** Executables looked up on PATH, by name. */
  tools: Record<string, ToolInfo>;
}
