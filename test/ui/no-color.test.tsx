import { afterEach, describe, expect, it } from 'vitest';
import type { AuditItem } from '../../src/audit/types.js';
import { colorsEnabled } from '../../src/ui/verdict-style.js';
import { fixtureAudit, fixtureItems } from './fixture.js';

// chalk decides its colour level when it is first imported; force colour on for this file (a
// test's stdout is not a TTY), so the NO_COLOR case below proves something. chalk 5 itself does
// not read NO_COLOR (only FORCE_COLOR and --no-color), which is why the UI checks it.
process.env['FORCE_COLOR'] = '3';
delete process.env['NO_COLOR'];

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const COLOR_CODE = /\u001B\[(?:3[0-7]|9[0-7]|38;[0-9;]+)m/;

function itemsWithEveryVerdict(): AuditItem[] {
  const items = fixtureItems();
  const waived: AuditItem = {
    ...items[0]!,
    id: 'waived-one',
    title: 'An accepted risk',
    verdict: 'waived',
    source: 'manual',
    waiver: { reason: 'legacy' },
  };
  return [...items, waived];
}

async function firstFrame(): Promise<string> {
  const { mount } = await import('./ink-harness.js');
  const { App } = await import('../../src/ui/App.js');
  const app = await mount(
    <App
      audit={fixtureAudit(itemsWithEveryVerdict())}
      onAnswer={() => undefined}
      onWriteReport={async () => []}
      onQuit={() => undefined}
      by="alice"
    />,
  );
  const frame = app.lastFrame();
  await app.unmount();
  return frame;
}

afterEach(() => {
  delete process.env['NO_COLOR'];
});

describe('NO_COLOR', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '' }, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: 'yes' }, false],
  ])('colorsEnabled(%j) is %s', (env, expected) => {
    expect(colorsEnabled(env)).toBe(expected);
  });

  it('without NO_COLOR the list is coloured (so the next test can fail)', async () => {
    expect(await firstFrame()).toMatch(COLOR_CODE);
  });

  it('with NO_COLOR there are no colour codes, and every verdict still reads as a mark and a word', async () => {
    process.env['NO_COLOR'] = '1';
    const frame = await firstFrame();
    expect(frame).not.toMatch(COLOR_CODE);
    for (const label of ['✖ fail', '✔ pass', '? review', '· unanswered', '~ waived', '– n/a']) {
      expect(frame).toContain(label);
    }
  });
});
