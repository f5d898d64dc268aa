import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, HANDLER_BASES, UNMODELLED_WEB } from '../../../src/analysis/frameworks/index.js';

describe('framework models', () => {
  it('are sorted by id and unique', () => {
    const ids = FRAMEWORKS.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('each has its own module and its own table test', () => {
    const here = new URL('.', import.meta.url);
    const tests = new Set(readdirSync(here).filter((f) => f.endsWith('.test.ts')));
    const modules = new Set(readdirSync(new URL('../../../src/analysis/frameworks/', import.meta.url)));
    for (const { id } of FRAMEWORKS) {
      expect(modules.has(`${id}.ts`), `src/analysis/frameworks/${id}.ts`).toBe(true);
      expect(tests.has(`${id}.test.ts`), `test/unit/frameworks/${id}.test.ts`).toBe(true);
    }
  });

  it('no two models claim the same import or distribution', () => {
    const imports = FRAMEWORKS.flatMap((m) => m.imports);
    const packages = FRAMEWORKS.flatMap((m) => m.packages);
    expect(new Set(imports).size).toBe(imports.length);
    expect(new Set(packages).size).toBe(packages.length);
  });

  it('an unmodelled framework is not also modelled', () => {
    const modelled = new Set(FRAMEWORKS.flatMap((m) => m.imports));
    for (const other of UNMODELLED_WEB) for (const i of other.imports) expect(modelled.has(i)).toBe(false);
  });

  it('handler base classes are dotted names', () => {
    for (const base of HANDLER_BASES) expect(base).toMatch(/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+$/);
  });
});
