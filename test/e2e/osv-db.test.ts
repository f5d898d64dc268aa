/**
 * The offline OSV database and imported reports, end to end: the built CLI audits the example
 * projects with a small database built from records in OSV's own format, and every report format
 * shows the advisory at the line that pins the package. The HTML is read back from real Chromium.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { osvRecord, writeOsvFolder, writeOsvZip } from '../fixtures/osv-db.js';
import { gitRepoFrom, REPO, vouch, type Report } from './helpers.js';

const VULNERABLE = join(REPO, 'examples', 'vulnerable-flask-app');
const HARDENED = join(REPO, 'examples', 'hardened-flask-app');
const ITEM = 'deps-vulnerability-scan';
// examples/vulnerable-flask-app/requirements.txt:7 pins Jinja2==2.10; the hardened app pins 3.1.6.
const PLACE = 'requirements.txt:7';

const RECORDS = [
  // The shape of the real advisory: the Jinja2 sandbox escape fixed in 2.10.1.
  osvRecord({
    id: 'PYSEC-2019-217',
    package: 'Jinja2',
    aliases: ['CVE-2019-10906', 'GHSA-462w-v97r-4m45'],
    modified: '2026-11-30T10:00:00Z',
    ranges: [[{ introduced: '0' }, { fixed: '2.10.1' }]],
  }),
  // Withdrawn: would match both apps' gunicorn 23.0.0, must not count.
  osvRecord({
    id: 'VOUCH-TEST-2026-2',
    package: 'gunicorn',
    withdrawn: '2026-11-02T00:00:00Z',
    versions: ['23.0.0'],
  }),
  // The hardened app pins flask 3.x; this range ends below it.
  osvRecord({
    id: 'VOUCH-TEST-2026-3',
    package: 'Flask',
    ranges: [[{ introduced: '0' }, { fixed: '2.2.5' }]],
  }),
];

let tmp = '';
let zip = '';
let folder = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vouch-osv-e2e-'));
  zip = join(tmp, 'all.zip');
  await writeOsvZip(zip, RECORDS);
  folder = join(tmp, 'osv');
  writeOsvFolder(folder, RECORDS);
});

async function audit(source: string, flags: string[]) {
  const root = gitRepoFrom(source);
  const out = join(root, '..', 'reports');
  const r = await vouch([
    root,
    '--non-interactive',
    '--no-cache',
    '--format',
    'md,json,sarif,html',
    '--output',
    `${out}/`,
    ...flags,
  ]);
  const read = (name: string) => readFileSync(join(out, name), 'utf8');
  return { r, read, out, root };
}

async function chromiumDom(file: string): Promise<string> {
  const profile = mkdtempSync(join(tmp, 'profile-'));
  const result = await execa(
    '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      `--user-data-dir=${profile}`,
      '--dump-dom',
      '--',
      pathToFileURL(file).href,
    ],
    { timeout: 60_000, reject: false },
  );
  if (result.exitCode !== 0) throw new Error(`chromium exited with ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

describe.each([
  ['zip', () => zip],
  ['folder', () => folder],
])('--osv-db with a %s database', (_kind, db) => {
  it('fails the vulnerable app with the advisory at the pinning line in md, json, sarif and html', async () => {
    const { r, read, out } = await audit(VULNERABLE, ['--osv-db', db()]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);

    const json = JSON.parse(read('vouch-report.json')) as Report & { notices: string[] };
    const item = json.items.find((i) => i.id === ITEM);
    expect(item?.verdict).toBe('fail');
    const hit = item?.evidence.find((e) => e.counted && `${e.file}:${e.line}` === PLACE);
    expect(hit?.message).toContain(
      'jinja2 2.10 has 1 known vulnerability: PYSEC-2019-217 (CVE-2019-10906, GHSA-462w-v97r-4m45), fixed in 2.10.1',
    );
    expect(item?.evidence.map((e) => e.message).join('\n')).not.toContain('VOUCH-TEST-2026-2');
    // Unpinned requirements are named as not covered.
    expect(item?.evidence.map((e) => e.message)).toContain(
      'flask not checked: no version given, and no lock file pins it',
    );
    // The report names the database's date, so a stale one is visible.
    expect(json.notices.some((n) => n.includes('(newest record 2026-11-30)'))).toBe(true);

    const md = read('vouch-report.md');
    expect(md).toContain('PYSEC-2019-217');
    expect(md).toContain(PLACE);
    expect(md).toContain('newest record 2026-11-30');

    const sarif = JSON.parse(read('vouch-report.sarif')) as {
      runs: {
        results: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations?: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
          }[];
        }[];
      }[];
    };
    const result = sarif.runs[0]?.results.find(
      (x) => x.ruleId === ITEM && x.message.text.includes('PYSEC-2019-217'),
    );
    expect(result?.level).toBe('error');
    expect(result?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('requirements.txt');
    expect(result?.locations?.[0]?.physicalLocation.region?.startLine).toBe(7);

    const dom = await chromiumDom(join(out, 'vouch-report.html'));
    const article = dom.slice(dom.indexOf(`id="item-${ITEM}"`));
    expect(article.slice(0, article.indexOf('</article>'))).toContain('PYSEC-2019-217');
    expect(article.slice(0, article.indexOf('</article>'))).toContain(PLACE);
  });

  it('passes the hardened app: every dependency pinned by pip-compile, none affected', async () => {
    const { r, read } = await audit(HARDENED, ['--osv-db', db()]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(read('vouch-report.json')) as Report;
    const item = json.items.find((i) => i.id === ITEM);
    expect(item?.verdict).toBe('pass');
    expect(item?.evidence.map((e) => e.message).join('\n')).toMatch(
      /\d+ dependencies checked \(OSV database .*\): none has a known vulnerability/,
    );
  });
});

describe('--osv-db and osv_db', () => {
  it('is read from the settings, relative to the repository', async () => {
    const root = gitRepoFrom(VULNERABLE);
    writeFileSync(join(root, '.vouch.yaml'), `osv_db: ${JSON.stringify(zip)}\n`);
    const out = join(root, '..', 'r.json');
    const r = await vouch([root, '--non-interactive', '--no-cache', '--format', 'json', '--output', out]);
    expect(r.stderr).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(
      json.items
        .find((i) => i.id === ITEM)
        ?.evidence.some((e) => e.counted && e.message.includes('PYSEC-2019-217')),
    ).toBe(true);
  });

  it('without a database, a project where nothing checks dependencies still fails', async () => {
    const { read } = await audit(VULNERABLE, []);
    const json = JSON.parse(read('vouch-report.json')) as Report;
    const item = json.items.find((i) => i.id === ITEM);
    expect(item?.verdict).toBe('fail');
    expect(item?.evidence.map((e) => e.message).join('\n')).toContain(
      'nothing checks the dependencies for known vulnerabilities',
    );
  });
});

describe('--import', () => {
  it('attaches a pip-audit report and a bandit SARIF log to the items they bear on, naming the tool', async () => {
    const pipAudit = join(tmp, 'pip-audit.json');
    writeFileSync(
      pipAudit,
      JSON.stringify({
        dependencies: [
          {
            name: 'jinja2',
            version: '2.10',
            vulns: [{ id: 'GHSA-462w-v97r-4m45', fix_versions: ['2.10.1'], aliases: ['CVE-2019-10906'] }],
          },
        ],
        fixes: [],
      }),
    );
    const sarif = join(tmp, 'bandit.sarif');
    writeFileSync(
      sarif,
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'Bandit', rules: [{ id: 'B602' }] } },
            results: [
              {
                ruleId: 'B602',
                level: 'error',
                message: { text: 'subprocess call with shell=True identified' },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: 'app/utils.py' },
                      region: { startLine: 17 },
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const { r, read } = await audit(VULNERABLE, ['--import', pipAudit, '--import', sarif]);
    expect(r.stderr).toBe('');
    const json = JSON.parse(read('vouch-report.json')) as Report;
    const deps = json.items.find((i) => i.id === ITEM);
    expect(deps?.verdict).toBe('fail');
    expect(deps?.evidence.find((e) => e.counted && `${e.file}:${e.line}` === PLACE)?.message).toContain(
      `GHSA-462w-v97r-4m45 (CVE-2019-10906), fixed in 2.10.1 — pip-audit report ${pipAudit}`,
    );
    const shell = json.items.find((i) => i.id === 'no-shell-injection');
    expect(shell?.evidence.map((e) => `${e.file}:${e.line} ${e.message}`)).toContain(
      `app/utils.py:17 Bandit (imported from ${sarif}): subprocess call with shell=True identified`,
    );
  });

  const bad: { name: string; content: string; message: string }[] = [
    {
      name: 'malformed JSON',
      content: '{"dependencies": [',
      message: 'not JSON (pip-audit -f json, osv-scanner --format json or SARIF expected)',
    },
    {
      name: 'a foreign file',
      content: '{"name": "left-pad", "version": "1.3.0"}',
      message: 'not a pip-audit, osv-scanner or SARIF report',
    },
  ];
  it.each(bad)('$name is one line naming the file, exit 2', async ({ content, message }) => {
    const file = join(tmp, 'report.json');
    writeFileSync(file, content);
    const root = gitRepoFrom(HARDENED);
    const r = await vouch([root, '--non-interactive', '--import', file]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe(`vouch: --import ${file}: ${message}`);
  });

  it('a missing --osv-db is one line, exit 2', async () => {
    const root = gitRepoFrom(HARDENED);
    const r = await vouch([root, '--non-interactive', '--osv-db', join(tmp, 'missing.zip')]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe(
      `vouch: --osv-db ${join(tmp, 'missing.zip')}: no such file or folder (download the OSV database first, see README)`,
    );
  });

  it('a damaged --osv-db is one line, exit 2, and is left as it was', async () => {
    const file = join(tmp, 'damaged.zip');
    writeFileSync(file, 'PK\u0003\u0004 not really');
    const root = gitRepoFrom(HARDENED);
    const r = await vouch([root, '--non-interactive', '--osv-db', file]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(
      /^vouch: .*damaged\.zip: not a readable zip file \(.*\); not an OSV database \(download it again, see README\)$/,
    );
    expect(readFileSync(file, 'utf8')).toBe('PK\u0003\u0004 not really');
  });
});

describe('vouch osv-db info', () => {
  it('says what the database holds', async () => {
    const r = await vouch(['osv-db', 'info', zip]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toBe(
      `${zip}: OSV database (zip)\nrecords: 3 (3 for PyPI packages, 1 withdrawn)\nnewest modified: 2026-11-30T10:00:00Z`,
    );
  });

  it('a file that is not a database is one line, exit 2', async () => {
    const r = await vouch(['osv-db', 'info', join(REPO, 'package.json')]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/^vouch: .*package\.json: not a readable zip file/);
    expect(String(r.stderr).trim().split('\n')).toHaveLength(1);
  });
});
