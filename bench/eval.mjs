#!/usr/bin/env node
// Accuracy against a labelled corpus of real applications.
//
//   npm run eval                        ../shared/corpus, with bandit and with --no-bandit
//   npm run eval -- DIR                 another corpus laid out the same way
//   npm run eval -- --strict            exit 1 on any false pass (what CI runs)
//   npm run eval -- --show              also print every disagreement with vouch's reasons
//
// A corpus folder holds one folder per application: `<name>/src/` (the tree) and
// `<name>/truth.yaml` (`items: {id: {verdict, note, evidence}}`). Each tree is copied into a
// fresh git repository in a temp folder and audited by the built CLI; nothing of the corpus is
// written anywhere else. Scoring: a label `unclear` is not scored; vouch's pass/fail/na are
// decided, review/unanswered are not. Agreement = decided verdicts equal to the label / decided.
// A false pass is vouch `pass` where the label is `fail`; a false fail is `fail` where it is `pass`.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const vouch = join(here, '..', 'bin', 'vouch.js');
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const show = args.includes('--show');
const corpus = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', '..', 'shared', 'corpus'));

if (!existsSync(corpus)) {
  console.error(`eval: no corpus at ${corpus}`);
  process.exit(2);
}
const apps = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(corpus, e.name, 'truth.yaml')))
  .map((e) => e.name)
  .sort();
if (apps.length === 0) {
  console.error(`eval: no <name>/truth.yaml under ${corpus}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'vouch-eval-'));
const modes = [
  { name: 'bandit', flags: [] },
  { name: 'no-bandit', flags: ['--no-bandit'] },
];

function makeRepo(app) {
  const root = join(work, app);
  cpSync(join(corpus, app, 'src'), root, { recursive: true });
  const git = (...a) => execFileSync('git', a, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git(
    '-c',
    'user.name=eval',
    '-c',
    'user.email=eval@localhost',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'tree',
  );
  return root;
}

function audit(root, flags) {
  const out = join(work, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(
    process.execPath,
    [
      vouch,
      root,
      '--non-interactive',
      '--format',
      'json',
      '--output',
      out,
      '--fail-on',
      'none',
      '--no-cache',
      '-q',
      ...flags,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(
      `vouch exited ${r.status} on ${root}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return new Map(report.items.map((i) => [i.id, i]));
}

const decided = new Set(['pass', 'fail', 'na']);
const results = [];
const totals = Object.fromEntries(
  modes.map((m) => [m.name, { labelled: 0, decided: 0, agree: 0, falsePass: 0, falseFail: 0 }]),
);

try {
  for (const app of apps) {
    const truth = parse(readFileSync(join(corpus, app, 'truth.yaml'), 'utf8'));
    const root = makeRepo(app);
    for (const mode of modes) {
      const items = audit(root, mode.flags);
      const row = {
        app,
        mode: mode.name,
        labelled: 0,
        decided: 0,
        agree: 0,
        falsePass: [],
        falseFail: [],
        other: [],
        undecided: [],
      };
      for (const [id, label] of Object.entries(truth.items ?? {})) {
        const want = label.verdict;
        if (want === 'unclear') continue;
        row.labelled++;
        const item = items.get(id);
        const got = item?.verdict ?? 'missing';
        const reasons = (item?.reasons ?? []).map((r) =>
          typeof r === 'string' ? r : (r.text ?? JSON.stringify(r)),
        );
        if (!decided.has(got)) {
          row.undecided.push({ id, want, got, reasons });
          continue;
        }
        row.decided++;
        if (got === want) row.agree++;
        else if (got === 'pass' && want === 'fail') row.falsePass.push({ id, want, got, reasons });
        else if (got === 'fail' && want === 'pass') row.falseFail.push({ id, want, got, reasons });
        else row.other.push({ id, want, got, reasons });
      }
      results.push(row);
      const t = totals[mode.name];
      t.labelled += row.labelled;
      t.decided += row.decided;
      t.agree += row.agree;
      t.falsePass += row.falsePass.length;
      t.falseFail += row.falseFail.length;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const lines = [];
lines.push(`corpus: ${corpus} (${apps.length} applications)`);
lines.push('');
lines.push('| application | mode | labelled | decided | agree | agreement | false pass | false fail |');
lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  lines.push(
    `| ${r.app} | ${r.mode} | ${r.labelled} | ${r.decided} | ${r.agree} | ${pct(r.agree, r.decided)} | ${r.falsePass.length} | ${r.falseFail.length} |`,
  );
}
for (const [mode, t] of Object.entries(totals)) {
  lines.push(
    `| **all** | ${mode} | ${t.labelled} | ${t.decided} | ${t.agree} | ${pct(t.agree, t.decided)} | ${t.falsePass} | ${t.falseFail} |`,
  );
}
lines.push('');
lines.push('Disagreements (label → vouch):');
for (const r of results) {
  for (const [kind, list] of [
    ['FALSE PASS', r.falsePass],
    ['false fail', r.falseFail],
    ['differs', r.other],
    ...(show ? [['undecided', r.undecided]] : []),
  ]) {
    for (const d of list) {
      lines.push(`  ${r.app} [${r.mode}] ${kind}: ${d.id} ${d.want} → ${d.got}`);
      if (show) for (const reason of d.reasons.slice(0, 6)) lines.push(`      ${reason}`);
    }
  }
}
console.log(lines.join('\n'));

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'eval.json'),
  JSON.stringify({ corpus, generatedAt: new Date().toISOString(), totals, results }, null, 2) + '\n',
);

const falsePasses = Object.values(totals).reduce((n, t) => n + t.falsePass, 0);
if (strict && falsePasses > 0) {
  console.error(`eval: ${falsePasses} false pass(es)`);
  process.exit(1);
}
