// The trees the bench measures, each copied into a fresh git repository: Python's standard
// library, Django and ansible from Debian's packages, and a synthetic tree at 1x, 4x and 16x.
// A tree that is not installed is reported and skipped, never a failure.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = '/usr/lib/python3/dist-packages';
const SKIP_DIRS = new Set(['__pycache__', 'site-packages', 'dist-packages', 'config-3.11-x86_64-linux-gnu']);

function stdlibPath() {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'])
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/**
 * Copies files under `src` into `dest` in a stable order; `accept(name)` picks them; stops
 * taking files once `limitBytes` would be passed. Returns the bytes and files copied.
 */
function copyFiles(src, dest, accept, limitBytes = Infinity, acc = { bytes: 0, files: 0, pyBytes: 0 }) {
  for (const entry of readdirSync(src, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const from = join(src, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) copyFiles(from, join(dest, entry.name), accept, limitBytes, acc);
    } else if (entry.isFile() && accept(entry.name)) {
      const size = statSync(from).size;
      if (acc.bytes + size > limitBytes) continue;
      mkdirSync(dest, { recursive: true });
      cpSync(from, join(dest, entry.name));
      acc.bytes += size;
      acc.files++;
      if (entry.name.endsWith('.py')) acc.pyBytes += size;
    }
  }
  return acc;
}

/** Makes `root` a git repository with everything committed. */
export function commitAll(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'tree');
}

const isPython = (name) => name.endsWith('.py');
const notCompiled = (name) => !name.endsWith('.pyc') && !name.endsWith('.pyo');

/**
 * The real trees: name, where they come from, and how to copy them. Django and ansible are
 * copied whole (their templates, YAML and data files are part of what an audit reads); the
 * standard library by its Python files, as the bench always did.
 */
export function realTrees({ quick }) {
  const stdlib = stdlibPath();
  return [
    {
      name: 'stdlib',
      sources: stdlib === undefined ? [] : [{ src: stdlib, dest: '' }],
      accept: isPython,
      limitBytes: quick ? 3 * 1024 * 1024 : undefined,
      missing: 'python3 not found (no standard library to copy)',
    },
    {
      name: 'django',
      sources: [{ src: join(DIST, 'django'), dest: 'django' }],
      accept: notCompiled,
      missing: `${join(DIST, 'django')} not found: apt-get install python3-django`,
    },
    {
      name: 'ansible',
      sources: [
        { src: join(DIST, 'ansible'), dest: 'ansible' },
        { src: join(DIST, 'ansible_test'), dest: 'ansible_test' },
      ],
      accept: notCompiled,
      missing: `${join(DIST, 'ansible')} not found: apt-get install ansible-core`,
    },
  ];
}

/** Copies a real tree into work/name as a git repository, or says why it cannot. */
export function makeRealTree(work, tree) {
  if (tree.sources.length === 0 || !existsSync(tree.sources[0].src)) return { skipped: tree.missing };
  const root = join(work, tree.name);
  const acc = { bytes: 0, files: 0, pyBytes: 0 };
  for (const { src, dest } of tree.sources) {
    if (existsSync(src)) copyFiles(src, join(root, dest), tree.accept, tree.limitBytes, acc);
  }
  commitAll(root);
  return { root, ...acc };
}

/**
 * The synthetic tree: a slice of `baseBytes` of the standard library's Python, copied `factor`
 * times into `copy-NN/` folders. Real code, so the prefilter and the parser see what they see in
 * real projects; copies, so 4x and 16x hold exactly 4 and 16 times the same work.
 */
export function makeSynthetic(work, factor, baseBytes) {
  const stdlib = stdlibPath();
  if (stdlib === undefined) return { skipped: 'python3 not found (no standard library to copy)' };
  const root = join(work, `synthetic-${factor}x`);
  const acc = { bytes: 0, files: 0, pyBytes: 0 };
  for (let i = 0; i < factor; i++) {
    const one = { bytes: 0, files: 0, pyBytes: 0 };
    copyFiles(stdlib, join(root, `copy-${String(i).padStart(2, '0')}`), isPython, baseBytes, one);
    acc.bytes += one.bytes;
    acc.files += one.files;
    acc.pyBytes += one.pyBytes;
  }
  commitAll(root);
  return { root, ...acc };
}

/** A Python file of the tree that is code (not a test), to edit for the one-file-changed runs. */
export function editableFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name === '.git' || entry.name === '.vouch' || /^tests?$/.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.py') && !entry.name.startsWith('test_')) out.push(relative(root, path));
    }
  };
  walk(root);
  return out;
}
