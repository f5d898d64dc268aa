import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseSource } from './analyse.js';
it('prints', async () => {
  const src = readFileSync('/tmp/pyx/sample.py', 'utf8');
  for (const f of await analyseSource(src)) console.log(f.line, f.column, f.rule, '|', f.snippet);
});
