/**
 * Where a repository runs commands: CI configurations (GitHub Actions, GitLab CI, CircleCI,
 * Azure Pipelines, Travis, Bitbucket, Drone, Jenkins), pre-commit hooks, tox environments, nox
 * sessions, Makefile and justfile recipes. Each is read into sites (file:line, what runs), and
 * the runners CI calls (`tox -e lint`, `make security`, `pre-commit run`) are followed so their
 * sites count as run by CI. Pure: text in, sites out. Comments and steps switched off with
 * `if: false` run nothing.
 */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { yamlTooDeep } from '../../util/yaml-source.js';
import { invocations, stripShellComment, type Invocation } from './shell.js';
import type { Place } from './types.js';

/** What holds a site. */
export type RunPlace = 'ci' | 'pre-commit' | 'tox' | 'nox' | 'make';

interface SiteBase extends Place {
  place: RunPlace;
  /** Run by CI: written in a CI configuration, or reached from one through tox/nox/make/pre-commit. */
  ci: boolean;
  /** The CI line that reaches a tox/nox/make/pre-commit site. */
  via?: Place | undefined;
  /** The tox environment, nox session, make target or hook id the site belongs to. */
  unit?: string | undefined;
}

/** A script line: one or more commands. */
export interface CommandSite extends SiteBase {
  kind: 'command';
  /** Directory the command runs in, relative to the root ('' for the root). */
  cwd: string;
  invocations: Invocation[];
}

/** A GitHub Actions `uses:` (a step's action or a job's reusable workflow). */
export interface ActionSite extends SiteBase {
  kind: 'action';
  /** Lower case, without `@ref`. */
  uses: string;
  /** The `with:` inputs, as strings. */
  inputs: Record<string, string>;
}

/** A pre-commit hook. */
export interface HookSite extends SiteBase {
  kind: 'hook';
  /** Normalised: host/owner/name lower case, no scheme or `.git`; `local` and `meta` as written. */
  repo: string;
  id: string;
  args: string;
  dependencies: string[];
  /** Only in the `manual` stage: runs only when asked for with `--hook-stage manual`. */
  manual: boolean;
  /** The directory of the configuration file ('' for the root). */
  cwd: string;
}

/** A GitLab CI template included by name. */
export interface TemplateSite extends SiteBase {
  kind: 'template';
  template: string;
}

export type Site = CommandSite | ActionSite | HookSite | TemplateSite;

// ─── YAML with positions ──────────────────────────────────────────────────────────────────────

interface Yaml {
  file: string;
  text: string;
  raw: string[];
  lines: LineCounter;
}

function parseYaml(file: string, text: string): { y: Yaml; root: Node } | undefined {
  // A hostile workflow nested hundreds of levels deep would overflow the yaml library's stack.
  if (yamlTooDeep(text)) return undefined;
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0 || doc.contents === null) return undefined;
  return { y: { file, text, raw: text.split(/\r?\n/), lines }, root: doc.contents as Node };
}

function lineOf(y: Yaml, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : y.lines.linePos(offset).line;
}

