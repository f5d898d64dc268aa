#!/usr/bin/env node
// The offline OSV database at scale: generates a database of N records in OSV's format (default
// 200,000, about 1 GB of JSON; real records carry long `details`), as a folder and as a zip
// written by Info-ZIP's `zip` (the format of osv.dev's all.zip), then measures the built CLI:
// `vouch osv-db info` and an audit of the vulnerable example with --osv-db, each with its wall
// time and peak RSS, against the same audit without a database.
//
//   npm run build && node bench/osv-db.mjs [--records N] [--keep DIR]
//
// Target: peak memory < 300 MB (the README's audit target), whatever the database's size.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vouch = join(here, '..', 'bin', 'vouch.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const count = Number(arg('--records', '200000'));
const work = arg('--keep', undefined) ?? mkdtempSync(join(tmpdir(), 'vouch-osv-bench-'));
mkdirSync(work, { recursive: true });
const folder = join(work, 'osv');
const zip = join(work, 'all.zip');

// A small deterministic generator, so every run builds the same database.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const WORDS =
  'a an the of in to and or not with from by for on request response parser header buffer cookie session token template sandbox escape injection overflow crafted remote attacker allows arbitrary code execution denial service memory path traversal redirect validation certificate signature timing'.split(
    ' ',
  );
const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');

// Packages the example projects pin appear too, so matching runs on real names.
const NAMES = ['jinja2', 'flask', 'gunicorn', 'requests', 'pyyaml', 'werkzeug', 'django', 'urllib3'];
function record(i) {
  const name = i % 50 === 0 ? NAMES[(i / 50) % NAMES.length] : `bench-package-${i % 25000}`;
  const major = 1 + (i % 7);
  return {
    schema_version: '1.6.0',
    id: `PYSEC-BENCH-${i}`,
    modified: new Date(Date.UTC(2026, 0, 1) + (i % 330) * 86_400_000).toISOString().replace('.000', ''),
    published: '2025-06-01T00:00:00Z',
    ...(i % 97 === 0 ? { withdrawn: '2026-02-01T00:00:00Z' } : {}),
    aliases: [`CVE-2099-${100000 + i}`, `GHSA-bnch-${(i % 10000).toString().padStart(4, '0')}-test`],
    summary: words(12),
    details: words(650),
    affected: [
      {
        package: { ecosystem: 'PyPI', name, purl: `pkg:pypi/${name}` },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [{ introduced: `${major}.0` }, { fixed: `${major}.${1 + (i % 9)}.${i % 5}` }],
          },
        ],
        versions: Array.from({ length: 1 + (i % 6) }, (_, k) => `${major}.0.${k}`),
        database_specific: { source: 'bench' },
      },
    ],
    references: [{ type: 'ADVISORY', url: `https://example.org/advisory/${i}` }],
  };
}

const t0 = performance.now();
if (!existsSync(zip)) {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const dir = join(folder, String(Math.floor(i / 5000)));
    if (i % 5000 === 0) mkdirSync(dir, { recursive: true });
    const text = JSON.stringify(record(i));
    bytes += text.length;
    writeFileSync(join(dir, `PYSEC-BENCH-${i}.json`), text);
  }
  execFileSync('zip', ['-q', '-r', '-D', zip, '.'], { cwd: folder });
  console.log(
    `generated ${count} records, ${(bytes / 2 ** 30).toFixed(2)} GiB of JSON, in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}
console.log(`zip: ${(statSync(zip).size / 2 ** 20).toFixed(0)} MiB at ${zip}`);

const maxRssHook = join(work, 'max-rss.mjs');
writeFileSync(
  maxRssHook,
  "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
);

function measure(label, args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', maxRssHook, vouch, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t;
  const rss = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label}: exit ${r.status}: ${r.stderr}`);
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${rss.toFixed(0).padStart(4)} MB`,
  );
  return { ms, rss, stdout: r.stdout };
}

const repo = join(work, 'repo');
if (!existsSync(repo)) {
  cpSync(join(here, '..', 'examples', 'vulnerable-flask-app'), repo, { recursive: true });
  const git = (...a) => execFileSync('git', a, { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@example.org', 'commit', '-qm', 'bench');
}
const audit = (extra) => [
  repo,
  '--non-interactive',
  '--no-bandit',
  '--no-pip-audit',
  '--no-cache',
  '--format',
  'json',
  '--output',
  join(work, 'r.json'),
  '--fail-on',
  'none',
  '--quiet',
  ...extra,
];

const info = measure('vouch osv-db info (zip)', ['osv-db', 'info', zip]);
console.log(info.stdout.trim().replace(/^/gmu, '    '));
measure('vouch osv-db info (folder)', ['osv-db', 'info', folder]);
const base = measure('audit, no database', audit([]));
const withZip = measure('audit --osv-db all.zip', audit(['--osv-db', zip]));
const withFolder = measure('audit --osv-db folder', audit(['--osv-db', folder]));
const peak = Math.max(info.rss, withZip.rss, withFolder.rss);
console.log(
  `database cost: zip +${((withZip.ms - base.ms) / 1000).toFixed(2)} s, folder +${((withFolder.ms - base.ms) / 1000).toFixed(2)} s; peak RSS ${peak.toFixed(0)} MB (target < 300 MB): ${peak < 300 ? 'ok' : 'OVER'}`,
);
