/**
 * Places a person cites in an answer: a file (`app/limits.py`) or a line range in it
 * (`app/views.py:40-60`, `app/views.py:42`). Paths are relative to the repository, POSIX, and may
 * not leave it.
 */
export interface Cite {
  path: string;
  /** Inclusive line range, 1-based; absent for a whole file. */
  range?: { start: number; end: number } | undefined;
}

const RANGE = /^(.*):(\d+)(?:-(\d+))?$/u;

/** Parses one cite; a string saying what is wrong when it is not one. */
export function parseCite(text: string): Cite | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'an empty cite';
  const m = RANGE.exec(trimmed);
  let path = trimmed;
  let range: Cite['range'];
  if (m !== null) {
    path = m[1] ?? '';
    const start = Number(m[2]);
    const end = m[3] === undefined ? start : Number(m[3]);
    if (start < 1 || end < start) return `${trimmed}: a line range is START-END with 1 <= START <= END`;
    range = { start, end };
  }
  const problem = pathProblem(path);
  if (problem !== undefined) return `${trimmed}: ${problem}`;
  return range === undefined ? { path } : { path, range };
}

function pathProblem(path: string): string | undefined {
  if (path === '') return 'no file named';
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/u.test(path))
    return 'a cite is a path inside the repository, not an absolute one';
  if (path.includes('\\')) return 'write paths with /';
  if (path.split('/').some((part) => part === '..' || part === ''))
    return 'a cite may not leave the repository or hold empty parts';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/u.test(path)) return 'a cite holds a control character';
  return undefined;
}

/** The text form of a cite, as written in the answers file. */
export function formatCite(cite: Cite): string {
  if (cite.range === undefined) return cite.path;
  const { start, end } = cite.range;
  return start === end ? `${cite.path}:${start}` : `${cite.path}:${start}-${end}`;
}

/** Parses a list of cites; throws nothing, returns the problems beside the cites that parsed. */
export function parseCites(texts: readonly string[]): { cites: Cite[]; problems: string[] } {
  const cites: Cite[] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const c = parseCite(text);
    if (typeof c === 'string') problems.push(c);
    else cites.push(c);
  }
  return { cites, problems };
}

/**
 * Splits a note typed in the UI into the note and the cites it ends with:
 * `Flask-Limiter on the login view; cites: app/limits.py, app/views.py:40-60`. Without a
 * `cites:` clause, `cites` is undefined (the answer keeps the cites it had).
 */
export function splitNoteCites(text: string): { note: string; cites?: string[] | undefined } {
  const m = /(?:^|[;\s])cites?:\s*(.*)$/isu.exec(text);
  if (m === null) return { note: text.trim() };
  const note = text
    .slice(0, m.index)
    .replace(/[;\s]+$/u, '')
    .trim();
  const cites = (m[1] ?? '')
    .split(/[,\s]+/u)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return { note, cites };
}

/** The note as the UI shows it for editing: the cites written back as its clause. */
export function joinNoteCites(note: string | undefined, cites: readonly string[] | undefined): string {
  const base = note ?? '';
  if (cites === undefined || cites.length === 0) return base;
  return `${base}${base === '' ? '' : '; '}cites: ${cites.join(', ')}`;
}
