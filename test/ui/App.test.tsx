import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answers/types.js';
import type { ProgressEvent } from '../../src/audit/progress.js';
import type { Audit, AuditItem } from '../../src/audit/types.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { fixtureAudit, fixtureItems, LEAKED_TOKEN, manyItems } from './fixture.js';
import {
  ARROW_DOWN,
  ARROW_UP,
  BACKSPACE,
  CTRL_C,
  END,
  ENTER,
  ESC,
  mount,
  TAB,
  typeKeys,
  type Mounted,
} from './ink-harness.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const REPORT = '.vouch/vouch-report.md';

interface Harness extends Mounted {
  onAnswer: ReturnType<typeof vi.fn<(id: string, a: Answer | undefined) => void>>;
  onWriteReport: ReturnType<typeof vi.fn<(items: AuditItem[]) => Promise<string[]>>>;
  onQuit: ReturnType<typeof vi.fn<(items: AuditItem[]) => void>>;
}

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
});

async function start(
  props: Partial<AppProps> = {},
  size?: { columns: number; rows: number },
): Promise<Harness> {
  const onAnswer = vi.fn<(id: string, a: Answer | undefined) => void>();
  const onWriteReport = vi.fn<(items: AuditItem[]) => Promise<string[]>>(async () => [REPORT]);
  const onQuit = vi.fn<(items: AuditItem[]) => void>();
  const app = await mount(
    <App
      audit={fixtureAudit()}
      onAnswer={onAnswer}
      onWriteReport={onWriteReport}
      onQuit={onQuit}
      by="alice"
      commit="abc1234"
      now={() => NOW}
      color={false}
      {...props}
    />,
    size,
  );
  mounted = app;
  return { ...app, onAnswer, onWriteReport, onQuit };
}

/** The line of the frame holding the list cursor. */
function cursorLine(frame: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith('❯'));
}

describe('checklist screen', () => {
  it('groups items under category titles, with verdict marks and words, sources, and counts', async () => {
    const app = await start();
    const frame = app.lastFrame();
    expect(frame).toContain('5/10 answered');
    expect(frame).toContain('[##########----------]');
    expect(frame).toContain('✖ 2 fail  ? 2 review  · 3 unanswered  ✔ 2 pass  – 1 n/a');
    expect(frame).toMatch(/Code injection[\s\S]*Secrets[\s\S]*Dependencies/);
    expect(frame).toMatch(/✖ fail +Untrusted input never reaches eval or exec +auto/);
    expect(frame).toMatch(/· unanswered +Untrusted data is never unpickled/);
    expect(frame).toMatch(/– n\/a +Dependencies are scanned/);
    // The cursor starts on the first item needing a person.
    expect(cursorLine(frame)).toMatch(/^❯ \? review +SQL uses bound parameters/);
    expect(frame).toContain('? help');
  });

  it('filters: f cycles all → needs you → failing → all', async () => {
    const app = await start();
    await app.write('f');
    expect(app.lastFrame()).toContain('filter: needs you');
    expect(app.lastFrame()).toContain('Dependency updates are automated');
    expect(app.lastFrame()).not.toContain('No credentials in the source');
    await app.write('f');
    expect(app.lastFrame()).toContain('filter: failing');
    expect(app.lastFrame()).toContain('No credentials in the source');
    expect(app.lastFrame()).not.toContain('SQL uses bound parameters');
    expect(cursorLine(app.lastFrame())).toContain('No credentials in the source');
    await app.write('f');
    expect(app.lastFrame()).toContain('filter: all');
    expect(app.lastFrame()).toContain('SQL uses bound parameters');
  });

  it('Tab moves to the next item needing a person', async () => {
    const app = await start();
    await app.write(TAB);
    expect(cursorLine(app.lastFrame())).toContain('Untrusted data is never unpickled');
  });

  it('? opens the help with the key table, Esc closes it', async () => {
    const app = await start();
    await app.write('?');
    const help = app.lastFrame();
    expect(help).toContain('vouch · keys');
    expect(help).toMatch(/Tab +next item that needs you/);
    expect(help).toMatch(/s +write the report now/);
    expect(help).toMatch(/q Ctrl-C +write the report and quit/);
    await app.write(ESC);
    expect(app.lastFrame()).not.toContain('vouch · keys');
    expect(app.lastFrame()).toContain('answered');
  });

  it('s writes the report and shows where', async () => {
    const app = await start();
    await app.write('s');
    await app.settle();
    expect(app.onWriteReport).toHaveBeenCalledTimes(1);
    expect(app.lastFrame()).toContain(`report written to ${REPORT}`);
  });

  it('a failing report write shows the error', async () => {
    const app = await start({
      onWriteReport: async () => Promise.reject(new Error('EACCES: permission denied')),
    });
    await app.write('s');
    await app.settle();
    expect(app.lastFrame()).toContain('could not write the report: EACCES: permission denied');
  });
});

