/**
 * Glob matching for checklist `files:` / `paths:` parameters, gitignore-flavoured:
 * - `*` any run of characters except `/` (dotfiles included), `?` one such character,
 *   `[abc]` / `[!abc]` a class, `{a,b}` alternatives (nestable), `\x` a literal x;
 * - `**` as a whole segment spans zero or more directories (`a/**` is everything under a);
 * - a pattern without `/` matches the basename at any depth (`*.py`, `Dockerfile`);
 *   a leading `/` anchors it to the root, a trailing `/` means "everything under";
 * - `!pattern` takes matches back out; as in gitignore the last pattern that matches wins.
 * Node's `path.matchesGlob` is not used: in Node 20 it prints an ExperimentalWarning.
 */

const cache = new Map<string, RegExp>();

/** True when `path` (POSIX, relative to the root) matches the patterns. */
export function matchGlob(patterns: readonly string[], path: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (pattern === '' || matched !== negated) continue; // cannot change the outcome
    if (compile(pattern).test(path)) matched = !negated;
  }
  return matched;
}

function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    const sources = expandBraces(pattern).map(toRegExpSource);
    re = new RegExp(`^(?:${sources.join('|')})$`, 'u');
    cache.set(pattern, re);
  }
  return re;
}

/** `a{b,c{d,e}}f` → abf, acdf, acef. An unbalanced `{` stays literal. */
export function expandBraces(pattern: string): string[] {
  const open = findUnescaped(pattern, '{', 0);
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === ',' && depth === 1) commas.push(i);
    else if (ch === '}' && --depth === 0) {
      const head = pattern.slice(0, open);
      const tail = expandBraces(pattern.slice(i + 1));
      const bounds = [open, ...commas, i];
      const out: string[] = [];
      for (let k = 0; k + 1 < bounds.length; k++) {
        for (const middle of expandBraces(pattern.slice(bounds[k]! + 1, bounds[k + 1]))) {
          for (const rest of tail) out.push(head + middle + rest);
        }
      }
      return out;
    }
  }
  // No closing brace: treat this `{` literally and expand what follows it.
  return expandBraces(pattern.slice(open + 1)).map((rest) => `${pattern.slice(0, open)}\\{${rest}`);
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function toRegExpSource(pattern: string): string {
  let p = pattern.startsWith('./') ? pattern.slice(2) : pattern;
  if (p.endsWith('/')) p += '**';
  if (p.startsWith('/')) p = p.slice(1);
  else if (!p.includes('/')) p = `**/${p}`;
  const segments = p.split('/');
  let out = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') out += last ? '.*' : '(?:[^/]*/)*';
    else out += segmentSource(segment) + (last ? '' : '/');
  });
  return out;
}

function segmentSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '\\' && i + 1 < segment.length) out += escape(segment[++i]!);
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = segment.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/gu, '\\$&')}]`;
        i = close;
      }
    } else out += escape(ch);
  }
  return out;
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/u.test(ch) ? `\\${ch}` : ch;
}
