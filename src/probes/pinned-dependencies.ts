import type { Dependency, Facts, Manifest } from '../repo/types.js';
import { manifestErrorNotes, requirementText } from './dependency.js';
import { contextOf, plural, snippetOf, type ValidatingProbe } from './support.js';
import type { Finding, ProbeResult } from './types.js';

export type PinnedDependenciesParams = { require_hashes?: boolean };

// Files an application installs from: they are expected to pin. pyproject/setup.* of a library
// declare ranges by convention and are pinned by a lock or a pinned requirements file instead.
const PIN_EXPECTED: ReadonlySet<Manifest['kind']> = new Set(['requirements', 'pipfile']);

/** The project's own code (`-e .`, `./pkg`, `file:`) is not a dependency to pin. */
function isLocal(d: Dependency): boolean {
  if (d.url === undefined) return false;
  return (
    /^(?:\.{1,2}(?:\/|$)|\/|file:)/.test(d.url) || (d.editable === true && !/^[a-z+]+:\/\//i.test(d.url))
  );
}

// Requirement groups (from file names such as `requirements-dev.txt`, `requirements/lint.txt`,
// dependency groups and Pipfile sections) that hold development tools, not what the application runs.
const DEV_WORDS = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'linters',
  'doc',
  'docs',
  'documentation',
  'typing',
  'types',
  'mypy',
  'style',
  'format',
  'fmt',
  'ci',
  'tox',
  'nox',
  'pre-commit',
  'precommit',
  'qa',
  'check',
  'checks',
  'coverage',
  'bench',
  'benchmark',
  'benchmarks',
  'tools',
  'tooling',
  'audit',
  'security',
  'release',
  'publish',
  'packages-dev',
]);

/** A dependency of a development tool: its group names one, or its file sits in tests/ or docs/. */
export function isDevTool(facts: Facts, d: Dependency): boolean {
  const context = contextOf(facts, d.file);
  if (context === 'test' || context === 'docs') return true;
  const group = d.group.toLowerCase();
  return DEV_WORDS.has(group) || group.split(/[-_.]+/).some((w) => DEV_WORDS.has(w));
}

/** Pinned by version, or a VCS URL fixed to a full commit. */
function isPinned(d: Dependency): boolean {
  if (d.pinned) return true;
  return d.url !== undefined && /@[0-9a-f]{40}(?:[#&]|$)/i.test(d.url);
}

function where(d: Dependency): string {
  return `${d.file}:${d.line}: ${snippetOf(requirementText(d))}`;
}

export const pinnedDependenciesProbe: ValidatingProbe<PinnedDependenciesParams> = {
  id: 'pinned-dependencies',
  description:
    'Is a declared dependency left unpinned (no exact version, no lock file), or without a hash when hashes are required?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      require_hashes: {
        type: 'boolean',
        default: false,
        description: 'Pinned requirements without --hash are findings too (lock files carry hashes).',
      },
    },
  },
  run(facts: Facts, params: PinnedDependenciesParams): ProbeResult {
    const requireHashes = params.require_hashes === true;
    const notes = manifestErrorNotes(facts);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const report = (d: Dependency, message: string, rule: string): void => {
      const key = `${d.name}\0${d.file}\0${d.line}`;
      if (seen.has(key)) return; // a -r included file appears in each file that includes it
      seen.add(key);
      findings.push({
        message,
        file: d.file,
        line: d.line,
        snippet: snippetOf(requirementText(d)),
        rule,
        context: contextOf(facts, d.file),
      });
    };
    const deps = (m: Manifest): Dependency[] => m.dependencies.filter((d) => !isLocal(d));

    const locks = facts.lockFiles.filter((l) => l.kind !== 'pip-compile');
    if (locks.length > 0) {
      for (const l of locks)
        notes.push({
          message: `${l.path} pins the dependency tree`,
          file: l.path,
          context: contextOf(facts, l.path),
        });
      return { status: 'ok', findings, notes };
    }

    // pip-compile output and hand-pinned requirements files both pin the tree (hashes aside).
    const compiled = new Set(facts.lockFiles.map((l) => l.path));
    const pinnedFiles = facts.manifests.filter(
      (m) =>
        m.kind === 'requirements' &&
        (compiled.has(m.path) || (deps(m).length > 0 && deps(m).every(isPinned))),
    );
    for (const m of pinnedFiles) {
      const how = compiled.has(m.path) ? ' (pip-compile output)' : '';
      notes.push({
        message: `${m.path} pins the dependency tree${how}`,
        file: m.path,
        context: contextOf(facts, m.path),
      });
    }
    // Only pinned *runtime* requirements pin the tree: a pinned lint file says nothing of what ships.
    const treePinned = pinnedFiles.some((m) => deps(m).some((d) => !isDevTool(facts, d)));

    const devUnpinned = new Map<string, Dependency[]>();
    for (const m of facts.manifests) {
      // requirements.in is pip-compile's input: ranges there are the point.
      const expected = PIN_EXPECTED.has(m.kind) && !m.path.endsWith('.in');
      for (const d of deps(m)) {
        if (!isPinned(d)) {
          // A development tool left open beside pinned runtime requirements is not what ships.
          if (treePinned && isDevTool(facts, d))
            devUnpinned.set(d.file, [...(devUnpinned.get(d.file) ?? []), d]);
          else if (expected || !treePinned) report(d, `${d.name} is not pinned (${where(d)})`, 'unpinned');
        } else if (
          requireHashes &&
          expected &&
          d.hashes === 0 &&
          d.url === undefined &&
          !(treePinned && isDevTool(facts, d))
        ) {
          report(d, `${d.name} is pinned without a hash (${where(d)})`, 'no-hash');
        }
      }
    }
    for (const [file, list] of devUnpinned) {
      const unique = [...new Set(list.map((d) => d.name))];
      const first = list[0]!;
      notes.push({
        message: `${file}: ${plural(unique.length, 'development dependency', 'development dependencies')} not pinned (${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ', ...' : ''}); the runtime requirements are pinned`,
        file,
        line: first.line,
        context: contextOf(facts, file),
      });
    }
    return { status: 'ok', findings, ...(notes.length > 0 ? { notes } : {}) };
  },
};
