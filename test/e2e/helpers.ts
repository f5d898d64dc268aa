import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';

export const REPO = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'vouch.js');

/** Copies a folder into a fresh git repository in a temp folder and commits everything. */
export function gitRepoFrom(source: string, name = 'repo'): string {
  const root = join(mkdtempSync(join(tmpdir(), 'vouch-e2e-')), name);
  cpSync(source, root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'initial');
  git('config', 'user.name', 'Ann Example');
  git('config', 'user.email', 'ann@example.org');
  return root;
}

/** Runs the built CLI without a terminal (so non-interactive), never through a shell. */
export async function vouch(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    stdin: 'ignore',
  });
}

/** Every `vouch-expect: <item-id>` marker in a folder: item id → file:line list. */
export function expectations(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '.git' && name !== '.vouch') walk(path);
        continue;
      }
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/vouch-expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g)) {
            for (const id of (m[1] ?? '').split(',').map((s) => s.trim())) {
              const list = out.get(id) ?? [];
              list.push(`${relative(root, path)}:${i + 1}`);
              out.set(id, list);
            }
          }
        });
    }
  };
  walk(root);
  return out;
}

export interface ReportItem {
  id: string;
  verdict: string;
  source: string;
  evidence: { file?: string; line?: number; message: string; snippet?: string; counted: boolean }[];
}
export interface Report {
  schemaVersion: number;
  repo: { path: string; commit?: string; dirty?: boolean };
  checklist: { id: string; sha256: string };
  summary: { total: number; counts: Record<string, number> };
  items: ReportItem[];
  probes: { key: string; status: string }[];
}

export function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}
