/** Builds the matcher's input from a compact description: files by path, dependencies by name. */
import {
  findToolEvidence,
  type DeclaredDependency,
  type ToolEvidence,
} from '../../../../src/analysis/tools/match.js';

export const WF = '.github/workflows/ci.yml';

/** A GitHub Actions workflow with one job whose steps follow a checkout. */
export function workflow(steps: string): string {
  return `on: [push, pull_request]\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}\n`;
}

/** A `.pre-commit-config.yaml` with one hook. */
export function preCommit(repo: string, id: string, extra = ''): string {
  return `repos:\n  - repo: ${repo}\n    rev: v1.0.0\n    hooks:\n      - id: ${id}\n${extra}`;
}

export function dependency(
  name: string,
  file = 'requirements-dev.txt',
  group = 'dev',
  line = 1,
): DeclaredDependency {
  return { name, group, file, line, text: name };
}

export function evidence(
  files: Record<string, string>,
  dependencies: DeclaredDependency[] = [],
): ToolEvidence[] {
  return findToolEvidence({ texts: new Map(Object.entries(files)), dependencies });
}

/** `tool kind[@file:line]` of each piece of evidence: short enough for a table row. */
export function summary(found: readonly ToolEvidence[], tool: string): string[] {
  return found
    .filter((e) => e.tool === tool)
    .map(
      (e) =>
        `${e.kind}${e.bundler !== undefined ? ` via ${e.bundler}` : ''}${e.ci ? ' ci' : ''} ${e.file}:${e.line}`,
    );
}
