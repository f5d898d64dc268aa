import {
  FRAMEWORKS,
  UNMODELLED_WEB,
  type FrameworkModel,
  type Mechanism,
} from '../analysis/frameworks/index.js';
import type { Facts } from '../repo/types.js';
import { isDevTool } from './pinned-dependencies.js';
import {
  contextOf,
  importsWithin,
  normaliseName,
  snippetOf,
  splitLines,
  type ValidatingProbe,
} from './support.js';
import { initialises, wiringOf } from './wiring.js';
import type { Finding, ProbeResult } from './types.js';

/**
 * The web surface and the protections of the frameworks on it, as the framework models in
 * src/analysis/frameworks/ describe them:
 * - `surface`: a framework vouch models or knows of (import or runtime dependency), a bare
 *   WSGI/ASGI callable, a standard-library HTTP handler. None at all is what makes web items na.
 * - `unmodelled`: a web framework vouch knows of but does not model (its mechanisms are
 *   invisible to vouch), and with `stdlib: true` an application on the standard library, which
 *   writes its responses itself: silence about those is no proof.
 * - `secret-key`: where a framework's signing key is set (any value; literals are the python
 *   probe's py-secret-key-literal).
 * - `mechanism`: the protections (`csrf`, `headers`, `rate-limit`) of the frameworks found, by
 *   import or by a setting in shipped configuration; a mechanism only declared as a dependency
 *   is a note, not a match.
 */
export type WebParams = {
  find: 'surface' | 'unmodelled' | 'mechanism' | 'secret-key';
  aspect?: 'csrf' | 'headers' | 'rate-limit';
  stdlib?: boolean;
};

const IMPORT_PREFIX = 'import:';

interface Seen {
  imports: Finding[];
  dependencies: Finding[];
}

/** Imports and runtime dependencies of the given modules and distributions. */
function seen(facts: Facts, imports: readonly string[], packages: readonly string[], label: string): Seen {
  const result: Seen = { imports: [], dependencies: [] };
  const files = new Set<string>();
  const all = facts.python.findings;
  for (const i of importsWithin(all, imports)) {
    const f = all[i];
    if (f === undefined) continue;
    const module = f.rule.slice(IMPORT_PREFIX.length);
    if (files.has(f.file)) continue;
    files.add(f.file); // one import per file is evidence enough
    result.imports.push({
      message: `${label}: imports ${module}`,
      file: f.file,
      line: f.line,
      snippet: f.snippet === undefined ? undefined : snippetOf(f.snippet),
      rule: f.rule,
      context: contextOf(facts, f.file),
    });
  }
  const wanted = new Set(packages.map(normaliseName));
  for (const manifest of facts.manifests) {
    for (const d of manifest.dependencies) {
      if (!wanted.has(d.name) || isDevTool(facts, d)) continue;
      result.dependencies.push({
        message: `${label}: ${d.name} is a declared dependency`,
        file: d.file,
        line: d.line,
        rule: `dependency:${d.name}`,
        context: contextOf(facts, d.file),
      });
    }
  }
  return result;
}

function present(facts: Facts, model: FrameworkModel): Seen {
  return seen(facts, model.imports, model.packages, model.name);
}

