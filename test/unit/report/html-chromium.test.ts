/**
 * The HTML report in a real browser: headless Chromium loads the file, and we read back the DOM
 * it built, its console (where a Content-Security-Policy violation would show), and a screenshot
 * kept as a test artefact in test-results/. CI installs chromium; without it this test fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../../src/audit/types.js';
import { render } from '../../../src/report/html.js';
import { makeAuditFixture } from '../../fixtures/audit-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENSHOT = join(REPO_ROOT, 'test-results', 'report.png');

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-html-'));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `headless Chromium is required for this test and was not found at ${CHROMIUM}. ` +
        'Install it with `apt-get install -y chromium` (CI does this in .ci/run).',
    );
  }
}

/** Runs Chromium headless on a file with the given extra switches; never through a shell. */
async function chromium(file: string, switches: string[]): Promise<{ stdout: string; messages: string[] }> {
  requireChromium();
  const profile = mkdtempSync(join(dir, 'profile-'));
  const result = await execa(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      ...switches,
      '--',
      pathToFileURL(file).href,
    ],
    { timeout: 60_000, reject: false },
  );
  if (result.exitCode !== 0) throw new Error(`chromium exited with ${result.exitCode}: ${result.stderr}`);
  // Page console messages (CSP violations, blocked loads) are logged as INFO:CONSOLE lines.
  return { stdout: result.stdout, messages: result.stderr.split('\n').filter((l) => l.includes(':CONSOLE')) };
}

function writeReport(name: string, audit: Audit): string {
  const file = join(dir, name);
  writeFileSync(file, render(audit, {}));
  return file;
}

describe('html report in headless Chromium', () => {
  it('builds the expected DOM, with no console message (no CSP violation, no blocked load)', async () => {
    const { stdout, messages } = await chromium(writeReport('report.html', makeAuditFixture()), [
      '--dump-dom',
    ]);
    expect(messages).toEqual([]);
    expect(stdout).toContain('<title>vouch security report: shopfront</title>');
    expect(stdout).toMatch(
      /<strong class="n-fail">2 failing<\/strong>, <strong>3<\/strong> need a person, 1 waived, 3 passing, 1 not applicable/,
    );
    expect(stdout.match(/<article class="item v-/g)?.length).toBe(10);
    expect(stdout).toMatch(
      /<article class="item v-fail" id="item-no-eval-exec">\s*<div class="item-head">\s*<span class="badge v-fail">✗ fail<\/span>/,
    );
    expect(stdout).toContain(
      'aria-label="All items (10): 2 fail · 2 review · 1 unanswered · 1 waived · 3 pass · 1 n/a"',
    );
  });

  it('keeps a script in a note as text: the DOM has no script element', async () => {
    const audit = makeAuditFixture();
    const item = audit.items.find((i) => i.id === 'debug-disabled');
    if (item === undefined) throw new Error('fixture changed');
    item.note = '<script>document.title = "pwned"</script><img src=x onerror="document.title=1">';
    const { stdout, messages } = await chromium(writeReport('xss.html', audit), ['--dump-dom']);
    expect(messages).toEqual([]);
    expect(stdout).not.toMatch(/<script|<img/);
    expect(stdout).toContain('&lt;script&gt;document.title = "pwned"&lt;/script&gt;');
    expect(stdout).toContain('<title>vouch security report: shopfront</title>');
  });

  it('takes a screenshot (test-results/report.png)', async () => {
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await chromium(writeReport('shot.html', makeAuditFixture()), [
      `--screenshot=${SCREENSHOT}`,
      '--window-size=1200,1600',
    ]);
    expect(existsSync(SCREENSHOT)).toBe(true);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR holds the size: the window we asked for.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 1600]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  });
});
