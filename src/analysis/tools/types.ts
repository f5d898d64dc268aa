/**
 * Knowledge about security tools, as data: what a tool covers, how a *run* of it is recognised
 * (CI steps, pre-commit hooks, tox/nox/make commands) and how a mere *declaration* is (a
 * dependency, a configuration file). One module per tool in this folder; `index.ts` lists them.
 */

/** What a tool checks. */
export type Cover = 'sast' | 'dependencies' | 'secrets' | 'dast' | 'supply-chain';

export const COVERS: readonly Cover[] = ['sast', 'dependencies', 'secrets', 'dast', 'supply-chain'];

/** A command a tool is run by: the program word, and what the rest of the line must look like. */
export interface CommandSign {
  /** Program names (basename, lower case): `bandit`, `pip-audit`, `zap-baseline.py`. */
  programs: readonly string[];
  /** Module names run as `python -m MODULE`: `bandit`, `pip_audit`. */
  modules?: readonly string[];
  /**
   * The arguments after the program must match (e.g. safety's `check`/`scan` subcommand); a
   * program alone, `--version` and `--help` are never runs.
   */
  args?: RegExp;
}

/** A pre-commit hook that runs the tool. */
export interface HookSign {
  /** Hook repositories, normalised: host/owner/name in lower case, no scheme, no `.git`. */
  repos: readonly string[];
  /** Hook ids; absent means any hook of those repositories. */
  ids?: readonly string[];
}

/** Another tool run inside this one (ShiftLeft Scan runs bandit): its coverage is indirect. */
export interface Bundled {
  tool: string;
  covers: readonly Cover[];
  /**
   * When an action input selects what runs (ShiftLeft's `type: python,depscan`): the bundled tool
   * runs when the input is absent or names one of these words.
   */
  when?: { input: string; words: readonly string[] };
}

/** Where a tool's evidence was found: a file and a 1-based line, with the line's text. */
export interface Place {
  file: string;
  line: number;
  text: string;
}

/**
 * What a tool's extra condition (ruff selecting `S`) found: where it is enabled, or why not.
 * `declares`: the place is itself a declaration of the tool (a ruff configuration selecting `S`).
 */
export type Gate = { ok: true; place?: Place | undefined; declares?: boolean } | { ok: false; why: string };

/** A run of a tool, as the gate of a tool sees it: its arguments and pre-commit extras. */
export interface RunContext {
  /** The command's arguments after the program (or a hook's `args`), as one string. */
  args: string;
  /** pre-commit `additional_dependencies` of the hook, normalised names. */
  hookDependencies: readonly string[];
}

/** The repository as a tool's gate may read it: file texts and declared dependencies. */
export interface RepoView {
  paths: readonly string[];
  text(path: string): string | undefined;
  /** Declared dependencies by normalised name: where each is declared. */
  dependency(name: string): Place | undefined;
}

export interface SecurityTool {
  /** Stable id, kebab-case: `bandit`, `ruff-bandit`, `osv-scanner`. */
  id: string;
  /** Name shown to people. */
  name: string;
  covers: readonly Cover[];
  /** A one-line description of what it is, for documentation. */
  summary: string;
  run: {
    /** GitHub Actions `uses:` references, lower case, without `@ref`; a value ending in `/` or `-` is a prefix. */
    actions?: readonly string[];
    /** `uses:` references that match `actions` but do not run the tool (an installer). */
    notActions?: readonly string[];
    commands?: readonly CommandSign[];
    /** Docker images (lower case, without tag) whose `docker run` is a run of the tool. */
    images?: readonly string[];
    hooks?: readonly HookSign[];
    /** GitLab CI templates (`include: - template: Jobs/SAST.gitlab-ci.yml`), named without `.latest`/`.vN` and `.gitlab-ci.yml`. */
    gitlabTemplates?: readonly string[];
  };
  declared: {
    /** Package names (normalised) whose declaration, in any group, declares the tool. */
    packages?: readonly string[];
    /** Globs of configuration files. */
    files?: readonly string[];
    /** pyproject.toml tables (`tool.bandit`) that configure the tool. */
    pyprojectTables?: readonly string[];
  };
  bundles?: readonly Bundled[];
  /** Why a declaration of this tool cannot be confirmed as a run, when there is more to say. */
  declaredNote?: string;
  /**
   * An extra condition a run or declaration needs to count (ruff counts only with its `S` rules
   * selected). Given the run (or undefined for a declaration), says whether the tool is enabled.
   */
  gate?(repo: RepoView, run: RunContext | undefined): Gate;
}