describe('answering', () => {
  it('Enter opens the item; Enter on Pass records it and opens the next item needing a person', async () => {
    const app = await start();
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('SQL uses bound parameters');
    expect(app.lastFrame()).toContain('sql-params · medium severity · Code injection');
    expect(app.lastFrame()).toMatch(/❯ Pass\n {2}Fail\n {2}Not applicable\n {2}Waive\n {2}Skip/);
    await app.write(ENTER);
    expect(app.onAnswer).toHaveBeenCalledWith('sql-params', {
      verdict: 'pass',
      by: 'alice',
      at: NOW.toISOString(),
      commit: 'abc1234',
    });
    expect(app.lastFrame()).toContain('Untrusted data is never unpickled');
    await app.write(ESC);
    expect(app.lastFrame()).toMatch(/✔ pass +SQL uses bound parameters +you/);
    expect(app.lastFrame()).toContain('6/10 answered');
  });

  it('Skip records nothing and moves on', async () => {
    const app = await start();
    await typeKeys(app, ENTER, 'j', 'j', 'j', 'j', ENTER);
    expect(app.onAnswer).not.toHaveBeenCalled();
    expect(app.lastFrame()).toContain('Untrusted data is never unpickled');
  });

  it('waive asks for a reason (required), then an expiry (validated)', async () => {
    const app = await start();
    await typeKeys(app, ARROW_UP, ARROW_UP, ENTER);
    expect(app.lastFrame()).toContain('Untrusted input never reaches eval or exec');
    await typeKeys(app, ARROW_DOWN, ARROW_DOWN, ARROW_DOWN, ENTER);
    expect(app.lastFrame()).toContain('Waive: why is this accepted for now? (required)');
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('a waiver needs a reason');
    await app.write('legacy endpoint, removed in 2.0');
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('Waive: until when? YYYY-MM-DD');
    await app.write('2027-02-30');
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('write the date as YYYY-MM-DD');
    await typeKeys(app, BACKSPACE, BACKSPACE, '28', ENTER);
    expect(app.onAnswer).toHaveBeenCalledWith('no-eval-exec', {
      verdict: 'waived',
      reason: 'legacy endpoint, removed in 2.0',
      expires: '2027-02-28',
      by: 'alice',
      at: NOW.toISOString(),
      commit: 'abc1234',
    });
    await app.write(ESC);
    expect(app.lastFrame()).toMatch(/~ waived +Untrusted input never reaches eval or exec +you/);
  });

  it('n adds a note; letters that are commands elsewhere are text in it', async () => {
    const app = await start();
    await app.write(ENTER);
    await app.write('n');
    expect(app.lastFrame()).toContain('Note for this item');
    await typeKeys(app, 'q', 'j', 'k', 'f', 's', 'n', '?', ' ok');
    expect(app.lastFrame()).toContain('note> qjkfsn? ok█');
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('Note (saved with your answer): qjkfsn? ok');
    await app.write(ENTER);
    expect(app.onAnswer).toHaveBeenCalledWith(
      'sql-params',
      expect.objectContaining({ verdict: 'pass', note: 'qjkfsn? ok' }),
    );
    expect(app.onQuit).not.toHaveBeenCalled();
  });

  it('Esc in a text field cancels it and keeps the screen', async () => {
    const app = await start();
    await typeKeys(app, ENTER, 'n', 'draft', ESC);
    expect(app.lastFrame()).not.toContain('note>');
    expect(app.lastFrame()).toContain('SQL uses bound parameters');
    expect(app.onAnswer).not.toHaveBeenCalled();
  });

  it('an answer contradicting the automatic verdict shows ≠ auto and asks for a note first', async () => {
    const app = await start();
    await typeKeys(app, 'k', 'k', ENTER);
    expect(app.lastFrame()).toContain('≠ auto: fail — answering Pass overrides it and needs a note');
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('≠ auto: fail — say why the answer is Pass (note required)');
    expect(app.onAnswer).not.toHaveBeenCalled();
    await app.write(ENTER);
    expect(app.lastFrame()).toContain('a note is required');
    await typeKeys(app, 'input is a constant', ENTER);
    expect(app.onAnswer).toHaveBeenCalledWith(
      'no-eval-exec',
      expect.objectContaining({ verdict: 'pass', note: 'input is a constant' }),
    );
    await app.write(ESC);
    expect(app.lastFrame()).toMatch(/✔ pass +Untrusted input never reaches eval or exec +you ≠ auto/);
  });

  it('the item shows evidence with secrets redacted, and scrolls', async () => {
    const app = await start({}, { columns: 80, rows: 24 });
    await typeKeys(app, ARROW_DOWN, ARROW_DOWN, ENTER);
    const frame = app.lastFrame();
    expect(frame).toContain('No credentials in the source');
    expect(frame).toContain('settings.py:3');
    expect(frame).not.toContain(LEAKED_TOKEN);
    expect(frame).toContain('lines 1–10 of 14');
    await app.write(']');
    expect(app.lastFrame()).toContain('lines 5–14 of 14');
    await app.write('[');
    expect(app.lastFrame()).toContain('lines 1–10 of 14');
  });

  it('answering the last item needing a person shows the summary with failures, report and sign-off', async () => {
    const app = await start();
    await typeKeys(app, ENTER, ENTER, ENTER, ENTER, ENTER);
    expect(app.lastFrame()).toContain('Dependency updates are automated');
    await app.write(ENTER);
    await app.settle();
    const frame = app.lastFrame();
    expect(frame).toContain('vouch · summary');
    expect(frame).toContain('Still failing (2):');
    expect(frame).toContain('✖ fail no-eval-exec — Untrusted input never reaches eval or exec');
    expect(frame).toContain('✖ fail no-hardcoded-secrets — No credentials in the source');
    expect(frame).toContain(`Report: ${REPORT}`);
    expect(frame).toContain('vouch signoff --release <version>');
    expect(app.onAnswer).toHaveBeenCalledTimes(5);
    expect(app.onWriteReport).toHaveBeenCalledTimes(1);
  });
});

