import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerChanges, recordBasis } from '../../../src/answers/basis.js';
import type { AnswersFile } from '../../../src/answers/types.js';

function folder(git: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'vouch-basis-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'a.py'), 'x = 1\n');
  if (git) {
    const run = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@x', ...args], {
        cwd: root,
        stdio: 'ignore',
      });
    run('init', '-q');
    run('add', '-A');
    run('commit', '-qm', 'base');
  }
  return root;
}

const file = (answers: AnswersFile['answers']): AnswersFile => ({ version: 1, answers });
const OLD_BLOB = '0'.repeat(40);

describe('answerChanges: the git facts an audit collects about answers', () => {
  it('a recorded blob that differs from the file is a change; an equal one is not listed', async () => {
    const root = folder(true);
    const basis = await recordBasis(
      root,
      { itemDigest: 'd'.repeat(64), autoVerdict: 'review', evidence: [] },
      ['app/a.py'],
    );
    const { changes, missing } = await answerChanges(
      root,
      file({
        same: { verdict: 'pass', cites: ['app/a.py'], basis },
        other: { verdict: 'pass', cites: ['app/a.py'], basis: { blobs: { 'app/a.py': OLD_BLOB } } },
      }),
    );
    expect(missing).toEqual([]);
    expect(changes['same']).toEqual({});
    expect(changes['other']?.['app/a.py']?.kind).toBe('modified');
  });

  it('a cite with nothing recorded naming no file is reported as missing', async () => {
    const root = folder(true);
    const { missing } = await answerChanges(
      root,
      file({ x: { verdict: 'pass', cites: ['app/a.py', 'app/gone.py'] } }),
    );
    expect(missing).toEqual(['x: app/gone.py']);
  });

  it('outside git nothing is compared (no answer is stale), and a missing cite is still reported', async () => {
    const root = folder(false);
    const { changes, missing } = await answerChanges(
      root,
      file({
        x: { verdict: 'pass', cites: ['app/a.py'], basis: { blobs: { 'app/a.py': OLD_BLOB } } },
        y: { verdict: 'pass', cites: ['app/gone.py'] },
      }),
    );
    expect(changes['x'] ?? {}).toEqual({});
    expect(missing).toEqual(['y: app/gone.py']);
  });

  it('a commit field that is not a commit id never reaches git as a revision', async () => {
    const root = folder(true);
    const out = join(root, 'written-by-git');
    const { changes } = await answerChanges(
      root,
      file({
        x: {
          verdict: 'pass',
          commit: `--output=${out}`,
          cites: ['app/a.py'],
          basis: { blobs: { 'app/a.py': OLD_BLOB } },
        },
      }),
    );
    expect(changes['x']?.['app/a.py']).toEqual({ kind: 'modified', hunks: undefined, commit: undefined });
    expect(() => execFileSync('test', ['-e', out])).toThrow();
  });
});
