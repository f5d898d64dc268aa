import { describe, expect, it } from 'vitest';
import { PYTHON_RULES } from '../../../src/analysis/python/rule-list.js';
import {
  BANDIT_TESTS,
  banditIdsForRuff,
  banditTestFor,
  MAPPED_RULES,
  rulesForBandit,
} from '../../../src/audit/marker-codes.js';

describe('the bandit / ruff / vouch code table', () => {
  it('names each bandit test once, with an id of bandit shape', () => {
    const ids = BANDIT_TESTS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^B\d{3}$/);
    const names = BANDIT_TESTS.flatMap((t) => t.names.map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every ruff code the number of its bandit test (S308 also covers B703)', () => {
    for (const t of BANDIT_TESTS) {
      for (const code of t.ruff) {
        if (t.id === 'B703') expect(code).toBe('S308');
        else expect(code).toBe(`S${t.id.slice(1)}`);
      }
    }
  });

  it('maps only to rules vouch has: the python probe built-ins and secret-assignment', () => {
    const builtIn = new Set<string>(PYTHON_RULES.map((r) => r.id));
    for (const rule of MAPPED_RULES) {
      expect(builtIn.has(rule) || rule === 'secret-assignment', rule).toBe(true);
    }
  });

  const tokens: { token: string; id: string | undefined }[] = [
    { token: 'B311', id: 'B311' },
    { token: 'b602', id: 'B602' },
    { token: 'random', id: 'B311' },
    { token: 'markupsafe_markup_xss', id: 'B704' },
    { token: 'hashlib_new_insecure_functions', id: 'B324' }, // bandit 1.6's name
    { token: 'hashlib_insecure_functions', id: 'B324' },
    { token: 'B999', id: undefined }, // id-shaped, not a test
    { token: 'S311', id: undefined }, // ruff's code is not a bandit token
    { token: 'because', id: undefined },
  ];
  it.each(tokens)('nosec token $token → $id', ({ token, id }) => {
    expect(banditTestFor(token)?.id).toBe(id);
  });

  const ruff: { code: string; bandit: string[] }[] = [
    { code: 'S102', bandit: ['B102'] },
    { code: 'S307', bandit: ['B307'] },
    { code: 'S311', bandit: ['B311'] },
    { code: 's311', bandit: ['B311'] },
    { code: 'S303', bandit: ['B303'] },
    { code: 'S324', bandit: ['B324'] },
    { code: 'S501', bandit: ['B501'] },
    { code: 'S506', bandit: ['B506'] },
    { code: 'S602', bandit: ['B602'] },
    { code: 'S605', bandit: ['B605'] },
    { code: 'S608', bandit: ['B608'] },
    { code: 'S701', bandit: ['B701'] },
    { code: 'S704', bandit: ['B704'] },
    { code: 'S105', bandit: ['B105'] },
    { code: 'S106', bandit: ['B106'] },
    { code: 'S201', bandit: ['B201'] },
    { code: 'S301', bandit: ['B301'] },
    { code: 'S308', bandit: ['B308', 'B703'] },
    // Near misses: not a flake8-bandit code, or one ruff does not have.
    { code: 'E501', bandit: [] },
    { code: 'S999', bandit: [] },
    { code: 'B311', bandit: [] },
  ];
  it.each(ruff)('ruff $code → $bandit', ({ code, bandit }) => {
    expect(banditIdsForRuff(code)).toEqual(bandit);
  });

  const rules: { id: string; rules: string[] }[] = [
    { id: 'B102', rules: ['py-exec'] },
    { id: 'B307', rules: ['py-eval'] },
    { id: 'B311', rules: ['py-random-secret'] },
    { id: 'B303', rules: ['py-weak-hash', 'py-weak-hash-password'] },
    { id: 'B324', rules: ['py-weak-hash', 'py-weak-hash-password'] },
    { id: 'B501', rules: ['py-tls-verify-disabled'] },
    { id: 'B506', rules: ['py-yaml-load'] },
    { id: 'B602', rules: ['py-subprocess-shell'] },
    { id: 'B605', rules: ['py-os-system', 'py-os-popen', 'py-subprocess-shell'] },
    { id: 'B608', rules: ['py-sql-format'] },
    { id: 'B701', rules: ['py-jinja-autoescape-off'] },
    { id: 'B704', rules: ['py-mark-safe'] },
    { id: 'B308', rules: ['py-mark-safe'] },
    { id: 'B105', rules: ['py-secret-key-literal', 'secret-assignment'] },
    { id: 'B201', rules: ['py-debug-true'] },
    { id: 'B301', rules: ['py-pickle-load'] },
    // A test vouch has no rule for, and no test at all.
    { id: 'B101', rules: [] },
    { id: 'B999', rules: [] },
  ];
  it.each(rules)('bandit $id → $rules', ({ id, rules: expected }) => {
    expect(rulesForBandit(id)).toEqual(expected);
  });
});