describe('quitting', () => {
  it.each([
    ['q', 'q'],
    ['Ctrl-C', CTRL_C],
  ])('%s writes the report, then calls onQuit with the items', async (_name, key) => {
    const app = await start();
    await typeKeys(app, ENTER, ENTER);
    await app.write(key);
    await app.settle();
    expect(app.onWriteReport).toHaveBeenCalledTimes(1);
    expect(app.onQuit).toHaveBeenCalledTimes(1);
    const items = app.onQuit.mock.calls[0]![0];
    expect(items.find((i) => i.id === 'sql-params')?.verdict).toBe('pass');
    expect(app.onWriteReport.mock.invocationCallOrder[0]!).toBeLessThan(
      app.onQuit.mock.invocationCallOrder[0]!,
    );
  });

  it('waits for answers still being saved before writing the report', async () => {
    const order: string[] = [];
    let release!: () => void;
    const saved = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = await start({
      onAnswer: async () => {
        await saved;
        order.push('answer saved');
      },
      onWriteReport: async () => {
        order.push('report');
        return [REPORT];
      },
    });
    await typeKeys(app, ENTER, ENTER, 'q');
    await app.settle();
    expect(order).toEqual([]);
    expect(app.onQuit).not.toHaveBeenCalled();
    release();
    await app.settle();
    expect(order).toEqual(['answer saved', 'report']);
    expect(app.onQuit).toHaveBeenCalledTimes(1);
  });

  it('Ctrl-C quits even inside a text field, where q is text', async () => {
    const app = await start();
    await typeKeys(app, ENTER, 'n', 'q');
    expect(app.onQuit).not.toHaveBeenCalled();
    await app.write(CTRL_C);
    await app.settle();
    expect(app.onQuit).toHaveBeenCalledTimes(1);
  });
});

