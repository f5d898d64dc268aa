#!/usr/bin/env node
// vouch's benchmarks, on several real trees. Every figure is a ratio against a reference made
// in the same command (bandit -r alone, ruff's `S` rules, node printing a line), because these
// machines are shared and noisy; every time is the median of --runs runs (default 3), the
// references interleaved with vouch's runs so that a busy minute hits both.
//
//   npm run bench                         every tree, 3 runs each
//   node bench/run.mjs --quick            a 3 MB slice of the stdlib and the 1x/4x synthetic trees, 1 run
//   node bench/run.mjs --trees ansible,django --runs 5
//
// Writes bench/last-run.json. Targets (README, "Performance"):
//   with bandit, cold ≤ 0.55x bandit -r; --no-bandit, cold ≤ 0.05x bandit -r and ≤ 0.5x ruff;
//   warm (nothing changed) ≤ 0.03x bandit -r (and < 0.5 s on ansible); one file changed ≤ 0.05x;
//   linear growth 1x/4x/16x and peak memory < 300 MB at 16x; first frame < node + 0.3 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editableFiles, makeRealTree, makeSynthetic, realTrees } from './trees.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vouch = join(here, '..', 'bin', 'vouch.js');
const ruffPeer = join(here, 'ruff-peer.mjs');
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes('--quick');
const runs = Math.max(1, Number(flag('--runs') ?? (quick ? 1 : 3)));
const only = flag('--trees')?.split(',');
const work = mkdtempSync(join(tmpdir(), 'vouch-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

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

/** One vouch run: its time, peak memory (its own process, worker threads included) and summary. */
function runVouch(root, flags) {
  const out = join(work, 'report.json');
  const quiet = ['--non-interactive', '--fail-on', 'none', '--quiet'];
  const r = time(process.execPath, [
    '--import',
    maxRssHook,
    vouch,
    root,
    ...quiet,
    '--format',
    'json',
    '--output',
    out,
    ...flags,
  ]);
  if (r.status !== 0) throw new Error(`vouch exited ${r.status}: ${r.stderr}`);
  const rssMb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // What the audit concluded, to check that a cached run says what a cold one says.
  const verdicts = report.items.map((i) => `${i.id}=${i.verdict}:${(i.evidence ?? []).length}`).join(',');
  return { ms: r.ms, rssMb, verdicts };
}

function runBandit(root) {
  const r = time('bandit', ['-r', root, '-f', 'json', '-q', '-o', join(work, 'bandit.json')]);
  let findings;
  try {
    findings = JSON.parse(readFileSync(join(work, 'bandit.json'), 'utf8')).results.length;
  } catch {
    findings = undefined;
  }
  return { ms: r.ms, findings };
}

function runRuff(root) {
  const r = time(process.execPath, [ruffPeer, root]);
  if (r.status !== 0) return { ms: Number.NaN, error: r.stderr.trim().split('\n').pop() };
  return { ms: r.ms, ...JSON.parse(r.stdout) };
}

/** grep over the Python files for a handful of dangerous names: the floor of any text search. */
function runGrep(root) {
  const r = time('grep', [
    '-rnE',
    '--include=*.py',
    '-e',
    String.raw`\b(eval|exec|pickle|marshal|subprocess|os\.system|yaml\.load|shell=True|md5|sha1|password)\b`,
    '--',
    root,
  ]);
  return { ms: r.ms, findings: r.stdout.split('\n').filter(Boolean).length };
}

const haveBandit = spawnSync('bandit', ['--version'], { stdio: 'ignore' }).status === 0;
const rows = [];
const trees = [];
/** Records one measured figure and prints it. */
function row(tree, name, value, target, detail, unit = 'x') {
  const ok = target === undefined || Number.isNaN(value) ? undefined : value <= target;
  rows.push({ tree, name, value, unit, target, ok, detail });
  const shown = unit === 'x' ? `${value.toFixed(3)}x` : `${value.toFixed(unit === 'MB' ? 0 : 3)} ${unit}`;
  const goal =
    target === undefined
      ? ''
      : `(target ≤ ${target}${unit === 'x' ? 'x' : ` ${unit}`}) ${ok ? 'met' : 'NOT met'}`;
  console.log(`  ${name.padEnd(40)} ${shown.padStart(10)}  ${goal.padEnd(28)} ${detail}`);
}

/** The side-by-side table of one real tree. */
function benchTree(name, tree) {
  console.log(
    `\n${name}: ${tree.files} files, ${(tree.pyBytes / 1048576).toFixed(1)} MB of Python, ${(tree.bytes / 1048576).toFixed(1)} MB in all (${runs} runs each, medians)`,
  );
  const t = { bandit: [], ruff: [], grep: [], full: [], noBandit: [], warm: [], changed: [], rss: [] };
  let banditFindings;
  let ruffFindings;
  let cold;
  for (let i = 0; i < runs; i++) {
    if (haveBandit) {
      const b = runBandit(tree.root);
      t.bandit.push(b.ms);
      banditFindings = b.findings;
      const full = runVouch(tree.root, ['--no-cache']);
      t.full.push(full.ms);
      t.rss.push(full.rssMb);
      cold = full.verdicts;
    }
    const ruff = runRuff(tree.root);
    t.ruff.push(ruff.ms);
    ruffFindings = ruff.findings;
    t.grep.push(runGrep(tree.root).ms);
    const nb = runVouch(tree.root, ['--no-cache', '--no-bandit']);
    t.noBandit.push(nb.ms);
    t.rss.push(nb.rssMb);
  }
  // Warm runs use bandit when it is there, as a user's second run would.
  const warmFlags = haveBandit ? [] : ['--no-bandit'];
  runVouch(tree.root, warmFlags); // fills the cache
  let warmSame = true;
  for (let i = 0; i < runs; i++) {
    const w = runVouch(tree.root, warmFlags);
    t.warm.push(w.ms);
    t.rss.push(w.rssMb);
    if (cold !== undefined && w.verdicts !== cold) warmSame = false;
  }
  const editable = editableFiles(tree.root);
  for (let i = 0; i < runs; i++) {
    appendFileSync(join(tree.root, editable[(i * 7919) % editable.length]), `\n# bench edit ${i}\n`);
    const c = runVouch(tree.root, warmFlags);
    t.changed.push(c.ms);
    t.rss.push(c.rssMb);
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.length > 0 ? median(v) : Number.NaN]));
  const peak = Math.max(...t.rss);
  console.log(
    `  references: bandit -r ${haveBandit ? `${secs(m.bandit)} (${banditFindings ?? '?'} findings)` : 'not installed'}, ruff S ${secs(m.ruff)} (${ruffFindings ?? '?'} findings), grep ${secs(m.grep)}`,
  );
  if (haveBandit) {
    row(
      name,
      'with bandit, cold / bandit -r',
      m.full / m.bandit,
      0.55,
      `${secs(m.full)} vs ${secs(m.bandit)}`,
    );
    row(name, '--no-bandit, cold / bandit -r', m.noBandit / m.bandit, 0.05, `${secs(m.noBandit)}`);
  }
  row(name, '--no-bandit, cold / ruff S', m.noBandit / m.ruff, 0.5, `${secs(m.noBandit)} vs ${secs(m.ruff)}`);
  row(
    name,
    '--no-bandit, cold / grep',
    m.noBandit / m.grep,
    undefined,
    `${secs(m.noBandit)} vs ${secs(m.grep)}`,
  );
  if (haveBandit) {
    row(name, 'warm, nothing changed / bandit -r', m.warm / m.bandit, 0.03, `${secs(m.warm)}`);
    row(name, 'one file changed / bandit -r', m.changed / m.bandit, 0.05, `${secs(m.changed)}`);
  }
  row(name, 'warm, nothing changed', m.warm / 1000, name === 'ansible' ? 0.5 : undefined, '', 's');
  row(name, 'peak memory (any run)', peak, 300, '', 'MB');
  if (!warmSame) console.log('  WARNING: a warm run reached other verdicts than the cold run');
  trees.push({
    tree: name,
    files: tree.files,
    pythonMb: tree.pyBytes / 1048576,
    runs,
    samplesMs: t,
    mediansMs: m,
    banditFindings,
    ruffFindings,
    warmSameAsCold: warmSame,
  });
}

