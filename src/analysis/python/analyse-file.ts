import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { RawFinding } from '../../repo/types.js';
import { importsFromText } from './imports.js';
import { mayMatch } from './prefilter.js';
import { analyse } from './rules.js';

export interface SourceFile {
  path: string;
  text: string;
}

/** What analysing one file gave: its findings, and an error when it did not parse cleanly. */
export interface FileResult {
  path: string;
  findings: RawFinding[];
  error?: string | undefined;
  /** False when the prefilter ruled the file out and only its imports were read. */
  parsed?: boolean | undefined;
}

/**
 * Analyses one file the cheap way when it can: a file the prefilter rules out is not parsed,
 * its imports are read from the text. `parser` is asked for only when a file needs parsing.
 */
export async function scanFile(parser: () => Promise<Parser>, file: SourceFile): Promise<FileResult> {
  if (!mayMatch(file.text))
    return { path: file.path, findings: importsFromText(file.text, file.path), parsed: false };
  return { ...analyseFile(await parser(), file), parsed: true };
}

/**
 * Parses and analyses one file. tree-sitter recovers from syntax errors, so a file with
 * errors still yields the findings of the parts that parsed, plus an error naming the line.
 */
export function analyseFile(parser: Parser, file: SourceFile): FileResult {
  let tree: Tree | null = null;
  try {
    tree = parser.parse(file.text);
    if (!tree) return { path: file.path, findings: [], error: 'could not be parsed' };
    const root = tree.rootNode;
    const findings = analyse(root, file.text, file.path);
    const error = root.hasError ? `syntax errors near line ${firstErrorLine(root)}` : undefined;
    return { path: file.path, findings, error };
  } catch (error) {
    // A rule tripping over an odd tree must not cost the other files their findings.
    return {
      path: file.path,
      findings: [],
      error: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    tree?.delete();
  }
}

/**
 * The 1-based line of the first syntax error: follows the first erroneous child down to the
 * innermost one, because recovery may wrap a whole file in one ERROR node that starts at line 1.
 */
function firstErrorLine(root: Node): number {
  let node = root;
  for (;;) {
    const next = node.children.find((child) => child.isError || child.isMissing || child.hasError);
    if (!next) return node.startPosition.row + 1;
    node = next;
  }
}