describe('bursts of keys in one chunk', () => {
  it('Down, Down, Enter in ONE write opens the third item, not the first', async () => {
    const app = await start({ audit: fixtureAudit(manyItems(6)) });
    expect(cursorLine(app.lastFrame())).toContain('Manual item number 1');
    await app.write(`${ARROW_DOWN}${ARROW_DOWN}${ENTER}`);
    expect(app.lastFrame()).toContain('Manual item number 3');
    expect(app.lastFrame()).toContain('item-03 ·');
  });

  it('Enter, Down, Enter in one write records Fail on the opened item', async () => {
    const app = await start();
    await app.write(`${ENTER}${ARROW_DOWN}${ENTER}`);
    expect(app.onAnswer).toHaveBeenCalledWith('sql-params', expect.objectContaining({ verdict: 'fail' }));
    expect(app.lastFrame()).toContain('Untrusted data is never unpickled');
  });

  it('letters typed in one chunk act one by one: "jjj" moves three rows', async () => {
    const app = await start();
    await app.write('jjj');
    expect(cursorLine(app.lastFrame())).toContain('.env files are ignored by git');
  });

  it('a note typed in one burst keeps q as text', async () => {
    const app = await start();
    // Ink delivers "\rnquick q note\r" as one input; it must act as Enter, n, the text, Enter.
    await app.write(`${ENTER}nquick q note${ENTER}`);
    expect(app.onQuit).not.toHaveBeenCalled();
    expect(app.lastFrame()).toContain('Note (saved with your answer): quick q note');
  });
});