for (const spec of realTrees({ quick })) {
  if (only !== undefined && !only.includes(spec.name)) continue;
  const tree = makeRealTree(work, spec);
  if ('skipped' in tree) {
    console.log(`\n${spec.name}: skipped — ${tree.skipped}`);
    trees.push({ tree: spec.name, skipped: tree.skipped });
    continue;
  }
  benchTree(spec.name, tree);
}

// Growth: the same code 1x, 4x, 16x, without bandit (vouch's own work), cold.
if (only === undefined || only.includes('synthetic')) {
  const base = 2 * 1024 * 1024;
  const factors = quick ? [1, 4] : [1, 4, 16];
  const perMb = {};
  console.log(
    `\nsynthetic: ${base / 1048576} MB of the standard library copied ${factors.join('x, ')}x (--no-bandit, cold)`,
  );
  for (const factor of factors) {
    const tree = makeSynthetic(work, factor, base);
    if ('skipped' in tree) {
      console.log(`  skipped — ${tree.skipped}`);
      break;
    }
    const samples = [];
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const r = runVouch(tree.root, ['--no-cache', '--no-bandit']);
      samples.push(r.ms);
      rss.push(r.rssMb);
    }
    const ms = median(samples);
    perMb[factor] = ms / (tree.pyBytes / 1048576);
    console.log(
      `  ${factor}x: ${(tree.pyBytes / 1048576).toFixed(1)} MB, ${secs(ms)}, ${(perMb[factor] / 1000).toFixed(3)} s/MB, peak ${Math.max(...rss).toFixed(0)} MB`,
    );
    trees.push({
      tree: `synthetic-${factor}x`,
      pythonMb: tree.pyBytes / 1048576,
      runs,
      samplesMs: samples,
      medianMs: ms,
      peakMb: Math.max(...rss),
    });
    if (factor > 1)
      row(`synthetic`, `time per MB at ${factor}x / at 1x`, perMb[factor] / perMb[1], 1, 'linear or better');
    if (factor === 16) row('synthetic', 'peak memory at 16x', Math.max(...rss), 300, '', 'MB');
    rmSync(tree.root, { recursive: true, force: true });
  }
}

