import { describe, expect, it } from 'vitest';
import { loadChecklists } from '../../../src/checklist/load.js';
import type { Item } from '../../../src/checklist/types.js';
import { PROBES } from '../../../src/probes/registry.js';
import { defaultChecklistPath } from '../../../src/util/package-root.js';
import { bearsOn, importedEvidence } from '../../../src/vuln/bears-on.js';
import type { ImportedFinding } from '../../../src/vuln/types.js';

const CHECKLIST = loadChecklists([defaultChecklistPath()], { probes: PROBES });

function item(id: string): Item {
  const found = CHECKLIST.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

function finding(tool: string, rule: string, cwes: string[] = []): ImportedFinding {
  return { tool, file: 'scan.sarif', rule, message: 'found', path: 'app/x.py', line: 3, cwes };
}

// The default checklist's items: CWE-78 with bandit B602/B604/B605, CWE-89 with B608.
const SHELL = item('no-shell-injection');
const SQL = item('sql-parameterized');

describe('bearsOn', () => {
  const rows: { name: string; item: Item; f: ImportedFinding; want: boolean }[] = [
    { name: 'a bandit test the item checks', item: SHELL, f: finding('Bandit', 'B602'), want: true },
    { name: 'a bandit test of another item', item: SQL, f: finding('Bandit', 'B602'), want: false },
    {
      name: "bandit's test decides, not its CWE",
      item: SQL,
      f: finding('bandit', 'B602', ['89']),
      want: false,
    },
    {
      name: 'a CodeQL rule with the CWE the item cites',
      item: SQL,
      f: finding('CodeQL', 'py/sql-injection', ['89']),
      want: true,
    },
    {
      name: 'a semgrep rule with another CWE',
      item: SQL,
      f: finding('Semgrep OSS', 'eval', ['95']),
      want: false,
    },
    { name: 'a rule with no CWE', item: SQL, f: finding('ruff', 'S608'), want: false },
  ];
  it.each(rows)('$name', ({ item, f, want }) => expect(bearsOn(item, f)).toBe(want));

  it('names the tool and the file in the evidence', () => {
    expect(importedEvidence(SQL, [finding('CodeQL', 'py/sql-injection', ['89'])])).toEqual([
      {
        message: 'CodeQL (imported from scan.sarif): found',
        file: 'app/x.py',
        line: 3,
        column: undefined,
        rule: 'py/sql-injection',
      },
    ]);
  });
});