describe('80x24 terminal', () => {
  it('the list scrolls so the cursor row stays visible, and the frame fits', async () => {
    const app = await start({ audit: fixtureAudit(manyItems(40)) }, { columns: 80, rows: 24 });
    for (let i = 0; i < 30; i++) await app.write(ARROW_DOWN);
    let frame = app.lastFrame();
    expect(cursorLine(frame)).toContain('Manual item number 31');
    expect(frame).not.toContain('Manual item number 1\n');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await app.write(END);
    frame = app.lastFrame();
    expect(cursorLine(frame)).toContain('Manual item number 40');
    await app.write('\u001B[H');
    expect(cursorLine(app.lastFrame())).toContain('Manual item number 1');
    expect(app.lastFrame()).toContain('Code injection');
  });

  it('long titles are cut, not wrapped, and the source stays visible', async () => {
    const items = fixtureItems();
    items[0] = { ...items[0]!, title: `${'Very long title '.repeat(8)}end` };
    const app = await start({ audit: fixtureAudit(items) }, { columns: 80, rows: 24 });
    const line = app
      .lastFrame()
      .split('\n')
      .find((l) => l.includes('Very long title'));
    expect(line).toBeDefined();
    expect(line!.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/ auto$/);
  });

  it('with nothing left to answer it opens on the summary, writes the report, and the list of failures fits', async () => {
    const failing = manyItems(40).map((i) => ({
      ...i,
      verdict: 'fail' as const,
      autoVerdict: 'fail' as const,
      source: 'auto' as const,
    }));
    const app = await start({ audit: fixtureAudit(failing) }, { columns: 80, rows: 24 });
    await app.settle();
    const lines = app.lastFrame().split('\n');
    expect(app.onWriteReport).toHaveBeenCalledTimes(1);
    expect(lines[0]).toContain('vouch · summary');
    expect(app.lastFrame()).toContain('Still failing (40):');
    expect(app.lastFrame()).toMatch(/…and \d+ more/);
    expect(app.lastFrame()).toContain('vouch signoff --release <version>');
    expect(lines.length).toBeLessThanOrEqual(23);
  });

  it('the item screen fits 24 rows', async () => {
    const app = await start({}, { columns: 80, rows: 24 });
    await typeKeys(app, 'k', 'k', ENTER);
    const lines = app.lastFrame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('scan screen', () => {
  function progressSource() {
    const listeners = new Set<(e: ProgressEvent) => void>();
    return {
      subscribe: (listener: (e: ProgressEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (e: ProgressEvent) => {
        for (const l of listeners) l(e);
      },
    };
  }

  it('shows a line per step, details, a skipped bandit, elapsed time that ticks, then the checklist', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = NOW.getTime();
    const progress = progressSource();
    let resolveAudit!: (audit: Audit) => void;
    const auditPromise = new Promise<Audit>((resolve) => {
      resolveAudit = resolve;
    });
    const app = await start({
      audit: undefined,
      progress: progress.subscribe,
      auditPromise,
      now: () => new Date(clock),
    });
    expect(app.lastFrame()).toContain('Listing files');
    expect(app.lastFrame()).toContain('Running bandit');
    await app.write(''); // nothing; lets the subscription effect run
    const { act } = await import('react');
    await act(async () => {
      progress.emit({ step: 'files', state: 'running' });
      clock += 300;
      progress.emit({ step: 'files', state: 'done', detail: '1,204 files' });
      progress.emit({ step: 'bandit', state: 'skipped', detail: 'not found on PATH' });
      progress.emit({ step: 'python', state: 'running', detail: 'parsing', done: 412, total: 1204 });
    });
    let frame = app.lastFrame();
    expect(frame).toMatch(/✔ Listing files +1,204 files +0\.3s/);
    expect(frame).toMatch(/– Running bandit +skipped: not found on PATH\n/);
    expect(frame).toMatch(/Analysing Python sources +parsing 412\/1,204 +0\.0s/);
    expect(frame).toMatch(/· Running pip-audit +waiting/);
    await act(async () => {
      clock += 2500;
      vi.advanceTimersByTime(2500);
    });
    frame = app.lastFrame();
    expect(frame).toMatch(/Analysing Python sources +parsing 412\/1,204 +2\.5s/);
    expect(frame).toContain('scanning the repository · 2.8s');
    await act(async () => {
      resolveAudit(fixtureAudit());
      await auditPromise;
    });
    expect(app.lastFrame()).toContain('5/10 answered');
  });

  it('a failed audit shows the reason', async () => {
    const app = await start({
      audit: undefined,
      progress: progressSource().subscribe,
      auditPromise: Promise.reject(new Error('checklist.yaml: invalid')),
    });
    await app.settle();
    // The app shows the reason, then exits (which may clear the last frame).
    expect(app.frames().some((f) => f.includes('The audit failed: checklist.yaml: invalid'))).toBe(true);
  });
});

describe('text from the repository on screen', () => {
  it('shows control sequences in a checklist title as visible text, never as escapes', async () => {
    const items = fixtureItems().map((item, i) =>
      i === 0 ? { ...item, title: 'Evil\u001B[2J\u001B]0;pwned\u0007 title' } : item,
    );
    const app = await start({ audit: fixtureAudit(items) });
    const frame = app.lastFrame();
    expect(frame).toContain('Evil\\x1b[2J\\x1b]0;pwned\\x07 title');
    expect(frame).not.toContain('\u001B]0;');
  });
});
