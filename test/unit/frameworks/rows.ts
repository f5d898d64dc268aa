/**
 * The table every framework model's test fills in: how the framework is recognised, and what
 * the analyser makes of its debug switch, its template setup and its CSRF switches. One file per
 * model (flask.test.ts, ...) calls `describeModel` with its own rows.
 */
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORKS,
  frameworkOfImport,
  frameworkOfPackage,
  type FrameworkModel,
} from '../../../src/analysis/frameworks/index.js';
import { ruleFindings } from '../python/analyse.js';

export interface ModelRows {
  /** Imported module → this model (true) or not (false). */
  imports: [module: string, recognised: boolean][];
  /** Declared distribution → this model (true) or not (false). */
  packages?: [name: string, recognised: boolean][];
  /** Python source → lines where `rule` reports (empty: silent). */
  code: [rule: string, source: string, lines: number[]][];
}

export function describeModel(id: string, rows: ModelRows): void {
  const model = FRAMEWORKS.find((m) => m.id === id) as FrameworkModel;

  describe(`framework model: ${id}`, () => {
    it('is listed and complete', () => {
      expect(model).toBeDefined();
      expect(model.name.length).toBeGreaterThan(0);
      expect(model.imports.length).toBeGreaterThan(0);
      const sources = model.requests;
      expect(
        sources.objects.length + sources.parameters.length + sources.handlerBases.length,
        'a model says where request data comes from',
      ).toBeGreaterThan(0);
    });

    it.each(rows.imports)('import %s → recognised: %s', (module, recognised) => {
      expect(frameworkOfImport(module)?.id === id).toBe(recognised);
    });

    it.each(rows.packages ?? [])('dependency %s → recognised: %s', (name, recognised) => {
      expect(frameworkOfPackage(name)?.id === id).toBe(recognised);
    });

    it.each(rows.code)('%s on %j → lines %j', async (rule, source, lines) => {
      const found = (await ruleFindings(source)).filter((f) => f.rule === rule).map((f) => f.line);
      expect(found).toEqual(lines);
    });
  });
}
