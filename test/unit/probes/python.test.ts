import { describe, expect, test } from 'vitest';
import { pythonProbe, type PythonParams } from '../../../src/probes/python.js';
import type { RawFinding } from '../../../src/repo/types.js';
import { makeFacts, raw } from './facts.js';

const FILES = { 'app/views.py': '', 'tests/test_views.py': '', 'docs/conf.py': '' };

interface Row {
  name: string;
  python: RawFinding[];
  params: PythonParams;
  expected: { rule: string; file: string; line: number; message: string; context: string }[];
}

const rows: Row[] = [
  {
    name: 'rules: keeps the named rules only',
    python: [
      raw('py-eval', 'app/views.py', 3),
      raw('py-exec', 'app/views.py', 4),
      raw('py-os-system', 'app/views.py', 5),
    ],
    params: { rules: ['py-eval', 'py-exec'] },
    expected: [
      { rule: 'py-eval', file: 'app/views.py', line: 3, message: 'py-eval issue', context: 'code' },
      { rule: 'py-exec', file: 'app/views.py', line: 4, message: 'py-exec issue', context: 'code' },
    ],
  },
  {
    name: 'rules: none present',
    python: [raw('py-os-system', 'app/views.py', 5)],
    params: { rules: ['py-eval'] },
    expected: [],
  },
  {
    name: 'imports: the module itself',
    python: [raw('import:bcrypt', 'app/views.py', 1)],
    params: { imports: ['bcrypt'] },
    expected: [
      { rule: 'import:bcrypt', file: 'app/views.py', line: 1, message: 'imports bcrypt', context: 'code' },
    ],
  },
  {
    name: 'imports: a submodule',
    python: [raw('import:cryptography.fernet', 'app/views.py', 2)],
    params: { imports: ['cryptography'] },
    expected: [
      {
        rule: 'import:cryptography.fernet',
        file: 'app/views.py',
        line: 2,
        message: 'imports cryptography.fernet',
        context: 'code',
      },
    ],
  },
  {
    name: 'imports: a module whose name only starts the same is not a submodule',
    python: [raw('import:bcrypt_extra', 'app/views.py', 1), raw('import:flask_wtf', 'app/views.py', 2)],
    params: { imports: ['bcrypt', 'flask'] },
    expected: [],
  },
  {
    name: 'imports: a dotted parameter matches that subtree only',
    python: [
      raw('import:django.middleware.csrf', 'app/views.py', 1),
      raw('import:django.db', 'app/views.py', 2),
    ],
    params: { imports: ['django.middleware'] },
    expected: [
      {
        rule: 'import:django.middleware.csrf',
        file: 'app/views.py',
        line: 1,
        message: 'imports django.middleware.csrf',
        context: 'code',
      },
    ],
  },
  {
    name: 'rules and imports together',
    python: [
      raw('py-weak-hash', 'app/views.py', 7),
      raw('import:argon2', 'app/views.py', 1),
      raw('import:os', 'app/views.py', 2),
    ],
    params: { rules: ['py-weak-hash'], imports: ['argon2', 'passlib'] },
    expected: [
      { rule: 'py-weak-hash', file: 'app/views.py', line: 7, message: 'py-weak-hash issue', context: 'code' },
      { rule: 'import:argon2', file: 'app/views.py', line: 1, message: 'imports argon2', context: 'code' },
    ],
  },
  {
    name: 'findings in tests and docs carry their context',
    python: [raw('py-eval', 'tests/test_views.py', 3), raw('py-eval', 'docs/conf.py', 9)],
    params: { rules: ['py-eval'] },
    expected: [
      { rule: 'py-eval', file: 'tests/test_views.py', line: 3, message: 'py-eval issue', context: 'test' },
      { rule: 'py-eval', file: 'docs/conf.py', line: 9, message: 'py-eval issue', context: 'docs' },
    ],
  },
  {
    name: 'a rule id never matches as an import and back',
    python: [raw('import:py-eval', 'app/views.py', 1), raw('py-eval', 'app/views.py', 2)],
    params: { imports: ['py-eval'] },
    expected: [
      { rule: 'import:py-eval', file: 'app/views.py', line: 1, message: 'imports py-eval', context: 'code' },
    ],
  },
];

describe('python probe', () => {
  test.each(rows)('$name', ({ python, params, expected }) => {
    const result = pythonProbe.run(makeFacts({ files: FILES, python }), params);
    expect(result.status).toBe('ok');
    expect(
      result.findings.map((f) => ({
        rule: f.rule,
        file: f.file,
        line: f.line,
        message: f.message,
        context: f.context,
      })),
    ).toEqual(expected);
  });

  test('snippets are redacted again (the analyser may quote a literal secret)', () => {
    const python = [
      raw('py-secret-key-literal', 'app/views.py', 3, { snippet: '    app.secret_key = "s3cr3tvalue"  ' }),
    ];
    const [f] = pythonProbe.run(makeFacts({ python }), { rules: ['py-secret-key-literal'] }).findings;
    expect(f?.snippet).toBe('app.secret_key = "s3***"');
  });
});
