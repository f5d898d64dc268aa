/** Small readers of linter configuration that tool gates share: INI sections, TOML tables, rule codes. */
import { parse as parseToml } from 'smol-toml';
import type { Place } from './types.js';

/** A value of an INI file (`setup.cfg`, `tox.ini`, `.flake8`), continuation lines joined; with its line. */
export function iniValue(
  text: string,
  section: string,
  key: string,
): { value: string; line: number } | undefined {
  const lines = text.split(/\r?\n/);
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      inSection = (header[1] ?? '').trim().toLowerCase() === section.toLowerCase();
      continue;
    }
    if (!inSection || /^\s/.test(raw)) continue;
    const m = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m || (m[1] ?? '').toLowerCase() !== key.toLowerCase()) continue;
    const parts = [stripIniComment(m[2] ?? '')];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (!/^\s+\S/.test(next)) {
        if (next.trim() === '') continue;
        break;
      }
      if (/^\s*[#;]/.test(next)) continue;
      parts.push(stripIniComment(next));
    }
    return { value: parts.join('\n').trim(), line: i + 1 };
  }
  return undefined;
}

function stripIniComment(value: string): string {
  return value.replace(/(?:^|\s)[#;].*$/, '').trim();
}

/** Rule codes of a comma/space/newline separated list (`E,W, S101`). */
export function codeList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
}

/** A TOML document, or undefined when it does not parse (a broken file enables nothing). */
export function readToml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The table at a dotted path (`tool.ruff.lint`) of a TOML document. */
export function tomlTable(
  doc: Record<string, unknown> | undefined,
  path: string,
): Record<string, unknown> | undefined {
  let at: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'object' && at !== null && !Array.isArray(at)
    ? (at as Record<string, unknown>)
    : undefined;
}

/** The strings of a TOML array (other entries ignored). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase())
    : [];
}

/** The codes following `--select`/`--extend-select`/`--ignore` style options in a command's arguments. */
export function optionCodes(args: string, option: string): string[] | undefined {
  const re = new RegExp(`(?:^|\\s)--${option}(?:=|\\s+)(['"]?)([^\\s'"]+)\\1`, 'g');
  let found: string[] | undefined;
  for (const m of args.matchAll(re)) found = [...(found ?? []), ...codeList((m[2] ?? '').replace(/,/g, ' '))];
  return found;
}

/** The first line (1-based) of a text matching a regex, as a place; line 1 when none does. */
export function placeOf(file: string, text: string, re: RegExp): Place {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => re.test(l));
  const line = index < 0 ? 0 : index;
  return { file, line: line + 1, text: (lines[line] ?? '').trim() };
}

/** Whether a file path's basename is one of these names. */
export function baseIs(path: string, names: readonly string[]): boolean {
  return names.includes(path.split('/').pop() ?? '');
}
