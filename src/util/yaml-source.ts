import { oneLine } from './printable.js';
import {
  LineCounter,
  Parser,
  isMap,
  isSeq,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
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
  // One line whatever the message quotes: a parser's excerpt of the source after the first line
  // break is dropped (the position says where), and what is left is shown printable.
  const first = p.message.split(/\r\n|\r|\n|\u2028|\u2029/)[0] ?? '';
  return `${p.file}:${p.line}:${p.col}: ${oneLine(first.trimEnd())}`;
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

/**
 * Deepest nesting of collections vouch reads in YAML; checklists, answers and settings need fewer
 * than ten levels. The yaml library builds documents recursively, so a document nested some
 * hundreds of levels overflows the stack; and when that happens while V8 is compiling one of the
 * library's regular expressions (Node 20), the next YAML read in the process aborts it with a
 * fatal "RegExpCompiler Allocation failed". Deeper documents are refused before they are built.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Offset of a collection nested deeper than MAX_YAML_DEPTH, found in the CST without recursion.
 * Building the CST itself recurses on some shapes (`a: : : …` thousands of times on one line)
 * and then overflows the stack: that is too deep as well, at an unknown place (offset 0).
 */
function tooDeep(text: string, lines: LineCounter): number | undefined {
  type Tok = {
    type?: string;
    offset?: number;
    value?: unknown;
    items?: { key?: unknown; value?: unknown }[];
  };
  const stack: { token: Tok | undefined; depth: number }[] = [];
  try {
    for (const token of new Parser(lines.addNewLine).parse(text)) stack.push({ token, depth: 0 });
  } catch (error) {
    if (error instanceof RangeError) return 0;
    throw error;
  }
  let found: number | undefined;
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token === undefined || token === null || typeof token !== 'object') continue;
    if (token.type === 'document') stack.push({ token: token.value as Tok | undefined, depth });
    if (token.items === undefined) continue; // a scalar, comment or error: nothing inside
    if (depth >= MAX_YAML_DEPTH) {
      found = Math.min(found ?? Infinity, token.offset ?? 0);
      continue;
    }
    for (const item of token.items) {
      stack.push({ token: item.key as Tok | undefined, depth: depth + 1 });
      stack.push({ token: item.value as Tok | undefined, depth: depth + 1 });
    }
  }
  return found;
}

/** True when a YAML text nests deeper than MAX_YAML_DEPTH (and so must not be built). */
export function yamlTooDeep(text: string): boolean {
  return tooDeep(text, new LineCounter()) !== undefined;
}

/** Parses YAML text; problems carry line and column. */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const cstLines = new LineCounter();
  const deep = tooDeep(text, cstLines);
  if (deep !== undefined) {
    const at = cstLines.linePos(deep);
    const message = `nested deeper than ${MAX_YAML_DEPTH} levels`;
    return {
      file,
      doc: parseDocument(''),
      lines: cstLines,
      value: undefined,
      problems: [{ file, line: at.line, col: at.col, message }],
    };
  }
  const lines = new LineCounter();
  // Duplicate keys are found below: the library's own check (uniqueKeys) compares each key with
  // every earlier one of its map, minutes for an answers file of tens of thousands of items.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const errors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: cleanYamlMessage(e.message) })),
    ...duplicateKeys(doc),
  ].sort((a, b) => a.offset - b.offset);
  const problems: SourceProblem[] = [];
  for (const e of [
    ...errors,
    ...doc.warnings.map((w) => ({ offset: w.pos[0], message: cleanYamlMessage(w.message) })),
  ]) {
    const at = lines.linePos(e.offset);
    problems.push({ file, line: at.line, col: at.col, message: e.message });
  }
  let value: unknown;
  if (errors.length === 0) {
    try {
      // A small alias budget stops "billion laughs" documents from expanding.
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      problems.push({ file, line: 1, col: 1, message: cleanYamlMessage((error as Error).message) });
    }
  }
  return { file, doc, lines, value, problems };
}

/** Keys repeated in a map (scalars equal in type and value, as the yaml library compares them), by a set per map. */
function duplicateKeys(doc: Document.Parsed): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const v: unknown = pair.key.value;
        if (v !== null && typeof v === 'object') continue;
        const id = `${typeof v}:${String(v)}`;
        if (seen.has(id)) out.push({ offset: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
        seen.add(id);
      }
    },
  });
  return out;
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
      node = pairOf(node, key)?.value ?? undefined;
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
  return pairOf(map, key)?.key as Node | undefined;
}

/** Each map's pairs by key (the first of equal keys), built once: one problem per item of a large file searched every item. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (!index.has(name)) index.set(name, pair as Pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
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
      // A key with a newline or a control character stays on one line, the character shown.
      message = `unknown key "${oneLine(key)}" in ${where}`;
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
