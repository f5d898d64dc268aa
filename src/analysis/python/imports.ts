import type { Node } from 'web-tree-sitter';
import type { RawFinding } from '../../repo/types.js';

/**
 * Imports: which modules a file uses (`import:<module>` findings, matched by the python probe's
 * `imports:` parameter) and which local names stand for what (`sp` → `subprocess`), so that
 * rules see `sp.call` and `from os import system as run` for what they are.
 */

/** Local name → the dotted name it stands for. */
export type ImportMap = Map<string, string>;

function compact(node: Node | null): string | undefined {
  const text = node?.text.replace(/[\s\\]+/g, '');
  return text === '' ? undefined : text;
}

/** Records what the names bound by one import statement stand for. */
export function bindImport(statement: Node, map: ImportMap): void {
  if (statement.type === 'import_statement') {
    for (const name of statement.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const module = compact(name.childForFieldName('name'));
        const alias = name.childForFieldName('alias')?.text;
        if (module && alias) map.set(alias, module);
      } else {
        // `import os.path` binds `os`, through which `os.path` is reached.
        const first = compact(name)?.split('.')[0];
        if (first) map.set(first, first);
      }
    }
    return;
  }
  const module = compact(statement.childForFieldName('module_name'));
  if (!module) return;
  for (const name of statement.childrenForFieldName('name')) {
    if (name.type === 'aliased_import') {
      const imported = compact(name.childForFieldName('name'));
      const alias = name.childForFieldName('alias')?.text;
      if (imported && alias) map.set(alias, `${module}.${imported}`);
    } else {
      const imported = compact(name);
      if (imported) map.set(imported, `${module}.${imported}`);
    }
  }
}

/** The modules an import statement names: every module of `import a, b.c`, the one of `from`. */
export function importedModules(statement: Node): string[] {
  if (statement.type === 'import_from_statement') {
    const module = compact(statement.childForFieldName('module_name'));
    return module ? [module] : [];
  }
  const modules: string[] = [];
  for (const name of statement.childrenForFieldName('name')) {
    const module = compact(name.type === 'aliased_import' ? name.childForFieldName('name') : name);
    if (module) modules.push(module);
  }
  return modules;
}

/** Replaces the first part of a dotted name by what the file imported under that name. */
export function resolve(name: string, map: ImportMap): string {
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  const target = map.get(head);
  if (target === undefined) return name;
  return dot === -1 ? target : target + name.slice(dot);
}

/** The finding that records an import (no severity: it is a fact, not a problem). */
export function importFinding(
  module: string,
  file: string,
  line: number,
  column: number,
  snippet: string,
): RawFinding {
  return {
    rule: `import:${module}`,
    message: `imports ${module}`,
    file,
    line,
    column,
    snippet: snippet.slice(0, 200),
  };
}

/** An import statement on a line of code: at its start, or after `;` or a `:` (`if x: import y`). */
const IMPORT_STATEMENT = /(^|[;:])([ \t\f]*)(import|from)[ \t\f]+([^;]*)/g;
const MODULE = /^\.*[\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*|^\.+/u;

/**
 * Imports read from text without parsing, for files the prefilter rules out (no rule can fire
 * there, so a parse would only yield imports, at many times the cost). Comments and the
 * insides of strings, triple-quoted docstrings included, are skipped as a tokenizer would.
 * Statements inside brackets that span lines are not imports and are skipped too.
 */
export function importsFromText(text: string, file: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const lines = text.split(/\r?\n/);
  let open: string | undefined; // the delimiter of a string still open at the end of a line
  let continued = false; // the previous line ended with a backslash
  for (let row = 0; row < lines.length; row++) {
    const raw = lines[row] ?? '';
    const atStatementStart = open === undefined && !continued;
    const { code, stillOpen } = codeOf(raw, open);
    open = stillOpen;
    continued = open === undefined && code.trimEnd().endsWith('\\');
    for (const match of code.matchAll(IMPORT_STATEMENT)) {
      if (match[1] === '' && !atStatementStart) continue;
      let statement = match[4] ?? '';
      // `import a, \` goes on on the next line.
      for (let next = row + 1; statement.trimEnd().endsWith('\\') && next < lines.length; next++) {
        statement = statement.trimEnd().slice(0, -1) + ' ' + codeOf(lines[next] ?? '', undefined).code;
      }
      const column = match.index + (match[1] ?? '').length + (match[2] ?? '').length + 1;
      for (const module of modulesOf(match[3] === 'from', statement)) {
        findings.push(importFinding(module, file, row + 1, column, raw.trim()));
      }
    }
  }
  return findings;
}

function modulesOf(isFrom: boolean, rest: string): string[] {
  const parts = isFrom ? [rest] : rest.split(',');
  const modules: string[] = [];
  for (const part of parts) {
    const module = MODULE.exec(part.trim())?.[0].replace(/\s+/g, '');
    if (!module) continue;
    if (isFrom && (module === '__future__' || !/\bimport\b/.test(rest))) continue;
    modules.push(module);
  }
  return modules;
}

/**
 * The code on a line with comments removed and string contents blanked, and the delimiter of a
 * string still open at its end.
 */
function codeOf(line: string, open: string | undefined): { code: string; stillOpen: string | undefined } {
  let code = '';
  let i = 0;
  if (open !== undefined) {
    const close = findClose(line, 0, open);
    if (close === -1) return { code: '', stillOpen: carried(line, open) };
    i = close + open.length;
    code = ' '.repeat(i);
  }
  while (i < line.length) {
    const char = line[i];
    if (char === '#') break;
    if (char === '"' || char === "'") {
      const quote = line.startsWith(char.repeat(3), i) ? char.repeat(3) : char;
      const close = findClose(line, i + quote.length, quote);
      if (close === -1) return { code, stillOpen: carried(line, quote) };
      code += `${quote}${quote}`;
      i = close + quote.length;
      continue;
    }
    code += char;
    i++;
  }
  return { code, stillOpen: undefined };
}

/** A string left open at the end of a line goes on if it is triple-quoted or the line ends in `\`. */
function carried(line: string, quote: string): string | undefined {
  return quote.length === 3 || /(^|[^\\])(\\\\)*\\$/.test(line) ? quote : undefined;
}

function findClose(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line.startsWith(quote, i)) return i;
  }
  return -1;
}
