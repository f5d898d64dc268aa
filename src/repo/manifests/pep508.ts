/** Requirement strings as pip reads them: PEP 508, plus the URL / path forms requirements files allow. */
import type { Dependency } from '../types.js';

/** PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/gu, '-').toLowerCase();
}

export interface Requirement {
  name: string;
  specifier: string;
  extras: string[];
  marker?: string;
  url?: string;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/u;
const CLAUSE = /^\s*(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9_.*+!-]+\s*$/u;

/** Parses a PEP 508 string (`name[extras] >=1, <2 ; marker` or `name @ url ; marker`); undefined if it is not one. */
export function parsePep508(input: string): Requirement | undefined {
  const text = input.trim();
  const head = NAME.exec(text);
  if (!head) return undefined;
  const name = normalizeName(head[1]!);
  const extras = splitExtras(head[2]);
  const rest = text.slice(head[0].length);
  if (rest.startsWith('@')) {
    // In a URL `;` may be part of the address, so the marker needs whitespace before it.
    const [url = '', marker] = splitOnce(rest.slice(1), /\s;/u);
    if (url.trim() === '') return undefined;
    return withMarker({ name, specifier: '', extras, url: url.trim() }, marker);
  }
  const [spec = '', marker] = splitOnce(rest, /;/u);
  let specifier = spec.trim();
  if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1).trim();
  if (specifier !== '' && !specifier.split(',').every((clause) => CLAUSE.test(clause))) return undefined;
  return withMarker({ name, specifier, extras }, marker);
}

/** True when a PEP 440 specifier pins one exact version: a `==X` clause without `*`, or `===X`. */
export function isPinned(specifier: string): boolean {
  return specifier.split(',').some((clause) => {
    const c = clause.trim();
    return c.startsWith('===') ? c.length > 3 : /^==\s*[^*\s]+$/u.test(c);
  });
}

const URL_SCHEME = /^(?:git|hg|svn|bzr)\+[a-z]+:|^[a-z][a-z0-9+.-]*:\/\//iu;
const ARCHIVE = /\.(?:whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/iu;

/**
 * A requirement as pip accepts it on a requirements-file line or after `-e`: a URL, a VCS URL,
 * a local path or archive, or PEP 508. URL and path forms get a name from `#egg=` or, failing
 * that, a guess from the last path segment ('' when there is nothing to guess from, e.g. `.`).
 */
export function parseRequirementArg(input: string): Requirement | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  // name @ url. (`\s*` once on each side of the extras: `\s*(?:…)?\s*@` backtracks quadratically on spaces.)
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\]\s*)?@/u.test(text)) return parsePep508(text);
  const isUrl = URL_SCHEME.test(text);
  const isPath =
    !isUrl &&
    (text.startsWith('.') ||
      text.startsWith('/') ||
      text.includes('\\') ||
      ARCHIVE.test(splitOnce(text, /;/u)[0]!.trim()) ||
      /^[^@;\s[]*\//u.test(text));
  if (!isUrl && !isPath) return parsePep508(text);
  // pip's rule: on a URL line the marker starts at "; ", elsewhere at ";".
  const [location = '', marker] = splitOnce(text, isUrl ? /;\s/u : /;/u);
  let url = location.trim();
  let extras: string[] = [];
  // `[extras]` ending a path: the first `[` after the last `]` but one. Found by index; the regex
  // `\[([^\]]*)\]$` was retried from every `[` of a long run (quadratic).
  const open = url.endsWith(']') ? url.indexOf('[', url.lastIndexOf(']', url.length - 2) + 1) : -1;
  if (open >= 0 && !isUrl) {
    extras = splitExtras(url.slice(open + 1, -1));
    url = url.slice(0, open);
  }
  return withMarker({ name: guessName(url), specifier: '', extras, url }, marker);
}

function guessName(url: string): string {
  const egg = /[#&]egg=([^&]+)/u.exec(url);
  if (egg) return normalizeName(egg[1]!.replace(/-\d.*$/u, ''));
  // Each trailing run matched from its first character only: `[/\\]+$` alone retries every
  // start in a long run of slashes (quadratic).
  let last = url.replace(/[#?][\s\S]*$/u, '').replace(/(?<![/\\])[/\\]+$/u, '');
  last = last.slice(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')) + 1);
  if (URL_SCHEME.test(url)) last = last.replace(/@.*$/u, ''); // a VCS revision: repo.git@v1.2
  if (/\.whl$/iu.test(last)) return normalizeName(last.split('-')[0] ?? '');
  last = last
    .replace(ARCHIVE, '')
    .replace(/\.git$/u, '')
    .replace(/-\d[^-]*$/u, '');
  return /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/u.test(last) ? normalizeName(last) : '';
}

function splitExtras(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

function splitOnce(text: string, separator: RegExp): [string, string | undefined] {
  const match = separator.exec(text);
  if (!match) return [text, undefined];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

function withMarker(req: Requirement, marker: string | undefined): Requirement {
  const m = marker?.trim();
  return m ? { ...req, marker: m } : req;
}

/** A Dependency record from a parsed requirement. URL, VCS and path requirements are never pinned. */
export function toDependency(
  req: Requirement,
  where: { file: string; line: number; group: string; hashes?: number; editable?: boolean; pinned?: boolean },
): Dependency {
  return {
    name: req.name,
    specifier: req.specifier,
    pinned: req.url === undefined && (where.pinned ?? isPinned(req.specifier)),
    hashes: where.hashes ?? 0,
    extras: req.extras,
    ...(req.marker === undefined ? {} : { marker: req.marker }),
    ...(req.url === undefined ? {} : { url: req.url }),
    ...(where.editable ? { editable: true } : {}),
    file: where.file,
    line: where.line,
    group: where.group,
  };
}
