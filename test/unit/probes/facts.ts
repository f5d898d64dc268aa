/** Builds Facts for probe tests from a compact description: only what a test names is set. */
import { fileContext } from '../../../src/repo/context.js';
import type {
  Dependency,
  Facts,
  GitFacts,
  LockFile,
  Manifest,
  PipAuditRun,
  RawFinding,
  SkippedFile,
  ToolInfo,
  ToolRun,
} from '../../../src/repo/types.js';
import { NO_VULN_FACTS, type VulnFacts } from '../../../src/vuln/types.js';

export interface FactsSpec {
  /** path → text; contexts come from the real classifier (tests/ → test, docs/ → docs...). */
  files?: Record<string, string>;
  /** Listed files with no text (binary). */
  binary?: string[];
  skipped?: SkippedFile[];
  git?: Partial<GitFacts>;
  manifests?: Manifest[];
  lockFiles?: LockFile[];
  python?: RawFinding[];
  bandit?: Partial<ToolRun>;
  pipAudit?: Partial<PipAuditRun>;
  vulnerabilities?: Partial<VulnFacts>;
  tools?: Record<string, Omit<ToolInfo, 'name'>>;
}

export function makeFacts(spec: FactsSpec = {}): Facts {
  const texts = Object.entries(spec.files ?? {});
  const paths = [...texts.map(([p]) => p), ...(spec.binary ?? [])].sort();
  return {
    root: '/repo',
    files: paths.map((path) => ({
      path,
      size: spec.files?.[path]?.length ?? 100,
      context: fileContext(path),
    })),
    skipped: spec.skipped ?? [],
    text: new Map(texts),
    git: { isRepo: true, tracked: paths, envFiles: [], envIgnored: true, ...spec.git },
    manifests: spec.manifests ?? [],
    lockFiles: spec.lockFiles ?? [],
    python: { findings: spec.python ?? [], filesScanned: 0, filesParsed: 0, errors: [], durationMs: 0 },
    bandit: { status: 'ok', durationMs: 0, findings: [], errors: [], ...spec.bandit },
    pipAudit: {
      status: 'ok',
      durationMs: 0,
      errors: [],
      vulnerabilities: [],
      dependenciesChecked: 0,
      ...spec.pipAudit,
    },
    vulnerabilities: { ...NO_VULN_FACTS, ...spec.vulnerabilities },
    tools: Object.fromEntries(
      Object.entries(spec.tools ?? {}).map(([name, info]) => [name, { name, ...info }]),
    ),
  };
}

/**
 * A manifest from requirement lines written as in requirements.txt (`flask>=2.0`,
 * `requests==2.31.0 --hash=sha256:...`, `-e .`, `pkg @ git+https://...`); line numbers follow the list.
 */
export function manifest(
  path: string,
  kind: Manifest['kind'],
  lines: string[],
  errors: string[] = [],
): Manifest {
  return { path, kind, dependencies: lines.map((l, i) => dep(l, path, i + 1)), errors };
}

/** One dependency parsed (roughly, as tests need) from a requirement line. */
export function dep(line: string, file = 'requirements.txt', lineNo = 1, group = 'main'): Dependency {
  const hashes = (line.match(/--hash=/g) ?? []).length;
  const text = line.replace(/\s+--hash=\S+/g, '').trim();
  const editable = text.startsWith('-e ');
  const body = editable ? text.slice(3).trim() : text;
  const at = /^([A-Za-z0-9._-]+)(?:\[([^\]]*)\])?\s*@\s*(\S+)$/.exec(body);
  if (at !== null || editable) {
    const name = at?.[1] ?? body.replace(/^.*[/#=]/, '');
    return {
      name: normalise(name),
      specifier: '',
      pinned: false,
      hashes,
      extras: at?.[2]?.split(',') ?? [],
      url: at?.[3] ?? body,
      ...(editable ? { editable } : {}),
      file,
      line: lineNo,
      group,
    };
  }
  const m = /^([A-Za-z0-9._-]+)(?:\[([^\]]*)\])?\s*(.*)$/.exec(body);
  const specifier = (m?.[3] ?? '').trim();
  return {
    name: normalise(m?.[1] ?? body),
    specifier,
    pinned: /^===?[^,*]+$/.test(specifier),
    hashes,
    extras: m?.[2]?.split(',') ?? [],
    file,
    line: lineNo,
    group,
  };
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A raw finding as bandit or the analyser would report it. */
export function raw(rule: string, file: string, line: number, extra: Partial<RawFinding> = {}): RawFinding {
  return { rule, message: `${rule} issue`, file, line, ...extra };
}

/** Joins parts: keeps realistic fake tokens out of the source in one piece, so that scanners of this repository do not trip on them. */
export function tok(...parts: string[]): string {
  return parts.join('');
}
