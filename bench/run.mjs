#!/usr/bin/env node
// vouch's benchmarks. Every figure is a ratio against a reference run made in the same command
// (bandit alone, or node starting), because these machines are noisy.
//
//   npm run bench                  all benchmarks on a copy of Python's standard library
//   node bench/run.mjs --quick     a 3 MB slice of it (a smoke run)
//
// Targets (README): full audit with bandit ≤ 0.6x `bandit -r`; without bandit ≤ 0.05x;
// a re-run with nothing changed ≤ 0.1x; peak memory < 300 MB on 10 MB of Python;
// the interactive first frame < 0.5 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vouch = join(here, '..', 'bin', 'vouch.js');
const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'vouch-bench-'));
const stdlib = execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'])
  .toString()
  .trim();

/** Copies the stdlib's sources (no site-packages, no caches) into a fresh git repository. */
function makeTree(name, limitBytes) {
  const root = join(work, name);
  mkdirSync(root);
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const src = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['site-packages', '__pycache__', 'config-3.11-x86_64-linux-gnu'].includes(entry.name)) continue;
        walk(src);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        const size = statSync(src).size;
        if (limitBytes !== undefined && bytes + size > limitBytes) continue;
        bytes += size;
        const dest = join(root, relative(stdlib, src));
        mkdirSync(dirname(dest), { recursive: true });
        cpSync(src, dest);
      }
    }
  };
  walk(stdlib);
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'tree');
  return { root, bytes };
}

function time(cmd, args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const maxRssHook = join(work, 'max-rss.mjs');
writeFileSync(
  maxRssHook,
  "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
);

function runVouch(root, flags, extra = {}) {
  const out = join(work, 'report.json');
  const r = time(
    process.execPath,
    [
      '--import',
      maxRssHook,
      vouch,
      root,
      '--non-interactive',
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'none',
      '--quiet',
      ...flags,
    ],
    extra,
  );
  if (r.status !== 0) throw new Error(`vouch exited ${r.status}: ${r.stderr}`);
  const rss = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms: r.ms, rssMb: rss };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [];
function report(name, value, reference, target, unit = 'x') {
  const ratio = value / reference;
  rows.push({ name, ratio, target, ok: ratio <= target, detail: unit });
  console.log(`${name.padEnd(44)} ${ratio.toFixed(3)}x  (target ≤ ${target}x)  ${unit}`);
}

const tree = makeTree('stdlib', quick ? 3 * 1024 * 1024 : undefined);
console.log(
  `tree: ${tree.root} — ${(tree.bytes / 1024 / 1024).toFixed(1)} MB of Python (${quick ? 'quick slice' : 'the whole standard library'})`,
);

// Reference: bandit alone, the way a maintainer runs it.
const bandit = time('bandit', ['-r', tree.root, '-f', 'json', '-q', '-o', join(work, 'bandit.json')]);
console.log(`reference: bandit -r alone ${fmt(bandit.ms)} (exit ${bandit.status})`);

const full = runVouch(tree.root, ['--no-cache']);
report('full audit with bandit / bandit -r', full.ms, bandit.ms, 0.6, `${fmt(full.ms)} vs ${fmt(bandit.ms)}`);
const noBandit = runVouch(tree.root, ['--no-cache', '--no-bandit']);
report(
  'audit without bandit / bandit -r',
  noBandit.ms,
  bandit.ms,
  0.05,
  `${fmt(noBandit.ms)} vs ${fmt(bandit.ms)}`,
);
runVouch(tree.root, []); // fills the cache
const rerun = runVouch(tree.root, []);
report(
  're-run, nothing changed / bandit -r',
  rerun.ms,
  bandit.ms,
  0.1,
  `${fmt(rerun.ms)} vs ${fmt(bandit.ms)}`,
);

// Peak memory on a 10 MB codebase (vouch's own process, worker threads included).
const ten = makeTree('ten-mb', 10 * 1024 * 1024);
const mem = runVouch(ten.root, ['--no-cache']);
console.log(
  `peak memory on ${(ten.bytes / 1024 / 1024).toFixed(1)} MB of Python: ${mem.rssMb.toFixed(0)} MB (target < 300 MB)`,
);
rows.push({ name: 'peak memory MB (10 MB tree)', ratio: mem.rssMb, target: 300, ok: mem.rssMb < 300 });

// Interactive first frame, in a real terminal (tmux), against node printing one line.
function firstFrame(command, expect) {
  const session = `vouch-bench-${process.pid}`;
  spawnSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
  const t0 = performance.now();
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '30', command]);
  let ms = Number.NaN;
  while (performance.now() - t0 < 10_000) {
    const screen =
      spawnSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' }).stdout ?? '';
    if (expect.test(screen)) {
      ms = performance.now() - t0;
      break;
    }
  }
  spawnSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
  return ms;
}
if (spawnSync('tmux', ['-V']).status === 0) {
  const example = join(here, '..', 'examples', 'vulnerable-flask-app');
  const nodeMs = firstFrame(
    `${process.execPath} -e "console.log('ready'); setTimeout(() => {}, 5000)"`,
    /ready/,
  );
  const frameMs = firstFrame(
    `${process.execPath} ${vouch} ${example} --no-cache; sleep 5`,
    /Listing files|Reading|Analysing|Running|answered/,
  );
  console.log(
    `interactive first frame: ${(frameMs / 1000).toFixed(3)} s (node alone prints in ${(nodeMs / 1000).toFixed(3)} s; target < 0.5 s)`,
  );
  rows.push({ name: 'first frame seconds', ratio: frameMs / 1000, target: 0.5, ok: frameMs < 500 });
}

writeFileSync(
  join(here, '..', 'bench', 'last-run.json'),
  `${JSON.stringify({ date: new Date().toISOString(), quick, treeMb: tree.bytes / 1048576, banditMs: bandit.ms, rows }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
