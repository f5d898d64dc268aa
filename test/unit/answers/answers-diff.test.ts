import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveAnswer } from '../../../src/answers/answers.js';
import type { Answer } from '../../../src/answers/types.js';
import { parseHunks } from '../../../src/repo/file-changes.js';

function answer(n: number, blob: string): Answer {
  // Fields given out of order on purpose: the file's order must not depend on how code built the object.
  return {
    basis: {
      blobs: { 'app/views.py': blob, 'app/limits.py': blob },
      evidence: ['app/views.py:9 [py-b]', 'app/api.py:3 [py-a]'],
      auto: 'review',
      item: 'a'.repeat(64),
    },
    cites: ['app/limits.py', 'app/views.py:40-60'],
    commit: String(n).repeat(40),
    at: `2026-12-0${n}T10:00:00.000Z`,
    by: 'Ann <ann@example.org>',
    note: `answer ${n}`,
    verdict: 'pass',
  };
}

/** Line span (1-based, inclusive) of one item's block in the file. */
function blockOf(text: string, id: string): { start: number; end: number } {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `  ${id}:`) + 1;
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('    ')) end++;
  return { start, end };
}

describe('the answers file as a file people review', () => {
  it('re-confirming one answer changes only that answer’s lines (git diff of the real file)', () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-answers-diff-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    for (const id of ['access-control', 'input-validated', 'rate-limiting'])
      saveAnswer(root, id, answer(1, 'b'.repeat(40)));
    git('add', '-A');
    git('-c', 'user.name=T', '-c', 'user.email=t@x', 'commit', '-qm', 'answers');
    const before = readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8');

    saveAnswer(root, 'input-validated', answer(2, 'c'.repeat(40)));
    const after = readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8');
    const diff = git('diff', '-U0', '--no-color', '--', '.vouch/answers.yaml');
    const hunks = parseHunks(diff);
    expect(hunks.length).toBeGreaterThan(0);
    const old = blockOf(before, 'input-validated');
    const now = blockOf(after, 'input-validated');
    for (const h of hunks) {
      expect(h.oldStart).toBeGreaterThanOrEqual(old.start);
      expect(h.oldStart + Math.max(h.oldCount, 1) - 1).toBeLessThanOrEqual(old.end);
      expect(h.newStart).toBeGreaterThanOrEqual(now.start);
      expect(h.newStart + Math.max(h.newCount, 1) - 1).toBeLessThanOrEqual(now.end);
    }
    // Exactly the lines that hold what changed: the note, the time, the commit and two blob ids.
    const changed = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(changed.map((l) => l.slice(1).trim().split(':')[0])).toEqual([
      'note',
      'at',
      'commit',
      'app/limits.py',
      'app/views.py',
    ]);
  });

  it('writes the fields, evidence and blobs in a fixed order', () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-answers-order-'));
    saveAnswer(root, 'rate-limiting', answer(1, 'b'.repeat(40)));
    const text = readFileSync(join(root, '.vouch', 'answers.yaml'), 'utf8');
    expect(text.split('\n').slice(1).join('\n')).toBe(
      [
        'version: 1',
        'answers:',
        '  rate-limiting:',
        '    verdict: pass',
        '    note: answer 1',
        '    by: Ann <ann@example.org>',
        '    at: 2026-12-01T10:00:00.000Z',
        `    commit: "${'1'.repeat(40)}"`,
        '    cites:',
        '      - app/limits.py',
        '      - app/views.py:40-60',
        '    basis:',
        `      item: ${'a'.repeat(64)}`,
        '      auto: review',
        '      evidence:',
        '        - app/api.py:3 [py-a]',
        '        - app/views.py:9 [py-b]',
        '      blobs:',
        `        app/limits.py: ${'b'.repeat(40)}`,
        `        app/views.py: ${'b'.repeat(40)}`,
        '',
      ].join('\n'),
    );
  });
});
