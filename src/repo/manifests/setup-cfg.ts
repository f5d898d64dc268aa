import type { Manifest } from '../types.js';
import { parsePep508, toDependency } from './pep508.js';

interface IniValue {
  /** Each non-empty line of the value (first line included) with its 1-based line number. */
  lines: { text: string; line: number }[];
}

/**
 * A small INI reader, as configparser reads setup.cfg: `[section]`, `key = value` or
 * `key: value`, indented continuation lines, whole-line `#`/`;` comments. Keys are lower-cased.
 */
export function parseIni(content: string): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let section: Map<string, IniValue> | undefined;
  let value: IniValue | undefined;
  content.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*[#;]/u.test(raw) || raw.trim() === '') return;
    if (/^\s/u.test(raw) && value) {
      value.lines.push({ text: raw.trim(), line });
      return;
    }
    const header = /^\[([^\]]+)\]/u.exec(raw);
    if (header) {
      section = sections.get(header[1]!.trim()) ?? new Map<string, IniValue>();
      sections.set(header[1]!.trim(), section);
      value = undefined;
      return;
    }
    // The key is trimmed below; a lazy key followed by `\s*` retried every split of a long run of spaces.
    const pair = /^([^=:]+)[=:]\s*(.*)$/u.exec(raw);
    if (!pair || !section) {
      value = undefined;
      return;
    }
    value = { lines: [] };
    if (pair[2]!.trim() !== '') value.lines.push({ text: pair[2]!.trim(), line });
    section.set(pair[1]!.trim().toLowerCase(), value);
  });
  return sections;
}

/**
 * setuptools' declarative config: `[options] install_requires` and `[options.extras_require]`.
 * Like setuptools, a value spread over lines has one requirement per line, and a one-line value
 * is split on `;`. No manifest when the file declares neither (a setup.cfg of linter settings).
 */
export function readSetupCfg(path: string, content: string): Manifest | undefined {
  const ini = parseIni(content);
  const install = ini.get('options')?.get('install_requires');
  const extras = ini.get('options.extras_require');
  if (!install && !extras) return undefined;
  const manifest: Manifest = { path, kind: 'setup.cfg', dependencies: [], errors: [] };
  const add = (value: IniValue, group: string): void => {
    const items =
      value.lines.length === 1
        ? value.lines[0]!.text.split(';').map((text) => ({ text, line: value.lines[0]!.line }))
        : value.lines;
    for (const { text, line } of items) {
      // One whitespace character before `#`, not a run: `\s+#` backtracks quadratically on spaces.
      const requirement = text.replace(/\s#[\s\S]*$/u, '').trim();
      if (requirement === '') continue;
      if (requirement.startsWith('file:')) {
        manifest.errors.push(
          `${path}:${line}: ${requirement} is not read here (the file is read as a requirements file if named so)`,
        );
        continue;
      }
      const req = parsePep508(requirement);
      if (req) manifest.dependencies.push(toDependency(req, { file: path, line, group }));
      else
        manifest.errors.push(
          `${path}:${line}: cannot parse requirement ${JSON.stringify(requirement.slice(0, 120))}`,
        );
    }
  };
  if (install) add(install, 'main');
  for (const [extra, value] of extras ?? []) add(value, extra);
  return manifest;
}
