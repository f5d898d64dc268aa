import { describe, expect, test } from 'vitest';
import { envFilesProbe } from '../../../src/probes/env-files.js';
import type { FactsSpec } from './facts.js';
import { makeFacts, manifest, raw } from './facts.js';

type EnvFile = { path: string; tracked: boolean; ignored: boolean };

interface Row {
  name: string;
  envFiles: EnvFile[];
  envIgnored?: boolean;
  extra?: FactsSpec;
  findings: { file: string; line: number; message: string; context: string }[];
  notes: string[];
}

const rows: Row[] = [
  {
    name: 'a tracked .env',
    envFiles: [{ path: '.env', tracked: true, ignored: false }],
    findings: [{ file: '.env', line: 1, message: '`.env` is committed to git', context: 'code' }],
    notes: [],
  },
  {
    name: 'an untracked .env.local that .gitignore does not cover',
    envFiles: [{ path: '.env.local', tracked: false, ignored: false }],
    findings: [
      { file: '.env.local', line: 1, message: '`.env.local` is not covered by .gitignore', context: 'code' },
    ],
    notes: [],
  },
  {
    name: 'an ignored, untracked .env is fine',
    envFiles: [{ path: '.env', tracked: false, ignored: true }],
    findings: [],
    notes: [],
  },
  {
    name: 'ignored now but committed before: still committed',
    envFiles: [{ path: '.env', tracked: true, ignored: true }],
    findings: [
      {
        file: '.env',
        line: 1,
        message:
          '`.env` is committed to git (.gitignore covers it now, but it was added before: `git rm --cached` it)',
        context: 'code',
      },
    ],
    notes: [],
  },
  {
    name: 'a committed template is meant to be committed: a note, no finding',
    envFiles: [{ path: '.env.example', tracked: true, ignored: false }],
    envIgnored: true,
    findings: [],
    notes: ['`.env.example` is a committed template; keep real values out of it'],
  },
  {
    name: 'no .env yet, .gitignore does not cover it, python-dotenv declared: a note',
    envFiles: [],
    envIgnored: false,
    extra: {
      manifests: [manifest('requirements.txt', 'requirements', ['flask==3.0.0', 'python-dotenv==1.0.1'])],
    },
    findings: [],
    notes: [
      '.gitignore does not cover .env, and the project reads .env files: it depends on python-dotenv (requirements.txt:2)',
    ],
  },
  {
    name: 'no .env yet, .gitignore does not cover it, load_dotenv imported: a note',
    envFiles: [],
    envIgnored: false,
    extra: { python: [raw('import:dotenv', 'app/__init__.py', 4)] },
    findings: [],
    notes: [
      '.gitignore does not cover .env, and the project reads .env files: app/__init__.py:4 imports dotenv',
    ],
  },
  {
    name: 'no .env, .gitignore does not cover it, but nothing reads .env files: nothing to say',
    envFiles: [],
    envIgnored: false,
    extra: {
      manifests: [manifest('requirements.txt', 'requirements', ['flask==3.0.0'])],
      python: [raw('import:os', 'app/a.py', 1)],
    },
    findings: [],
    notes: [],
  },
  {
    name: 'no .env and .gitignore covers it',
    envFiles: [],
    envIgnored: true,
    extra: { manifests: [manifest('requirements.txt', 'requirements', ['python-dotenv'])] },
    findings: [],
    notes: [],
  },
  {
    name: 'several files, sorted by path, each with its context',
    envFiles: [
      { path: 'tests/.env.test', tracked: true, ignored: false },
      { path: 'config/.env', tracked: true, ignored: false },
      { path: '.env', tracked: false, ignored: true },
    ],
    findings: [
      { file: 'config/.env', line: 1, message: '`config/.env` is committed to git', context: 'code' },
      { file: 'tests/.env.test', line: 1, message: '`tests/.env.test` is committed to git', context: 'test' },
    ],
    notes: [],
  },
  {
    name: 'only a template and no .gitignore cover, with dotenv: the note still comes',
    envFiles: [{ path: '.env.sample', tracked: true, ignored: false }],
    envIgnored: false,
    extra: { python: [raw('import:dotenv.main', 'app/settings.py', 2)] },
    findings: [],
    notes: [
      '`.env.sample` is a committed template; keep real values out of it',
      '.gitignore does not cover .env, and the project reads .env files: app/settings.py:2 imports dotenv.main',
    ],
  },
];

describe('env-files probe', () => {
  test.each(rows)('$name', ({ envFiles, envIgnored, extra, findings, notes }) => {
    const files = Object.fromEntries(envFiles.map((e) => [e.path, 'X=1']));
    const facts = makeFacts({ files, ...extra, git: { envFiles, envIgnored: envIgnored ?? true } });
    const result = envFilesProbe.run(facts, {});
    expect(result.status).toBe('ok');
    expect(
      result.findings.map((f) => ({ file: f.file, line: f.line, message: f.message, context: f.context })),
    ).toEqual(findings);
    expect((result.notes ?? []).map((n) => n.message)).toEqual(notes);
  });
});
