import type { RawFinding } from '../../../src/repo/types.js';
import { pythonParser } from '../../../src/analysis/python/parser.js';
import { analyse } from '../../../src/analysis/python/rules.js';

/** Parses `source` with the real grammar and runs the rules (imports included). */
export async function analyseSource(source: string, path = 'app.py'): Promise<RawFinding[]> {
  const parser = await pythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  try {
    return analyse(tree.rootNode, source, path);
  } finally {
    tree.delete();
  }
}

/** Rule findings only (no import:<module> facts). */
export async function ruleFindings(source: string): Promise<RawFinding[]> {
  return (await analyseSource(source)).filter((finding) => !finding.rule.startsWith('import:'));
}