function get(map: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of (map as YAMLMap).items) {
    if (isScalar(pair.key) && String(pair.key.value) === key)
      return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

function pairs(map: Node | null | undefined): [string, Node | undefined, Node][] {
  if (!isMap(map)) return [];
  return (map as YAMLMap).items.flatMap((pair) =>
    isScalar(pair.key)
      ? [[String(pair.key.value), (pair.value ?? undefined) as Node | undefined, pair.key as Node]]
      : [],
  ) as [string, Node | undefined, Node][];
}

function str(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

function items(node: Node | null | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** `if: false`, `if: ${{ false }}`: a step or job that never runs. */
function switchedOff(node: Node | undefined): boolean {
  if (!isScalar(node)) return false;
  if (node.value === false) return true;
  return typeof node.value === 'string' && /^\s*(?:\$\{\{\s*)?false(?:\s*\}\})?\s*$/i.test(node.value);
}

/** The lines of a script scalar, each with the source line it sits on. */
function scriptLines(y: Yaml, node: Node): Place[] {
  const value = str(node);
  if (value === undefined) return [];
  const start = lineOf(y, node);
  const end = node.range?.[2] === undefined ? start : y.lines.linePos(node.range[2]).line;
  const out: Place[] = [];
  let cursor = start;
  for (const line of value.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    let found = cursor;
    for (let l = cursor; l <= Math.max(end, cursor); l++) {
      if ((y.raw[l - 1] ?? '').includes(trimmed)) {
        found = l;
        break;
      }
    }
    cursor = found;
    out.push({ file: y.file, line: found, text: trimmed });
  }
  return out;
}

function command(p: Place, place: RunPlace, ci: boolean, cwd: string, unit?: string): CommandSite {
  return { kind: 'command', place, ci, cwd, unit, ...p, invocations: invocations(p.text) };
}

/** Command sites of a multi-line script, following `cd DIR` for the lines after it. */
function scriptSites(
  lines: readonly Place[],
  place: RunPlace,
  ci: boolean,
  cwd: string,
  unit?: string,
): CommandSite[] {
  let dir = cwd;
  const out: CommandSite[] = [];
  for (const p of lines) {
    if (stripShellComment(p.text).trim() === '') continue;
    const site = command(p, place, ci, dir, unit);
    site.cwd = dir;
    out.push(site);
    for (const inv of site.invocations) {
      if (inv.program === 'cd' && inv.args.length === 1) dir = joinDir(dir, inv.args[0] ?? '');
    }
  }
  return out;
}

function joinDir(base: string, rel: string): string {
  if (rel.startsWith('/') || rel.startsWith('$') || rel.startsWith('~') || rel.includes('{')) return base;
  const joined = posix.normalize(posix.join(base === '' ? '.' : base, rel));
  return joined === '.' ? '' : joined.replace(/^\.\//, '').replace(/\/$/, '');
}

// ─── CI configurations ────────────────────────────────────────────────────────────────────────

const GITHUB_WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const GITHUB_ACTION = /^\.github\/actions\/(?:.+\/)?action\.ya?ml$/;
const GITLAB = /^(?:\.gitlab-ci\.ya?ml|\.gitlab\/.+\.ya?ml)$/;
const OTHER_YAML_CI =
  /^(?:\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|\.azure-pipelines\/.+\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/.+\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml)$/;
const JENKINS = /^(?:.+\/)?Jenkinsfile$/;

/** Whether a path is a CI configuration vouch reads. */
export function isCiConfig(path: string): boolean {
  return (
    GITHUB_WORKFLOW.test(path) ||
    GITHUB_ACTION.test(path) ||
    GITLAB.test(path) ||
    OTHER_YAML_CI.test(path) ||
    JENKINS.test(path)
  );
}

function inputsOf(node: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs(node)) {
    const s = str(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

function action(y: Yaml, node: Node, inputs: Node | undefined): ActionSite | undefined {
  const uses = str(node);
  if (uses === undefined) return undefined;
  const line = lineOf(y, node);
  return {
    kind: 'action',
    place: 'ci',
    ci: true,
    file: y.file,
    line,
    text: (y.raw[line - 1] ?? uses).trim(),
    uses: (uses.split('@')[0] ?? uses).trim().toLowerCase(),
    inputs: inputsOf(inputs),
  };
}

function workingDirectory(node: Node | undefined): string | undefined {
  return str(get(get(get(node, 'defaults'), 'run'), 'working-directory'));
}

function githubSteps(y: Yaml, steps: Node | undefined, cwd: string): Site[] {
  const out: Site[] = [];
  for (const step of items(steps)) {
    if (switchedOff(get(step, 'if'))) continue;
    const uses = get(step, 'uses');
    if (uses !== undefined) {
      const a = action(y, uses, get(step, 'with'));
      if (a !== undefined) out.push(a);
    }
    const run = get(step, 'run');
    if (run !== undefined) {
      const dir = str(get(step, 'working-directory'));
      out.push(...scriptSites(scriptLines(y, run), 'ci', true, dir === undefined ? cwd : joinDir('', dir)));
    }
  }
  return out;
}

function githubWorkflow(y: Yaml, root: Node): Site[] {
  const out: Site[] = [];
  const wfDir = workingDirectory(root);
  for (const [, job] of pairs(get(root, 'jobs'))) {
    if (switchedOff(get(job, 'if'))) continue;
    const uses = get(job, 'uses');
    if (uses !== undefined) {
      const a = action(y, uses, get(job, 'with'));
      if (a !== undefined) out.push(a);
    }
    const dir = workingDirectory(job) ?? wfDir;
    out.push(...githubSteps(y, get(job, 'steps'), dir === undefined ? '' : joinDir('', dir)));
  }
  return out;
}

function githubAction(y: Yaml, root: Node): Site[] {
  return githubSteps(y, get(get(root, 'runs'), 'steps'), '');
}

const GITLAB_RESERVED = new Set([
  'stages',
  'variables',
  'include',
  'default',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);
const GITLAB_SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

function scriptNodes(node: Node | undefined): Node[] {
  if (isScalar(node)) return [node];
  return items(node).flatMap((n) => scriptNodes(n));
}

function gitlab(y: Yaml, root: Node): Site[] {
  const out: Site[] = [];
  const include = get(root, 'include');
  const includes = isSeq(include) ? items(include) : include === undefined ? [] : [include];
  for (const inc of includes) {
    const template = get(inc, 'template');
    const name = str(template);
    if (template !== undefined && name !== undefined) {
      const line = lineOf(y, template);
      out.push({
        kind: 'template',
        place: 'ci',
        ci: true,
        file: y.file,
        line,
        text: (y.raw[line - 1] ?? name).trim(),
        template: name,
      });
    }
  }
  const jobs = pairs(root).filter(([key, value]) => !GITLAB_RESERVED.has(key) && isMap(value));
  const extended = new Set<string>();
  for (const [, job] of jobs) {
    const ext = get(job, 'extends');
    for (const n of isSeq(ext) ? items(ext) : ext === undefined ? [] : [ext]) {
      const s = str(n);
      if (s !== undefined) extended.add(s);
    }
  }
  const scripts = (owner: Node | undefined): void => {
    for (const key of GITLAB_SCRIPT_KEYS)
      for (const n of scriptNodes(get(owner, key)))
        out.push(...scriptSites(scriptLines(y, n), 'ci', true, ''));
  };
  scripts(root);
  scripts(get(root, 'default'));
  for (const [name, job] of jobs) {
    // A hidden job (`.name`) runs only through a job that extends it; `when: never` never runs.
    if (name.startsWith('.') && !extended.has(name)) continue;
    if (str(get(job, 'when')) === 'never') continue;
    scripts(job);
  }
  return out;
}

// Keys whose values are shell commands in the other YAML CI formats.
const SCRIPT_KEYS = new Set([
  'script',
  'scripts',
  'before_script',
  'after_script',
  'before_install',
  'install',
  'before_deploy',
  'after_success',
  'after_failure',
  'after-script',
  'command',
  'commands',
  'run',
  'bash',
  'pwsh',
  'powershell',
  'inlineScript',
  'cmd',
  'test_script',
  'build_script',
]);

function genericYamlCi(y: Yaml, root: Node): Site[] {
  const out: Site[] = [];
  const walk = (node: Node | undefined, depth: number): void => {
    if (node === undefined || depth > 40) return;
    if (isSeq(node)) for (const n of items(node)) walk(n, depth + 1);
    if (!isMap(node)) return;
    if (switchedOff(get(node, 'if')) || switchedOff(get(node, 'condition'))) return;
    for (const [key, value] of pairs(node)) {
      if (SCRIPT_KEYS.has(key) && !isMap(value)) {
        for (const n of scriptNodes(value)) out.push(...scriptSites(scriptLines(y, n), 'ci', true, ''));
      } else walk(value, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** `sh '...'`, `sh """..."""`, `bat "..."` steps of a Jenkinsfile, `//` comments aside. */
function jenkins(file: string, text: string): Site[] {
  const out: Site[] = [];
  const clean = text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|\s)\/\/.*$/gm, '$1');
  const re = /\b(?:sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?('''|"""|'|")([\s\S]*?)\1/g;
  for (const m of clean.matchAll(re)) {
    const body = m[2] ?? '';
    const startLine = clean
      .slice(0, (m.index ?? 0) + m[0].indexOf(m[1] ?? '') + (m[1] ?? '').length)
      .split('\n').length;
    const lines = body.split('\n').map((t, k) => ({ file, line: startLine + k, text: t.trim() }));
    out.push(
      ...scriptSites(
        lines.filter((l) => l.text !== ''),
        'ci',
        true,
        '',
      ),
    );
  }
  return out;
}

function ciSites(file: string, text: string): Site[] {
  if (JENKINS.test(file)) return jenkins(file, text);
  const parsed = parseYaml(file, text);
  if (parsed === undefined) return [];
  const { y, root } = parsed;
  if (GITHUB_WORKFLOW.test(file)) return githubWorkflow(y, root);
  if (GITHUB_ACTION.test(file)) return githubAction(y, root);
  if (GITLAB.test(file)) return gitlab(y, root);
  return genericYamlCi(y, root);
}

// ─── pre-commit ─────────────────────────────────────────────────────────────────────────────────

/** A hook repository URL as tool data names it: `https://github.com/PyCQA/bandit.git` → `github.com/pycqa/bandit`. */
export function normaliseRepo(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^git@([^:]+):/, '$1/')
    .replace(/^www\./, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function preCommit(file: string, text: string): Site[] {
  const parsed = parseYaml(file, text);
  if (parsed === undefined) return [];
  const { y, root } = parsed;
  const cwd = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const out: Site[] = [];
  for (const repoNode of items(get(root, 'repos'))) {
    const repo = normaliseRepo(str(get(repoNode, 'repo')) ?? '');
    for (const hook of items(get(repoNode, 'hooks'))) {
      const idNode = get(hook, 'id');
      const id = str(idNode);
      if (id === undefined || idNode === undefined) continue;
      const args = items(get(hook, 'args'))
        .map((n) => str(n) ?? '')
        .join(' ');
      const dependencies = items(get(hook, 'additional_dependencies')).map((n) => str(n) ?? '');
      const stages = items(get(hook, 'stages')).map((n) => str(n) ?? '');
      const line = lineOf(y, idNode);
      const site: HookSite = {
        kind: 'hook',
        place: 'pre-commit',
        ci: false,
        file,
        line,
        text: (y.raw[line - 1] ?? id).trim(),
        unit: id,
        repo,
        id,
        args,
        dependencies,
        manual: stages.length > 0 && stages.every((s) => s === 'manual'),
        cwd,
      };
      out.push(site);
      // A local hook runs its entry: the command is what matters.
      const entryNode = get(hook, 'entry');
      const entry = str(entryNode);
      if (repo === 'local' && entry !== undefined && entryNode !== undefined) {
        const eline = lineOf(y, entryNode);
        const c = command(
          { file, line: eline, text: `${entry} ${args}`.trim() },
          'pre-commit',
          false,
          cwd,
          id,
        );
        c.text = (y.raw[eline - 1] ?? entry).trim();
        out.push(c);
      }
    }
  }
  return out;
}

// ─── tox, nox, make ─────────────────────────────────────────────────────────────────────────────

interface IniEntry {
  section: string;
  key: string;
  lines: Place[];
}

function iniEntries(file: string, text: string): IniEntry[] {
  const raw = text.split(/\r?\n/);
  const out: IniEntry[] = [];
  let section = '';
  let current: IniEntry | undefined;
  raw.forEach((line, index) => {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim();
      current = undefined;
      return;
    }
    if (/^\s*[#;]/.test(line) || line.trim() === '') return;
    if (/^\s/.test(line) && current !== undefined) {
      current.lines.push({ file, line: index + 1, text: line.trim() });
      return;
    }
    const kv = /^([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) {
      current = undefined;
      return;
    }
    current = { section, key: (kv[1] ?? '').toLowerCase(), lines: [] };
    const first = (kv[2] ?? '').trim();
    if (first !== '') current.lines.push({ file, line: index + 1, text: first });
    out.push(current);
  });
  return out;
}

/** `py{311,312}-lint` → `py311-lint`, `py312-lint` (one level of braces). */
function expandBraces(name: string): string[] {
  const m = /^(.*?)\{([^{}]*)\}(.*)$/.exec(name);
  if (!m) return [name];
  return (m[2] ?? '').split(',').flatMap((part) => expandBraces(`${m[1] ?? ''}${part.trim()}${m[3] ?? ''}`));
}

interface Tox {
  file: string;
  envlist: string[];
  /** Commands by environment name; '' is `[testenv]`, used by environments without their own. */
  envs: Map<string, CommandSite[]>;
}

function tox(file: string, text: string): Tox {
  const cwd = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const envs = new Map<string, CommandSite[]>();
  let envlist: string[] = [];
  for (const e of iniEntries(file, text)) {
    if ((e.section === 'tox' || e.section === 'tox:tox') && (e.key === 'envlist' || e.key === 'env_list')) {
      envlist = e.lines
        .flatMap((l) => l.text.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .flatMap(expandBraces);
    }
    const m = /^testenv(?::(.+))?$/.exec(e.section);
    if (!m || !['commands', 'commands_pre', 'commands_post'].includes(e.key)) continue;
    for (const name of m[1] === undefined ? [''] : expandBraces(m[1].trim())) {
      const sites = e.lines
        .filter((l) => !l.text.startsWith('#'))
        .map((l) => command(l, 'tox', false, cwd, name === '' ? 'testenv' : name));
      envs.set(name, [...(envs.get(name) ?? []), ...sites]);
    }
  }
  return { file, envlist, envs };
}

interface Nox {
  file: string;
  defaults: string[] | undefined;
  sessions: Map<string, CommandSite[]>;
}

/** `session.run("bandit", "-r", "src")` calls of each `@nox.session` function. */
function nox(file: string, text: string): Nox {
  const cwd = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const raw = text.split(/\r?\n/);
  const sessions = new Map<string, CommandSite[]>();
  let defaults: string[] | undefined;
  let pendingName: string | undefined;
  let decorated = false;
  let current: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const line = (raw[i] ?? '').replace(/(^|\s)#.*$/, '');
    const opts = /^nox\.options\.sessions\s*=\s*\[(.*)\]/.exec(line);
    if (opts) defaults = [...(opts[1] ?? '').matchAll(/(['"])([^'"]+)\1/g)].map((m) => m[2] ?? '');
    const deco = /^@nox\.session\b(.*)$/.exec(line);
    if (deco) {
      decorated = true;
      pendingName = /\bname\s*=\s*(['"])([^'"]+)\1/.exec(deco[1] ?? '')?.[2];
      continue;
    }
    const def = /^(?:async\s+)?def\s+(\w+)\s*\(/.exec(line);
    if (def) {
      current = decorated ? (pendingName ?? def[1] ?? '') : undefined;
      if (current !== undefined && !sessions.has(current)) sessions.set(current, []);
      decorated = false;
      pendingName = undefined;
      continue;
    }
    if (/^\S/.test(line) && !line.startsWith('@')) current = undefined;
    if (current === undefined) continue;
    const call = /\bsession\.run(?:_always|_install)?\s*\(/.exec(line);
    if (!call) continue;
    // The call's text until its parentheses balance (a few lines at most).
    let body = line.slice(call.index + call[0].length);
    let depth = 1 + (body.match(/\(/g) ?? []).length - (body.match(/\)/g) ?? []).length;
    for (let j = i + 1; depth > 0 && j < raw.length && j < i + 20; j++) {
      const next = (raw[j] ?? '').replace(/(^|\s)#.*$/, '');
      body += ' ' + next;
      depth += (next.match(/\(/g) ?? []).length - (next.match(/\)/g) ?? []).length;
    }
    const words = [...body.matchAll(/(['"])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2] ?? '');
    if (words.length === 0) continue;
    const site = command({ file, line: i + 1, text: (raw[i] ?? '').trim() }, 'nox', false, cwd, current);
    site.invocations = invocations(words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' '));
    sessions.get(current)?.push(site);
  }
  return { file, defaults, sessions };
}

interface Make {
  file: string;
  first: string | undefined;
  targets: Map<string, { prerequisites: string[]; sites: CommandSite[] }>;
}

/** Makefile rules (tab-indented recipes) or justfile recipes (indented bodies). */
function make(file: string, text: string, just: boolean): Make {
  const cwd = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const raw = text.split(/\r?\n/);
  const targets: Make['targets'] = new Map();
  let first: string | undefined;
  let current: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] ?? '';
    const isRecipe = just ? /^[ \t]+\S/.test(line) : line.startsWith('\t');
    if (isRecipe) {
      if (current.length === 0) continue;
      const start = i;
      while (line.endsWith('\\') && i + 1 < raw.length)
        line = `${line.slice(0, -1)} ${(raw[++i] ?? '').trim()}`;
      const textLine = line
        .trim()
        .replace(/^[@+-]+/, '')
        .replace(/^\[[^\]]*\]\s*/, '');
      const site = command({ file, line: start + 1, text: textLine }, 'make', false, cwd, current[0]);
      site.text = (raw[start] ?? '').trim();
      for (const t of current) targets.get(t)?.sites.push(site);
      continue;
    }
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const rule = just
      ? /^@?([A-Za-z_][\w-]*)(?:\s+[^:]*)?:(?!=)\s*(.*)$/.exec(line)
      : /^([^\s:=#][^:=#]*?)\s*::?(?![=])\s*([^=]*)$/.exec(line);
    if (!rule) {
      current = [];
      continue;
    }
    const names = (rule[1] ?? '')
      .split(/\s+/)
      .filter((n) => n !== '' && !n.includes('%') && !n.includes('$'));
    const prerequisites = (rule[2] ?? '')
      .replace(/[;#].*$/, '')
      .split(/\s+/)
      .filter((n) => n !== '' && !n.startsWith('|'));
    current = names.filter((n) => !n.startsWith('.'));
    for (const n of current) {
      if (first === undefined) first = n;
      const t = targets.get(n) ?? { prerequisites: [], sites: [] };
      t.prerequisites.push(...prerequisites);
      targets.set(n, t);
    }
  }
  return { file, first, targets };
}

// ─── following CI into the runners ─────────────────────────────────────────────────────────────

const TOX_FILES = /(?:^|\/)tox\.ini$/;
const NOX_FILES = /(?:^|\/)noxfile\.py$/;
const MAKE_FILES = /(?:^|\/)(?:GNUmakefile|[Mm]akefile)$/;
const JUST_FILES = /(?:^|\/)(?:[Jj]ustfile|\.justfile)$/;
const PRE_COMMIT_FILES = /(?:^|\/)\.pre-commit-config\.ya?ml$/;

function within(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Values of an option (`-e a,b`, `-e=a`, `--env a`) in a command's words. */
function optionValues(args: readonly string[], names: readonly string[], many = false): string[] | undefined {
  let found: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    for (const n of names) {
      if (a === n) {
        const values: string[] = [];
        for (let j = i + 1; j < args.length && !(args[j] ?? '').startsWith('-'); j++) {
          values.push(args[j] ?? '');
          if (!many) break;
        }
        found = [...(found ?? []), ...values];
      } else if (a.startsWith(`${n}=`)) found = [...(found ?? []), a.slice(n.length + 1)];
    }
  }
  return found?.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

function positionals(args: readonly string[], valueOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (valueOptions.has(a)) i++;
      continue;
    }
    if (/^[A-Za-z_]\w*=/.test(a)) continue;
    out.push(a);
  }
  return out;
}

const MAKE_VALUE_OPTIONS = new Set([
  '-C',
  '-f',
  '--file',
  '--directory',
  '-j',
  '--jobs',
  '-l',
  '-o',
  '-W',
  '-I',
]);
const PRE_COMMIT_VALUE_OPTIONS = new Set([
  '--hook-stage',
  '-c',
  '--config',
  '--from-ref',
  '--to-ref',
  '--source',
  '--origin',
  '-s',
  '-o',
  '--files',
]);

/** Every site of a repository's runners, with the ones CI reaches marked `ci`. */
export function collectSites(texts: ReadonlyMap<string, string>): Site[] {
  const paths = [...texts.keys()].sort();
  const sites: Site[] = [];
  // By name first: the text of a file that is neither is never asked for (a run over an
  // unchanged tree reads only what it looks at).
  for (const path of paths) {
    if (isCiConfig(path)) sites.push(...ciSites(path, texts.get(path) ?? ''));
    else if (PRE_COMMIT_FILES.test(path)) sites.push(...preCommit(path, texts.get(path) ?? ''));
  }
  const toxes = new Map(paths.filter((p) => TOX_FILES.test(p)).map((p) => [p, tox(p, texts.get(p) ?? '')]));
  const noxes = new Map(paths.filter((p) => NOX_FILES.test(p)).map((p) => [p, nox(p, texts.get(p) ?? '')]));
  const makes = new Map([
    ...paths
      .filter((p) => MAKE_FILES.test(p))
      .map((p): [string, Make] => [p, make(p, texts.get(p) ?? '', false)]),
    ...paths
      .filter((p) => JUST_FILES.test(p))
      .map((p): [string, Make] => [p, make(p, texts.get(p) ?? '', true)]),
  ]);
  const runnerSites = new Set<Site>();
  const addRunner = (s: Site): void => {
    if (!runnerSites.has(s)) {
      runnerSites.add(s);
      sites.push(s);
    }
  };
  for (const t of toxes.values()) for (const list of t.envs.values()) list.forEach(addRunner);
  for (const n of noxes.values()) for (const list of n.sessions.values()) list.forEach(addRunner);
  for (const m of makes.values()) for (const t of m.targets.values()) t.sites.forEach(addRunner);

  // Follow CI into the runners it calls, breadth first; a site reached once stays reached.
  const queue: Site[] = sites.filter((s) => s.ci);
  const reach = (s: Site, from: Site): void => {
    if (s.ci) return;
    s.ci = true;
    s.via = from.via ?? { file: from.file, line: from.line, text: from.text };
    queue.push(s);
  };
  const hooks = sites.filter((s): s is HookSite => s.kind === 'hook');
  const reachHooks = (
    from: Site,
    dir: string,
    config: string | undefined,
    ids: string[],
    manual: boolean,
  ): void => {
    const file = config === undefined ? undefined : joinDir(dir, config);
    for (const h of hooks) {
      if (file !== undefined ? h.file !== file : h.cwd !== dir) continue;
      if (ids.length > 0 && !ids.includes(h.id)) continue;
      if (h.manual && !manual) continue;
      reach(h, from);
      // A local hook's command site shares the hook's line of definition.
      for (const s of sites)
        if (s.kind === 'command' && s.place === 'pre-commit' && s.file === h.file && s.unit === h.id)
          reach(s, from);
    }
  };
  for (let k = 0; k < queue.length; k++) {
    const from = queue[k]!;
    if (from.kind === 'action') {
      if (from.uses === 'pre-commit/action' || from.uses === 'pre-commit-ci/lite-action') {
        const extra = (from.inputs['extra_args'] ?? '').split(/\s+/).filter((w) => w !== '');
        const ids = positionals(extra, PRE_COMMIT_VALUE_OPTIONS);
        reachHooks(
          from,
          '',
          optionValues(extra, ['-c', '--config'])?.[0],
          ids,
          optionValues(extra, ['--hook-stage'])?.[0] === 'manual',
        );
      }
      continue;
    }
    if (from.kind !== 'command') continue;
    for (const inv of from.invocations) {
      const prog = inv.module ?? inv.program;
      if (prog === 'tox') {
        const file = optionValues(inv.args, ['-c', '--conf'])?.[0];
        const t = toxes.get(file !== undefined ? joinDir(from.cwd, file) : within(from.cwd, 'tox.ini'));
        if (t === undefined) continue;
        if (optionValues(inv.args, ['-m', '--labels', '-f', '--factors']) !== undefined) continue;
        const named = optionValues(inv.args, ['-e', '--env'], false);
        const envs =
          named !== undefined ? named.flatMap(expandBraces) : t.envlist.length > 0 ? t.envlist : [''];
        for (const env of envs) (t.envs.get(env) ?? t.envs.get('') ?? []).forEach((s) => reach(s, from));
        if (named?.includes('ALL') || inv.args.includes('--all'))
          for (const list of t.envs.values()) list.forEach((s) => reach(s, from));
      } else if (prog === 'nox') {
        const file = optionValues(inv.args, ['-f', '--noxfile'])?.[0];
        const n = noxes.get(file !== undefined ? joinDir(from.cwd, file) : within(from.cwd, 'noxfile.py'));
        if (n === undefined) continue;
        if (optionValues(inv.args, ['-k', '--keywords', '-t', '--tags']) !== undefined) continue;
        const named = optionValues(inv.args, ['-s', '--session', '--sessions', '-e'], true);
        const names = named ?? n.defaults ?? [...n.sessions.keys()];
        for (const name of names) (n.sessions.get(name) ?? []).forEach((s) => reach(s, from));
      } else if (
        prog === 'make' ||
        prog === '$(make)' ||
        prog === '${make}' ||
        prog === 'gmake' ||
        prog === 'just'
      ) {
        const dir = joinDir(
          from.cwd,
          optionValues(inv.args, ['-C', '--directory', '-d', '--working-directory'])?.[0] ?? '.',
        );
        const fileOpt = optionValues(inv.args, ['-f', '--file', '--justfile'])?.[0];
        const names =
          prog === 'just' ? ['justfile', 'Justfile', '.justfile'] : ['GNUmakefile', 'makefile', 'Makefile'];
        const candidates = fileOpt !== undefined ? [joinDir(dir, fileOpt)] : names.map((n) => within(dir, n));
        const m = candidates.map((c) => makes.get(c)).find((x) => x !== undefined);
        if (m === undefined) continue;
        const goals = positionals(inv.args, MAKE_VALUE_OPTIONS);
        const pending = goals.length > 0 ? [...goals] : m.first !== undefined ? [m.first] : [];
        const done = new Set<string>();
        while (pending.length > 0) {
          const goal = pending.pop()!;
          if (done.has(goal)) continue;
          done.add(goal);
          const t = m.targets.get(goal);
          if (t === undefined) continue;
          t.sites.forEach((s) => reach(s, from));
          pending.push(...t.prerequisites);
        }
      } else if (prog === 'pre-commit' || prog === 'prek') {
        if (inv.args[0] !== 'run') continue;
        const rest = inv.args.slice(1);
        reachHooks(
          from,
          from.cwd,
          optionValues(rest, ['-c', '--config'])?.[0],
          positionals(rest, PRE_COMMIT_VALUE_OPTIONS),
          optionValues(rest, ['--hook-stage'])?.[0] === 'manual',
        );
      }
    }
  }
  return sites;
}
