/**
 * Which security tools a repository runs or declares: the sites of `sources.ts` and the declared
 * dependencies and configuration files, matched against the tool data. Pure: text in, evidence out.
 */
import { matchGlob } from '../../repo/glob.js';
import { SECURITY_TOOLS } from './index.js';
import type { Invocation } from './shell.js';
import { collectSites, type RunPlace, type Site } from './sources.js';
import type { CommandSign, Cover, Place, RepoView, RunContext, SecurityTool } from './types.js';

/** One piece of evidence that a tool is used. */
export interface ToolEvidence extends Place {
  /** The tool's id (a bundled tool vouch has no module for keeps its own name: `depscan`). */
  tool: string;
  name: string;
  covers: readonly Cover[];
  /** `run`: something runs it; `declared`: a dependency, a configuration, a recipe nothing calls. */
  kind: 'run' | 'declared';
  /** Run by CI (directly, or through tox/nox/make/pre-commit that CI runs). */
  ci: boolean;
  /** Where it runs: CI, a pre-commit hook, a tox environment, a nox session, a make recipe. */
  place?: RunPlace | undefined;
  /** The tool that runs this one inside itself (ShiftLeft Scan runs bandit). */
  bundler?: string | undefined;
  /** What was seen, in words: "GitHub Actions step pypa/gh-action-pip-audit", "dev dependency". */
  how: string;
  /** The CI line that reaches a tox/nox/make/pre-commit run. */
  via?: Place | undefined;
  /** Why a declaration cannot be confirmed as a run (the tool's `declaredNote`). */
  note?: string | undefined;
}

/** A dependency as the matcher needs it: normalised name and where it is declared. */
export interface DeclaredDependency extends Place {
  name: string;
  group: string;
}

// Asking a tool for its version or help runs no check.
const NEVER_A_RUN = /^\s*(?:--version|-V|--help|-h|version|help)\s*$/;

/** Whether a command sign matches an invocation; the arguments for the tool's gate when it does. */
export function commandMatches(sign: CommandSign, inv: Invocation): string | undefined {
  const named =
    (inv.module !== undefined && (sign.modules ?? []).includes(inv.module)) ||
    (inv.module === undefined && inv.image === undefined && sign.programs.includes(inv.program));
  if (!named) return undefined;
  const args = inv.args.join(' ');
  if (NEVER_A_RUN.test(args)) return undefined;
  // A sign with an argument pattern needs arguments: `safety` alone is not `safety check`.
  if (sign.args !== undefined && (args.trim() === '' || !sign.args.test(args))) return undefined;
  return args;
}

/** Whether a `uses:` reference names one of the tool's actions. */
export function actionMatches(tool: SecurityTool, uses: string): boolean {
  const hit = (p: string): boolean =>
    p.endsWith('/') || p.endsWith('-') ? uses.startsWith(p) : uses === p || uses.startsWith(`${p}/`);
  return (tool.run.actions ?? []).some(hit) && !(tool.run.notActions ?? []).some(hit);
}

