import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/audit/types.js';
import {
  clean,
  groupByCategory,
  locationText,
  sourceLabel,
  uncountedLabel,
} from '../../../src/report/common.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

describe('groupByCategory', () => {
  it('follows the checklist order and titles', () => {
    const groups = groupByCategory(makeAuditFixture());
    expect(groups.map((g) => [g.title, g.items.length])).toEqual([
      ['Code injection', 3],
      ['Configuration and secrets', 3],
      ['Dependencies', 2],
      ['Process', 2],
    ]);
  });

  it('never drops an item: an unlisted category gets a group of its own, empty ones are left out', () => {
    const audit = makeAuditFixture();
    const moved = audit.items.find((i) => i.id === 'security-review');
    if (moved === undefined) throw new Error('fixture changed');
    moved.category = 'extra-checks';
    audit.items = audit.items.filter((i) => i.category !== 'dependencies');
    const groups = groupByCategory(audit);
    expect(groups.map((g) => [g.id, g.title, g.items.length])).toEqual([
      ['code-injection', 'Code injection', 3],
      ['configuration', 'Configuration and secrets', 3],
      ['process', 'Process', 1],
      ['extra-checks', 'extra-checks', 1],
    ]);
  });
});

describe('report text helpers', () => {
  const base: Evidence = { message: 'm', check: 0, counted: true };

  it.each([
    { e: { ...base, file: 'a.py', line: 3, column: 7 }, expected: 'a.py:3:7' },
    { e: { ...base, file: 'a.py', line: 3 }, expected: 'a.py:3' },
    { e: { ...base, file: 'poetry.lock' }, expected: 'poetry.lock' },
    { e: base, expected: '' },
  ])('locationText → "$expected"', ({ e, expected }) => {
    expect(locationText(e)).toBe(expected);
  });

  it.each([
    { e: base, expected: undefined },
    { e: { ...base, counted: false, context: 'test' as const }, expected: 'in tests, not counted' },
    { e: { ...base, counted: false, context: 'migration' as const }, expected: 'in migrations, not counted' },
    { e: { ...base, counted: false, context: 'code' as const }, expected: 'shown only, not counted' },
    { e: { ...base, counted: false }, expected: 'shown only, not counted' },
  ])('uncountedLabel → $expected', ({ e, expected }) => {
    expect(uncountedLabel(e)).toBe(expected);
  });

  it.each([
    { id: 'no-eval-exec', expected: 'automatic' },
    { id: 'no-shell-injection', expected: 'answered' },
    { id: 'debug-disabled', expected: 'override (automatic: fail)' },
    { id: 'security-review', expected: 'not answered' },
    { id: 'env-files-ignored', expected: 'disabled' },
  ])('sourceLabel($id) = $expected', ({ id, expected }) => {
    const item = makeAuditFixture().items.find((i) => i.id === id);
    if (item === undefined) throw new Error('fixture changed');
    expect(sourceLabel(item)).toBe(expected);
  });

  it('clean redacts every line of a multi-line text, whatever its line endings', () => {
    const text = `first ${FAKE_GITHUB_TOKEN}\r\nsecond ${FAKE_GITHUB_TOKEN}\rthird ${FAKE_GITHUB_TOKEN}\nplain`;
    expect(clean(text)).toBe('first ghp_***\nsecond ghp_***\nthird ghp_***\nplain');
  });
});
