import { describe, expect, it } from 'vitest';
import { analyseSource } from './analyse.js';

/** `DEBUG = True` by the settings module it is in: [path, the rule reported]. */
const rows: [path: string, rule: string][] = [
  ['config/settings/local.py', 'py-debug-dev-settings'],
  ['config/settings/test.py', 'py-debug-dev-settings'],
  ['mysite/settings/dev.py', 'py-debug-dev-settings'],
  ['mysite/settings/development.py', 'py-debug-dev-settings'],
  ['mysite/local_settings.py', 'py-debug-dev-settings'],
  ['mysite/settings_dev.py', 'py-debug-dev-settings'],
  // The production module, a single settings file, or a name that only contains "dev".
  ['config/settings/production.py', 'py-debug-true'],
  ['mysite/settings.py', 'py-debug-true'],
  ['mysite/settings/base.py', 'py-debug-true'],
  ['devices/settings.py', 'py-debug-true'],
  ['mysite/settings/devops.py', 'py-debug-true'],
];

describe('debug in split settings', () => {
  it.each(rows)('DEBUG = True in %s → %s', async (path, rule) => {
    const found = (await analyseSource('DEBUG = True\n', path)).filter((f) => f.rule.startsWith('py-debug'));
    expect(found.map((f) => f.rule)).toEqual([rule]);
  });
});
