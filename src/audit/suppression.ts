/**
 * Suppression markers in the audited source: bandit's `# nosec [ids]`, ruff's `# noqa[: codes]`
 * and vouch's own `# vouch: ignore[item-id, ...] reason`. A marker applies to the line it is on
 * (the line a finding reports, as bandit does). Everything here is a pure function of text.
 */
import { banditIdsForRuff, banditTestFor, MAPPED_RULES, rulesForBandit } from './marker-codes.js';

export type MarkerKind = 'nosec' | 'noqa' | 'vouch';

export interface Marker {
  kind: MarkerKind;
  /** The marker as written, without its reason: `# nosec B311`, `# noqa: S311`, `# vouch: ignore[x]`. */
  text: string;
  /**
   * What it names: bandit test ids (nosec; an unknown `B###` is kept and matches nothing), ruff codes
   * (noqa, upper case) or checklist item ids (vouch).
   */
  codes: string[];
  /** True when it names no code: a bare `# nosec` covers every bandit test; a bare `# noqa` none of them. */
  blanket: boolean;
  /** The text after the codes, as the person wrote it; '' when there is none. */
  reason: string;
}

/** What a suppressed piece of evidence carries: the marker and the reason, for every report. */
export interface Suppression {
  kind: MarkerKind;
  marker: string;
  reason: string;
}

/** A finding as suppression sees it: which probe found it, its rule, and the item it is evidence for. */
export interface SuppressibleFinding {
  probe: string;
  rule?: string | undefined;
  itemId: string;
}

/** Python source files, whose comments are found with a tokenizer; elsewhere, by line. */
export function isPythonFile(path: string): boolean {
  return /\.pyw?$|\.pyi$/i.test(path);
}

/**
 * The comment on each line of a Python file (line number, 1-based → text from its `#`), found by
 * walking the source as the tokenizer does: a `#` inside a string literal, single-quoted or
 * triple-quoted across lines, starts no comment.
 */
export function pythonComments(source: string): Map<number, string> {
  const out = new Map<number, string>();
  const n = source.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (c === '#') {
      let end = source.indexOf('\n', i);
      if (end < 0) end = n;
      out.set(line, source.slice(i, end).replace(/\r$/, ''));
      i = end;
    } else if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      let j = i + (triple ? 3 : 1);
      for (;;) {
        if (j >= n) break;
        const d = source[j];
        if (d === '\\') {
          if (source[j + 1] === '\n') line += 1;
          j += 2;
        } else if (triple ? source.startsWith(c.repeat(3), j) : d === c) {
          j += triple ? 3 : 1;
          break;
        } else if (d === '\n') {
          // A single-quoted string ends at the line's end (unterminated); a triple one goes on.
          if (!triple) break;
          line += 1;
          j += 1;
        } else {
          j += 1;
        }
      }
      i = j;
    } else {
      i += 1;
    }
  }
  return out;
}

/**
 * The comment on one line of a file that is not Python (YAML, TOML, INI, shell, templates): from
 * a Jinja `{#` or an HTML `<!--`, else from the first `#` outside quotes; undefined when none.
 */
export function lineComment(line: string): string | undefined {
  const opener = /\{#|<!--/.exec(line);
  if (opener !== null) return line.slice(opener.index);
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return line.slice(i);
    }
  }
  return undefined;
}