/** Whether a GitLab template name is one of the tool's (`Jobs/SAST.latest.gitlab-ci.yml` is `Jobs/SAST`). */
export function templateMatches(tool: SecurityTool, template: string): boolean {
  const base = template
    .trim()
    .replace(/^\//, '')
    .replace(/\.gitlab-ci\.ya?ml$/i, '')
    .replace(/\.(?:latest|v\d+)$/i, '')
    .toLowerCase();
  return (tool.run.gitlabTemplates ?? []).some((t) => t.toLowerCase() === base);
}

function placeWords(site: Site): string {
  switch (site.place) {
    case 'ci':
      return 'CI';
    case 'pre-commit':
      return `pre-commit hook ${site.unit ?? ''}`.trim();
    case 'tox':
      return `tox env ${site.unit ?? ''}`.trim();
    case 'nox':
      return `nox session ${site.unit ?? ''}`.trim();
    case 'make':
      return `${/justfile$/i.test(site.file) ? 'just' : 'make'} recipe ${site.unit ?? ''}`.trim();
  }
}

/** The runs of one tool at one site, with the arguments its gate reads. */
function runsAt(
  tool: SecurityTool,
  site: Site,
): { how: string; context: RunContext; inputs?: Record<string, string> }[] {
  const where = placeWords(site);
  switch (site.kind) {
    case 'action':
      return actionMatches(tool, site.uses)
        ? [
            {
              how: `${where}: uses ${site.uses}`,
              context: { args: site.inputs['args'] ?? '', hookDependencies: [] },
              inputs: site.inputs,
            },
          ]
        : [];
    case 'template':
      return templateMatches(tool, site.template)
        ? [
            {
              how: `${where}: includes template ${site.template}`,
              context: { args: '', hookDependencies: [] },
            },
          ]
        : [];
    case 'hook': {
      const hit = (tool.run.hooks ?? []).some(
        (h) => h.repos.includes(site.repo) && (h.ids === undefined || h.ids.includes(site.id)),
      );
      return hit
        ? [{ how: where, context: { args: site.args, hookDependencies: site.dependencies.map(packageName) } }]
        : [];
    }
    case 'command': {
      const out: { how: string; context: RunContext }[] = [];
      for (const inv of site.invocations) {
        if (inv.image !== undefined && (tool.run.images ?? []).includes(inv.image)) {
          out.push({
            how: `${where}: docker run ${inv.image}`,
            context: { args: inv.args.join(' '), hookDependencies: [] },
          });
          continue;
        }
        for (const sign of tool.run.commands ?? []) {
          const args = commandMatches(sign, inv);
          if (args === undefined) continue;
          const name = inv.module !== undefined ? `-m ${inv.module}` : inv.program;
          const hookDependencies: string[] = [];
          out.push({ how: `${where}: runs ${name}`, context: { args, hookDependencies } });
          break;
        }
      }
      return out;
    }
  }
}

/** `flake8-bandit==4.1.1` → `flake8-bandit`. */
function packageName(requirement: string): string {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return (m?.[1] ?? '').toLowerCase().replace(/[-_.]+/g, '-');
}

/** Whether a bundled tool runs, given the bundler's action inputs (`type: credscan,java` leaves python out). */
function bundleActive(
  when: { input: string; words: readonly string[] } | undefined,
  inputs: Record<string, string> | undefined,
): boolean {
  if (when === undefined) return true;
  const value = inputs?.[when.input];
  if (value === undefined || value.trim() === '') return true;
  const words = value.toLowerCase().split(/[\s,]+/);
  return when.words.some((w) => words.includes(w));
}

export interface ToolInput {
  /** Text of every listed text file, by path. */
  texts: ReadonlyMap<string, string>;
  dependencies: readonly DeclaredDependency[];
}

/** Every piece of evidence of every known tool, in file/line order. */
export function findToolEvidence(
  input: ToolInput,
  tools: readonly SecurityTool[] = SECURITY_TOOLS,
): ToolEvidence[] {
  const sites = collectSites(input.texts);
  const paths = [...input.texts.keys()].sort();
  const deps = new Map<string, DeclaredDependency>();
  for (const d of input.dependencies) if (!deps.has(d.name)) deps.set(d.name, d);
  const repo: RepoView = {
    paths,
    text: (p) => input.texts.get(p),
    dependency: (name) => deps.get(name),
  };
  const byId = new Map(tools.map((t) => [t.id, t]));
  const out: ToolEvidence[] = [];
  const seen = new Set<string>();
  const push = (e: ToolEvidence): void => {
    const key = `${e.tool}\0${e.bundler ?? ''}\0${e.kind}\0${e.file}\0${e.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(e);
  };

  for (const tool of tools) {
    for (const site of sites) {
      for (const run of runsAt(tool, site)) {
        if (tool.gate !== undefined && !tool.gate(repo, run.context).ok) continue;
        // A make/just recipe is a run only when CI calls it; a manual-stage hook only when asked for.
        const declaredOnly =
          (site.place === 'make' && !site.ci) || (site.kind === 'hook' && site.manual && !site.ci);
        const base = {
          file: site.file,
          line: site.line,
          text: site.text,
          ci: site.ci,
          place: site.place,
          via: site.via,
        };
        push({
          ...base,
          tool: tool.id,
          name: tool.name,
          covers: tool.covers,
          kind: declaredOnly ? 'declared' : 'run',
          how: run.how,
        });
        for (const b of tool.bundles ?? []) {
          if (!bundleActive(b.when, run.inputs)) continue;
          const inner = byId.get(b.tool);
          push({
            ...base,
            tool: b.tool,
            name: inner?.name ?? b.tool,
            covers: b.covers,
            kind: declaredOnly ? 'declared' : 'run',
            bundler: tool.id,
            how: `${run.how} (runs ${inner?.name ?? b.tool} inside ${tool.name})`,
          });
        }
      }
    }
    // Declarations: dependencies, configuration files, pyproject tables, a gate's own place.
    const declared = (p: Place, how: string): void => {
      push({
        ...p,
        tool: tool.id,
        name: tool.name,
        covers: tool.covers,
        kind: 'declared',
        ci: false,
        how,
        note: tool.declaredNote,
      });
    };
    const gateOk = tool.gate === undefined ? { ok: true as const } : tool.gate(repo, undefined);
    if (!gateOk.ok) continue;
    if (gateOk.place !== undefined && gateOk.declares === true) declared(gateOk.place, 'configuration');
    for (const name of tool.declared.packages ?? []) {
      const d = deps.get(name);
      if (d !== undefined) declared(d, d.group === 'main' ? 'dependency' : `${d.group} dependency`);
    }
    for (const path of paths) {
      if (tool.declared.files !== undefined && matchGlob(tool.declared.files, path)) {
        declared({ file: path, line: 1, text: path }, 'configuration file');
      }
      if (
        tool.declared.pyprojectTables !== undefined &&
        (path === 'pyproject.toml' || path.endsWith('/pyproject.toml'))
      ) {
        const lines = (input.texts.get(path) ?? '').split(/\r?\n/);
        for (const table of tool.declared.pyprojectTables) {
          const re = new RegExp(`^\\s*\\[\\s*${table.replace(/\./g, '\\.')}\\s*[\\].]`);
          const index = lines.findIndex((l) => re.test(l));
          if (index >= 0)
            declared(
              { file: path, line: index + 1, text: (lines[index] ?? '').trim() },
              `[${table}] configuration`,
            );
        }
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
