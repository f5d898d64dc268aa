import { LineCounter, isMap, isSeq, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';
import { readRegularFile } from './read-file.js';

/** A problem in a file, printed as FILE:LINE:COL: message. */
export interface SourceProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatProblem(p: SourceProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

export interface ParsedYaml {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JS value, undefined when the document could not be turned into one. */
  value: unknown;
  problems: SourceProblem[];
}

/** Largest YAML input vouch reads: a checklist or answers file is a few hundred KiB at most. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

/** Reads and parses a YAML file, collecting every syntax problem with its position. Never throws on bad content. */
export function readYaml(file: string, displayName = file): ParsedYaml {
  const read = readRegularFile(file, MAX_YAML_BYTES);
  if (!read.ok) {
    const lines = new LineCounter();
    const doc = parseDocument('', { lineCounter: lines });
    return {
      file: displayName,
      doc,
      lines,
      value: undefined,
      problems: [{ file: displayName, line: 1, col: 1, message: read.reason }],
    };
  }
  return parseYamlText(read.text, displayName);
}

/** Parses YAML text; problems carry line and column. */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: SourceProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const at = lines.linePos(e.pos[0]);
    problems.push({ file, line: at.line, col: at.col, message: cleanYamlMessage(e.message) });
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      // A small alias budget stops "billion laughs" documents from expanding.
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      problems.push({ file, line: 1, col: 1, message: cleanYamlMessage((error as Error).message) });
    }
  }
  return { file, doc, lines, value, problems };
}

function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** The YAML node at a JSON pointer-like path (ajv's instancePath, e.g. /items/3/severity). */
export function nodeAt(doc: Document.Parsed, path: string): Node | undefined {
  let node: unknown = doc.contents;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      node = pair?.value ?? undefined;
    } else if (isSeq(node)) {
      node = node.items[Number(key)];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

/** The key node of the property `key` in the map at `path` (for unknown-key errors). */
export function keyNodeAt(doc: Document.Parsed, path: string, key: string): Node | undefined {
  const map = nodeAt(doc, path);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair?.key as Node | undefined;
}

/** Line and column of a node, or of the nearest ancestor that exists in the document. */
export function positionOf(parsed: ParsedYaml, path: string, key?: string): { line: number; col: number } {
  let node = key === undefined ? nodeAt(parsed.doc, path) : keyNodeAt(parsed.doc, path, key);
  let p = path;
  while (node?.range === undefined && p.length > 0) {
    p = p.slice(0, p.lastIndexOf('/'));
    node = nodeAt(parsed.doc, p);
  }
  const offset = node?.range?.[0] ?? 0;
  return parsed.lines.linePos(offset);
}

/** Turns ajv errors into positioned problems with messages a person can act on. */
export function schemaProblems(parsed: ParsedYaml, errors: ErrorObject[], what = 'value'): SourceProblem[] {
  const out: SourceProblem[] = [];
  const seen = new Set<string>();
  // Where a oneOf failed, a branch that got deeper explains it better than "must be object".
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const deeper = (path: string): boolean => errors.some((e) => e.instancePath.startsWith(`${path}/`));
  errors = errors.filter(
    (e) => !(alternatives.has(e.instancePath) && e.keyword === 'type' && deeper(e.instancePath)),
  );
  for (const e of errors) {
    // oneOf/anyOf wrappers repeat what their branches already said.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    let pos: { line: number; col: number };
    let message: string;
    const where = e.instancePath === '' ? what : describePath(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      pos = positionOf(parsed, e.instancePath, key);
      message = `unknown key "${key}" in ${where}`;
    } else if (e.keyword === 'required') {
      pos = positionOf(parsed, e.instancePath);
      message = `${where}: missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    } else if (e.keyword === 'enum') {
      pos = positionOf(parsed, e.instancePath);
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      message = `${where} must be one of: ${allowed}`;
    } else if (e.keyword === 'pattern' && e.instancePath.endsWith('/id')) {
      pos = positionOf(parsed, e.instancePath);
      message = `${where} must be kebab-case (lower-case words joined by "-")`;
    } else {
      pos = positionOf(parsed, e.instancePath);
      message = `${where} ${e.message ?? 'is invalid'}`;
    }
    const problem = { file: parsed.file, line: pos.line, col: pos.col, message };
    const id = formatProblem(problem);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(problem);
    }
  }
  return out;
}

/** "/items/3/severity" → "items[3].severity" */
export function describePath(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
}