// Interactive first frame, in a real terminal (tmux), against node printing one line.
function firstFrame(command, expect) {
  const session = `vouch-bench-${process.pid}`;
  spawnSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
  const t0 = performance.now();
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', command]);
  let ms = Number.NaN;
  while (performance.now() - t0 < 20_000) {
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
  // A copy: the interactive run writes .vouch/ beside what it audits, which the tests copy.
  const small = join(work, 'vulnerable-flask-app');
  cpSync(join(here, '..', 'examples', 'vulnerable-flask-app'), small, { recursive: true });
  const largest = trees
    .filter((t) => t.pythonMb !== undefined && !t.tree.startsWith('synthetic'))
    .sort((a, b) => b.pythonMb - a.pythonMb)[0];
  console.log('\nfirst frame (tmux 80x24, until the first painted "vouch" line)');
  const targets = [['small (vulnerable-flask-app)', small]];
  if (largest !== undefined) targets.push([`largest (${largest.tree})`, join(work, largest.tree)]);
  for (const [label, root] of targets) {
    const node = [];
    const frame = [];
    for (let i = 0; i < Math.max(runs, 3); i++) {
      node.push(
        firstFrame(`${process.execPath} -e "console.log('vouch'); setTimeout(() => {}, 20000)"`, /vouch/),
      );
      frame.push(firstFrame(`${process.execPath} ${vouch} ${root} --no-cache; sleep 20`, /vouch/));
    }
    const extra = (median(frame) - median(node)) / 1000;
    row(
      'first frame',
      `${label}: vouch − node`,
      extra,
      0.3,
      `${secs(median(frame))} vs node ${secs(median(node))}`,
      's',
    );
  }
}

const out = join(here, 'last-run.json');
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), quick, runs, bandit: haveBandit, trees, rows }, null, 2)}\n`,
);
console.log(`\nwritten: ${out}`);
rmSync(work, { recursive: true, force: true });
process.exitCode = rows.every((r) => r.ok !== false) ? 0 : 1;
