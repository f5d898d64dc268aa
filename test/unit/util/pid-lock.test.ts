import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession, openSessions, sessionNotice } from '../../../src/answers/sessions.js';
import { removeStaleTemps, writeFileAtomic } from '../../../src/util/atomic-write.js';
import { lockIsStale, readLock, tryLock, unlock } from '../../../src/util/pid-lock.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'vouch-lock-'));
/** A pid that ran and has exited. */
const DEAD = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
const LIVE = process.pid;

function age(path: string, seconds: number): void {
  const t = Date.now() / 1000 - seconds;
  utimesSync(path, t, t);
}

describe('lock files that name their holder', () => {
  const owner = (pid: number, host = hostname()) =>
    JSON.stringify({ pid, host, since: '2026-01-01T00:00:00Z', token: 't' });
  const cases: [string, string, number, boolean][] = [
    ['a live pid on this machine', owner(LIVE), 0, false],
    ['a pid that is gone, on this machine', owner(DEAD), 0, true],
    ['a live pid held longer than any hold (reused pid)', owner(LIVE), 20, true],
    ['another machine, young (its pid cannot be checked)', owner(DEAD, 'elsewhere.example'), 0, false],
    ['another machine, held longer than any hold', owner(DEAD, 'elsewhere.example'), 20, true],
    ['not written yet (empty), young', '', 0, false],
    ['empty, older than its creator takes to write it', '', 5, true],
    ['not a lock (garbage), old', 'garbage', 5, true],
  ];
  it.each(cases)('%s (text %j, %i s old) → stale: %s', (_name, text, ageSeconds, stale) => {
    const path = join(dir(), 'x.lock');
    writeFileSync(path, text);
    age(path, ageSeconds);
    const state = readLock(path);
    expect(state).toBeDefined();
    if (state === undefined) return;
    expect(lockIsStale(state, 10_000)).toBe(stale);
    // tryLock takes over exactly the stale ones, and leaves no temp file doing so.
    const got = tryLock(path, 10_000);
    expect('held' in got).toBe(stale);
    if ('held' in got) {
      expect(readLock(path)?.owner?.pid).toBe(process.pid);
      unlock(got.held);
      expect(existsSync(path)).toBe(false);
    } else expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(join(path, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('unlock leaves a lock that another process took over', () => {
    const path = join(dir(), 'x.lock');
    const got = tryLock(path);
    if (!('held' in got)) throw new Error('not taken');
    writeFileSync(path, owner(LIVE, 'elsewhere.example'));
    unlock(got.held);
    expect(existsSync(path)).toBe(true);
  });
});

describe('temp files a killed writer left', () => {
  const cases: [string, string, number, boolean][] = [
    ['a dead pid, young', `.answers.yaml.${DEAD}.a1b2c3.tmp`, 0, true],
    ['a live pid, young (a writer at work)', `.answers.yaml.${LIVE}.a1b2c3.tmp`, 0, false],
    ['a live pid, old (pid reused)', `.answers.yaml.${LIVE}.a1b2c3.tmp`, 60, true],
    ['another file of the same name pattern', `.other.yaml.${DEAD}.a1b2c3.tmp`, 60, false],
    ['the lock of the same file', `.answers.yaml.lock.${DEAD}.a1b2c3.tmp`, 60, false],
    ['not a temp name', `.answers.yaml.${DEAD}.tmp`, 60, false],
    ['the file itself', 'answers.yaml', 60, false],
  ];
  it.each(cases)('%s (%s, %i s old) → removed: %s', (_name, name, ageSeconds, removed) => {
    const d = dir();
    writeFileSync(join(d, name), 'x');
    age(join(d, name), ageSeconds);
    expect(removeStaleTemps(join(d, 'answers.yaml'))).toEqual(removed ? [name] : []);
    expect(existsSync(join(d, name))).toBe(!removed);
  });

  it('writeFileAtomic removes them, writes the content and leaves no temp of its own', () => {
    const d = dir();
    const stale = `.answers.yaml.${DEAD}.ffff.tmp`;
    writeFileSync(join(d, stale), 'half a');
    writeFileAtomic(join(d, 'sub', 'answers.yaml'), 'whole');
    writeFileAtomic(join(d, 'answers.yaml'), 'whole');
    expect(readdirSync(d).sort()).toEqual(['answers.yaml', 'sub']);
    expect(readFileSync(join(d, 'answers.yaml'), 'utf8')).toBe('whole');
  });
});

describe('open interactive runs (.vouch/cache/ui-<pid>.lock)', () => {
  const marker = (root: string, pid: number, host = hostname()) =>
    writeFileSync(
      join(root, '.vouch', 'cache', `ui-${pid}.lock`),
      JSON.stringify({ pid, host, since: '2026-01-01T10:00:00.000Z' }),
    );

  it('a live run is named; a gone one is removed; this run is marked until it closes', () => {
    const root = dir();
    const first = openSession(root); // makes the folder
    first.close();
    const parent = process.ppid;
    marker(root, parent);
    marker(root, DEAD);
    const session = openSession(root);
    expect(session.others.map((o) => o.pid)).toEqual([parent]);
    expect(existsSync(join(root, '.vouch', 'cache', `ui-${DEAD}.lock`))).toBe(false);
    expect(existsSync(join(root, '.vouch', 'cache', `ui-${process.pid}.lock`))).toBe(true);
    expect(sessionNotice(session.others)).toMatch(
      new RegExp(
        `^vouch: another interactive vouch is open on this repository \\(pid ${parent}, since 2026-01-01T10:00:00.000Z\\);`,
      ),
    );
    session.close();
    expect(existsSync(join(root, '.vouch', 'cache', `ui-${process.pid}.lock`))).toBe(false);
    expect(openSessions(root).map((o) => o.pid)).toEqual([parent]);
  });

  it('no other run: no notice; a marker from the repository cannot put control characters on the terminal', () => {
    expect(sessionNotice([])).toBeUndefined();
    const notice = sessionNotice([{ pid: 1, host: 'evil\u001b]0;x\u0007\nhost', since: 'now' }]) ?? '';
    expect([...notice].filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toEqual([]);
    expect(notice).toContain('evil');
  });
});
