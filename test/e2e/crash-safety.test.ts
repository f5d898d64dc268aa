/**
 * Crash-safe answers: a real child process records answers through vouch's saving code in a
 * loop and is killed with SIGKILL at random moments. After every kill the answers file is the
 * content of one whole save (the last one seen or a later one), parseable, never empty; the temp
 * file and the lock a killed save leaves are cleared by the next save. `npm test` runs a few
 * rounds; `npm run stress` runs 200.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_LOCK_PATH, ANSWERS_PATH, saveAnswer } from '../../src/answers/answers.js';
import { readLock } from '../../src/util/pid-lock.js';
import { KILL_ITEM, killNote, killText, roundIn } from '../fixtures/answers-writer.js';
import { bundleWriter, rounds, Writer } from '../support/answers-writer.js';

let runner: string;
beforeAll(async () => {
  runner = await bundleWriter();
});

const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'vouch-crash-'));

/** Temp files beside the answers file and its lock: name → pid of the writer. */
function temps(root: string): { name: string; pid: number }[] {
  const out: { name: string; pid: number }[] = [];
  for (const dir of ['.vouch', '.vouch/cache']) {
    const path = join(root, dir);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path)) {
      const m = /^\.(?:answers\.yaml|answers\.lock)\.(\d+)\.[0-9a-z]+\.tmp$/.exec(name);
      if (m !== null) out.push({ name: `${dir}/${name}`, pid: Number(m[1]) });
    }
  }
  return out;
}

/** What is wrong with the answers file after a kill, given the round seen before (undefined: nothing). */
function damage(root: string, before: number): { problem: string } | { round: number } {
  const text = readFileSync(join(root, ANSWERS_PATH), 'utf8');
  if (text.length === 0) return { problem: 'the answers file is empty' };
  let round: number;
  try {
    round = roundIn(root);
  } catch (error) {
    return { problem: `the answers file does not parse: ${(error as Error).message.slice(0, 120)}` };
  }
  if (text !== killText(round)) return { problem: `the file is not the text of round ${round}'s save` };
  if (round < before) return { problem: `the file went back from round ${before} to ${round}` };
  return { round };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('answers survive SIGKILL in the middle of a save (real child processes)', () => {
  it(
    'the file is always one whole save; the next save clears the temp file and the lock',
    { timeout: rounds(900_000, 120_000) },
    async () => {
      const n = rounds(200, 20);
      const root = tempRoot();
      const failures: string[] = [];
      let seen = 0;
      let previous: number | undefined;
      let heldLock = 0;
      let leftTemp = 0;
      for (let r = 1; r <= n; r++) {
        const writer = new Writer(runner, ['kill-loop', root]);
        expect(await writer.next()).toBe('ready');
        // The first save of this writer is done: whatever the killed one left is gone.
        if (previous !== undefined) {
          for (const t of temps(root).filter((t) => t.pid === previous))
            failures.push(`round ${r}: ${t.name} of the killed writer is still there after the next save`);
          if (readLock(join(root, ANSWERS_LOCK_PATH))?.owner?.pid === previous)
            failures.push(`round ${r}: the killed writer's lock is still there after the next save`);
        }
        await pause(Math.random() * 25);
        await writer.kill();
        previous = writer.child.pid;
        if (temps(root).some((t) => t.pid === previous)) leftTemp++;
        if (readLock(join(root, ANSWERS_LOCK_PATH))?.owner?.pid === previous) heldLock++;
        const found = damage(root, seen);
        if ('problem' in found) failures.push(`round ${r}: ${found.problem}`);
        else seen = found.round;
      }
      console.log(
        `kill loop — rounds: ${n}, failures: ${failures.length} (killed holding the lock: ${heldLock}, leaving a temp file: ${leftTemp})`,
      );
      expect(failures).toEqual([]);
      // The kills did land inside saves (so the recovery paths above were taken).
      expect(heldLock).toBeGreaterThan(0);

      // The next save (here, in this process) leaves no temp file and no lock behind.
      saveAnswer(root, KILL_ITEM, { verdict: 'pass', note: killNote(seen + 1) });
      expect(temps(root)).toEqual([]);
      expect(existsSync(join(root, ANSWERS_LOCK_PATH))).toBe(false);
      expect(readFileSync(join(root, ANSWERS_PATH), 'utf8')).toBe(killText(seen + 1));
    },
  );

  it('the harness is real: the same kills tear a file written the naive way (truncate, then write)', async () => {
    const root = tempRoot();
    let torn: string | undefined;
    let seen = 0;
    for (let r = 1; r <= 100 && torn === undefined; r++) {
      const writer = new Writer(runner, ['plain-loop', root]);
      expect(await writer.next()).toBe('ready');
      await pause(Math.random() * 25);
      await writer.kill();
      const found = damage(root, seen);
      if ('problem' in found) torn = found.problem;
      else seen = found.round;
    }
    expect(torn).toBeDefined();
  });
});
