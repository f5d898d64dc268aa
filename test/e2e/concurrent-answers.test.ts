/**
 * Two vouch processes recording answers on one repository at the same moment: every answer of
 * both lands (saving takes the answers lock, re-reads the file under it and changes one item).
 * `npm test` runs a few rounds; `npm run stress` runs 100.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_LOCK_PATH, readAnswers } from '../../src/answers/answers.js';
import { bundleWriter, rounds, Writer } from '../support/answers-writer.js';

let runner: string;
const writers: Writer[] = [];
beforeAll(async () => {
  runner = await bundleWriter();
});
afterAll(async () => {
  await Promise.all(writers.map((w) => w.kill()));
});

const ITEMS = 5;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Both writers record ITEMS answers each, started at the same moment; returns the ids missing afterwards. */
async function race(a: Writer, b: Writer, root: string, mode: '' | 'unlocked'): Promise<string[]> {
  a.send(`go ${root} a ${ITEMS} ${mode}`);
  b.send(`go ${root} b ${ITEMS} ${mode}`);
  const done = await Promise.all([a.next(), b.next()]);
  for (const line of done) if (line !== 'done') throw new Error(line);
  const ids = Object.keys(readAnswers(root).answers);
  const want = ['a', 'b'].flatMap((p) => Array.from({ length: ITEMS }, (_, i) => `${p}-${i}`));
  return want.filter((id) => !ids.includes(id));
}

function pair(): [Writer, Writer] {
  const a = new Writer(runner, ['serve']);
  const b = new Writer(runner, ['serve']);
  writers.push(a, b);
  return [a, b];
}

describe('two processes recording different items at the same moment (real processes)', () => {
  it('both land, every round', { timeout: rounds(600_000, 60_000) }, async () => {
    const n = rounds(100, 20);
    const [a, b] = pair();
    const failures: string[] = [];
    for (let r = 1; r <= n; r++) {
      const root = mkdtempSync(join(tmpdir(), 'vouch-race-'));
      const missing = await race(a, b, root, '');
      if (missing.length > 0) failures.push(`round ${r}: lost ${missing.join(', ')}`);
    }
    console.log(`concurrent saves — rounds: ${n}, failures: ${failures.length}`);
    expect(failures).toEqual([]);
  });

  it('a lock left by a vouch that was killed (its pid gone) does not block the next save', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-race-'));
    mkdirSync(join(root, '.vouch', 'cache'), { recursive: true });
    // A pid that ran and is gone: a child that already exited.
    const gone = new Writer(runner, ['no-such-mode']);
    await gone.exited;
    const owner = { pid: gone.child.pid, host: hostname(), since: new Date().toISOString(), token: 'x' };
    writeFileSync(join(root, ANSWERS_LOCK_PATH), JSON.stringify(owner));
    const [a, b] = pair();
    expect(await race(a, b, root, '')).toEqual([]);
    expect(existsSync(join(root, ANSWERS_LOCK_PATH))).toBe(false);
  });

  it('a lock held by a live process makes a save wait until it is released', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-race-'));
    mkdirSync(join(root, '.vouch', 'cache'), { recursive: true });
    // This test process is alive: its lock is not stale.
    const owner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: 'x' };
    writeFileSync(join(root, ANSWERS_LOCK_PATH), JSON.stringify(owner));
    const [a] = pair();
    a.send(`go ${root} a 1`);
    const first = await Promise.race([a.next(), pause(500).then(() => 'still waiting')]);
    expect(first).toBe('still waiting');
    rmSync(join(root, ANSWERS_LOCK_PATH));
    expect(await a.next()).toBe('done');
    expect(Object.keys(readAnswers(root).answers)).toEqual(['a-0']);
  });

  it('the harness is real: without the lock, the same races lose answers', async () => {
    const [a, b] = pair();
    let lost: string[] = [];
    for (let r = 1; r <= 100 && lost.length === 0; r++) {
      const root = mkdtempSync(join(tmpdir(), 'vouch-race-'));
      lost = await race(a, b, root, 'unlocked');
    }
    expect(lost).not.toEqual([]);
  });
});