// bandit's own pattern is `#\s*nosec:?\s*(?P<tests>[^#]+)?#?` (case-sensitive); `nosec-begin`
// and similar words are other directives, not this one.
const NOSEC = /#\s*(nosec)(?![\w-])\s*:?\s*([^#]*)/g;
// ruff and flake8: `# noqa`, `# noqa: S311, E501`, `# NOQA:S311` (the word in any case).
const NOQA = /#\s*(noqa)(?![\w-])([^#]*)/gi;
const VOUCH = /(?:#|<!--)\s*vouch\s*:\s*ignore\s*\[([^\]]*)\]([^]*)/gi;
const ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A word one of NOSEC, NOQA and VOUCH needs. */
const MARKER_WORD = /nosec|noqa|vouch/i;
const RUFF_CODE = /^[A-Z]+[0-9]+$/;
const BANDIT_ID = /^B\d+$/i;

/** A reason as written: leading dashes, colons and spaces gone, a closing `-->` or `#}` dropped. */
function tidyReason(text: string): string {
  return text
    .replace(/\s*(?:-->|#\}|%\})\s*$/, '')
    .replace(/^[\s:;,.\-–—]+/, '')
    .trim();
}

/** bandit's `# nosec` codes: tokens that name a test (all of them, as bandit reads them), and the reason. */
function nosecMarker(match: RegExpMatchArray): Marker {
  const rest = match[2] ?? '';
  const tokens = rest.split(/[\s,]+/).filter((t) => t !== '');
  const codes: string[] = [];
  const leadTokens: string[] = []; // the ids and names before the reason starts
  const leadIds = new Set<string>();
  for (const [index, token] of tokens.entries()) {
    const id = banditTestFor(token)?.id ?? (BANDIT_ID.test(token) ? token.toUpperCase() : undefined);
    if (id !== undefined && !codes.includes(id)) codes.push(id);
    if (id !== undefined && leadTokens.length === index) {
      leadTokens.push(token);
      leadIds.add(id);
    }
  }
  let reason = rest;
  for (const t of leadTokens) reason = reason.slice(reason.indexOf(t) + t.length);
  // bandit also reads ids out of the words after them (`# nosec used for random jitter` names
  // B311 to bandit): shown, so the marker says what it covers.
  const extra = codes.some((c) => !leadIds.has(c)) ? ` (bandit reads ${codes.join(', ')})` : '';
  const head = `# nosec${leadTokens.length === 0 ? '' : ` ${leadTokens.join(', ')}`}${extra}`;
  return { kind: 'nosec', text: head, codes, blanket: codes.length === 0, reason: tidyReason(reason) };
}

/** ruff's `# noqa` codes and the reason; undefined for `# noqa:` followed by no valid code. */
function noqaMarker(match: RegExpMatchArray): Marker | undefined {
  let rest = match[2] ?? '';
  const colon = /^\s*:/.exec(rest);
  if (colon !== null) rest = rest.slice(colon[0].length);
  const codes: string[] = [];
  for (;;) {
    const m = /^[\s,]*([A-Za-z]+[0-9]+)(?![\w-])/.exec(rest);
    if (m === null || !RUFF_CODE.test((m[1] ?? '').toUpperCase())) break;
    const code = (m[1] ?? '').toUpperCase();
    if (!codes.includes(code)) codes.push(code);
    rest = rest.slice(m[0].length);
  }
  // `# noqa:` with nothing valid after it is an invalid directive: ruff suppresses nothing.
  if (colon !== null && codes.length === 0) return undefined;
  const head = codes.length === 0 ? '# noqa' : `# noqa: ${codes.join(', ')}`;
  return { kind: 'noqa', text: head, codes, blanket: codes.length === 0, reason: tidyReason(rest) };
}

/** vouch's `# vouch: ignore[a, b] reason`; undefined when it names no valid item id. */
function vouchMarker(match: RegExpMatchArray): Marker | undefined {
  const ids = (match[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => ITEM_ID.test(s));
  if (ids.length === 0) return undefined;
  // The reason runs to the end of the comment, short of another tool's marker after it.
  const reason = (match[2] ?? '').split(/\s#\s*(?:noqa|nosec)(?![\w-])/i)[0] ?? '';
  return {
    kind: 'vouch',
    text: `# vouch: ignore[${ids.join(', ')}]`,
    codes: ids,
    blanket: false,
    reason: tidyReason(reason),
  };
}

/**
 * Every marker in one comment (the text from its `#`). `tools: false` reads only vouch's own
 * marker, for files bandit and ruff do not read.
 */
export function parseMarkers(comment: string, tools = true): Marker[] {
  const out: Marker[] = [];
  if (tools) {
    for (const m of comment.matchAll(NOSEC)) out.push(nosecMarker(m));
    for (const m of comment.matchAll(NOQA)) {
      const marker = noqaMarker(m);
      if (marker !== undefined) out.push(marker);
    }
  }
  for (const m of comment.matchAll(VOUCH)) {
    const marker = vouchMarker(m);
    if (marker !== undefined) out.push(marker);
  }
  return out;
}

/**
 * The bandit test ids a marker stands for, or 'all' for a bare nosec. A bare `# noqa` is most
 * often about line length or an unused import: it names no security code, so it hides none
 * (a security tool errs on the side of showing a finding).
 */
function banditScope(marker: Marker): readonly string[] | 'all' {
  if (marker.blanket) return marker.kind === 'nosec' ? 'all' : [];
  if (marker.kind === 'nosec') return marker.codes;
  return marker.codes.flatMap(banditIdsForRuff);
}

/**
 * Whether `marker` suppresses `finding`. vouch's marker covers every finding of the items it
 * names. bandit's and ruff's cover findings of the same check: bandit's own (by test id), the
 * python probe's built-in rules and the secrets probe's password-like assignments that the table
 * in marker-codes.ts maps to those tests; a bare marker covers all of those. They never cover
 * other probes (a token-format secret, a template pattern, a dependency).
 */
export function covers(marker: Marker, finding: SuppressibleFinding): boolean {
  if (marker.kind === 'vouch') return marker.codes.includes(finding.itemId);
  const rule = finding.rule;
  if (rule === undefined) return false;
  const scope = banditScope(marker);
  switch (finding.probe) {
    case 'bandit':
      return scope === 'all' || scope.includes(rule.toUpperCase());
    case 'python':
      if (scope === 'all') return rule.startsWith('py-');
      return scope.some((id) => rulesForBandit(id).includes(rule));
    case 'secrets':
      if (scope === 'all') return MAPPED_RULES.has(rule);
      return scope.some((id) => rulesForBandit(id).includes(rule));
    default:
      return false;
  }
}

/** The first marker that suppresses `finding`, as evidence shows it; undefined when none does. */
export function suppressionFor(
  markers: readonly Marker[],
  finding: SuppressibleFinding,
): Suppression | undefined {
  // vouch's own marker first: it is the one written for this audit, with its reason.
  const ordered = [...markers].sort((a, b) => Number(b.kind === 'vouch') - Number(a.kind === 'vouch'));
  const marker = ordered.find((m) => covers(m, finding));
  return marker === undefined ? undefined : { kind: marker.kind, marker: marker.text, reason: marker.reason };
}

/** The markers on a line of a file, from the audit's file texts. */
export type MarkerLookup = (file: string, line: number) => readonly Marker[];

/** A lookup over the repository's file texts; each file is read for markers once, when first asked. */
export function markerLookup(texts: ReadonlyMap<string, string>): MarkerLookup {
  const cache = new Map<string, Map<number, Marker[]>>();
  const forFile = (file: string): Map<number, Marker[]> => {
    const known = cache.get(file);
    if (known !== undefined) return known;
    const byLine = new Map<number, Marker[]>();
    const text = texts.get(file);
    // Every marker names nosec, noqa or vouch: a file without those words has none to find.
    if (text !== undefined && MARKER_WORD.test(text)) {
      if (isPythonFile(file)) {
        for (const [line, comment] of pythonComments(text)) {
          const markers = parseMarkers(comment);
          if (markers.length > 0) byLine.set(line, markers);
        }
      } else {
        text.split('\n').forEach((raw, i) => {
          const comment = lineComment(raw.replace(/\r$/, ''));
          const markers = comment === undefined ? [] : parseMarkers(comment, false);
          if (markers.length > 0) byLine.set(i + 1, markers);
        });
      }
    }
    cache.set(file, byLine);
    return byLine;
  };
  return (file, line) => forFile(file).get(line) ?? [];
}