/** True when the evidence counts as what ships (not tests, docs, examples). */
function ships(finding: Finding): boolean {
  return finding.context === undefined || finding.context === 'code';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * How a setting is switched on in configuration text: a dotted name (a middleware path) as a
 * quoted string; a plain name assigned, passed or keyed with a value that is not off
 * (`SECURE_HSTS_SECONDS = 31536000`, `xsrf_cookies=True`, `"xsrf_cookies": True`), or called.
 */
export function settingPattern(setting: string): RegExp {
  if (setting.includes('.')) return new RegExp(`['"]${escape(setting)}['"]`);
  return new RegExp(
    `(?:^|\\W)['"]?${escape(setting)}['"]?\\s*(?:=(?!=)|:|\\()\\s*(?!\\s|False\\b|None\\b|0\\b|''|""|\\)|$)`,
  );
}

const CONFIG_FILE = /\.(py|ini|cfg|toml)$/;

/** Lines of configuration files where one of the settings is switched on. */
export function settingFindings(facts: Facts, settings: readonly string[], label: string): Finding[] {
  if (settings.length === 0) return [];
  const patterns = settings.map((s) => [s, settingPattern(s)] as const);
  const findings: Finding[] = [];
  for (const file of facts.files) {
    if (!CONFIG_FILE.test(file.path)) continue;
    const text = facts.text.get(file.path);
    if (text === undefined || !settings.some((s) => text.includes(s))) continue;
    splitLines(text).forEach((line, index) => {
      const trimmed = line.trimStart();
      if (trimmed.startsWith('#') || trimmed.startsWith(';')) return;
      for (const [setting, pattern] of patterns) {
        if (!pattern.test(line)) continue;
        findings.push({
          message: `${label}: ${setting}`,
          file: file.path,
          line: index + 1,
          snippet: snippetOf(line),
          rule: `setting:${setting}`,
          context: file.context,
        });
        return;
      }
    });
  }
  return findings;
}

function mechanismsOf(model: FrameworkModel, aspect: NonNullable<WebParams['aspect']>): readonly Mechanism[] {
  if (aspect === 'csrf') return model.csrf.mechanisms;
  if (aspect === 'headers') return model.headers;
  return model.rateLimits;
}

const ASPECT_WORDS: Record<NonNullable<WebParams['aspect']>, string> = {
  csrf: 'CSRF protection',
  headers: 'security-header mechanism',
  'rate-limit': 'rate limiter',
};

/** The frameworks whose shipped code or runtime dependencies are in the repository. */
export function frameworksIn(facts: Facts): FrameworkModel[] {
  return FRAMEWORKS.filter((model) => {
    const s = present(facts, model);
    return s.imports.some(ships) || s.dependencies.length > 0;
  });
}

function stdlibSurface(facts: Facts): Finding[] {
  const entries = facts.python.findings
    .filter((f) => f.rule === 'py-web-entry')
    .map((f) => ({
      message: f.message,
      file: f.file,
      line: f.line,
      snippet: f.snippet === undefined ? undefined : snippetOf(f.snippet),
      rule: f.rule,
      context: contextOf(facts, f.file),
    }));
  const stdlib = FRAMEWORKS.find((m) => m.id === 'stdlib');
  return [...entries, ...(stdlib ? present(facts, stdlib).imports : [])];
}

function surface(facts: Facts): ProbeResult {
  const findings: Finding[] = [];
  for (const model of FRAMEWORKS) {
    if (model.id === 'stdlib') continue;
    const s = present(facts, model);
    findings.push(...s.imports, ...s.dependencies);
  }
  for (const other of UNMODELLED_WEB) {
    const s = seen(facts, other.imports, other.packages, other.name);
    findings.push(...s.imports, ...s.dependencies);
  }
  findings.push(...stdlibSurface(facts));
  return { status: 'ok', findings };
}

function unmodelled(facts: Facts, params: WebParams): ProbeResult {
  const findings: Finding[] = [];
  for (const other of UNMODELLED_WEB) {
    const s = seen(facts, other.imports, other.packages, `${other.name} (a framework vouch does not model)`);
    findings.push(...s.imports, ...s.dependencies);
  }
  if (params.stdlib === true) {
    const modelled = frameworksIn(facts).filter((m) => m.id !== 'stdlib');
    if (modelled.length === 0) {
      for (const f of stdlibSurface(facts)) {
        findings.push({ ...f, message: `${f.message}; the application writes its responses itself` });
      }
    }
  }
  return { status: 'ok', findings };
}

function mechanisms(facts: Facts, aspect: NonNullable<WebParams['aspect']>): ProbeResult {
  const frameworks = frameworksIn(facts);
  const findings: Finding[] = [];
  const notes: Finding[] = [];
  const names: string[] = [];
  for (const model of frameworks) {
    for (const mechanism of mechanismsOf(model, aspect)) {
      names.push(mechanism.name);
      const s = seen(facts, mechanism.imports ?? [], mechanism.packages ?? [], mechanism.name);
      // An import is evidence only where the file puts it to work (`CSRFProtect(app)`, `init_app`).
      const wired = s.imports.filter((f) => {
        const text = f.file === undefined ? undefined : facts.text.get(f.file);
        const elsewhere = (instance: string): boolean =>
          facts.files.some((file) => {
            if (!file.path.endsWith('.py') || file.path === f.file) return false;
            const other = facts.text.get(file.path);
            return other !== undefined && other.includes(instance) && initialises(other, instance);
          });
        const wiring =
          text === undefined || f.line === undefined
            ? { wired: true as const }
            : wiringOf(text, f.line, elsewhere);
        if (!wiring.wired) notes.push({ ...f, message: `${mechanism.name}: ${wiring.reason}` });
        return wiring.wired;
      });
      findings.push(...wired, ...settingFindings(facts, mechanism.settings ?? [], mechanism.name));
      if (s.imports.length === 0) {
        for (const d of s.dependencies) notes.push({ ...d, message: `${d.message}, but nothing imports it` });
      }
    }
  }
  const unique = (list: string[]): string => [...new Set(list)].join(', ');
  notes.push({
    message:
      frameworks.length === 0
        ? `no web framework vouch models was found, so no ${ASPECT_WORDS[aspect]} could be looked for`
        : `looked for the ${ASPECT_WORDS[aspect]} of ${unique(frameworks.map((f) => f.name))}: ${unique(names) || 'none is modelled'}`,
  });
  return { status: 'ok', findings: dedupe(findings), notes };
}

function secretKey(facts: Facts): ProbeResult {
  const findings: Finding[] = [];
  for (const model of frameworksIn(facts)) {
    findings.push(...settingFindings(facts, model.secretKey, `${model.name} signing key`));
  }
  return { status: 'ok', findings: dedupe(findings) };
}

function dedupe(findings: Finding[]): Finding[] {
  const seenKeys = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file ?? ''}:${f.line ?? 0}`;
    if (seenKeys.has(key)) return false;
    seenKeys.add(key);
    return true;
  });
}

export const webProbe: ValidatingProbe<WebParams> = {
  id: 'web',
  description:
    'Does the project have a web surface, and which protections of its frameworks (as vouch models them) does it use?',
  paramsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['find'],
    properties: {
      find: { enum: ['surface', 'unmodelled', 'mechanism', 'secret-key'] },
      aspect: { enum: ['csrf', 'headers', 'rate-limit'] },
      stdlib: { type: 'boolean', description: 'unmodelled: also a standard-library web application' },
    },
    if: { properties: { find: { const: 'mechanism' } } },
    then: { required: ['aspect'] },
  },
  run(facts: Facts, params: WebParams): ProbeResult {
    switch (params.find) {
      case 'surface':
        return surface(facts);
      case 'unmodelled':
        return unmodelled(facts, params);
      case 'secret-key':
        return secretKey(facts);
      case 'mechanism':
        return mechanisms(facts, params.aspect ?? 'csrf');
    }
  },
};
