/**
 * Just enough of a shell to see which programs a CI script line runs: comments dropped, the line
 * split into simple commands, wrappers (`pipx run`, `uv run`, `python -m`, `docker run IMAGE`)
 * taken off. Never executes anything.
 */

/** A line without its shell comment: `#` starting a word, outside quotes. */
export function stripShellComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i).trimEnd();
  }
  return line;
}

/** The words of each simple command of a line (split at `&&`, `||`, `;`, `|`, `&`, `(`, `)`, backquotes), quotes removed. */
export function simpleCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i] ?? '';
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i] ?? '';
      inWord = true;
    } else if (c === '$' && line[i + 1] === '(') {
      // `$(MAKE)`, `-v $(pwd):/zap`: a substitution (or make variable) stays one word.
      inWord = true;
      let depth = 0;
      for (; i < line.length; i++) {
        const d = line[i] ?? '';
        word += d;
        if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      endCommand();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** What a simple command runs once wrappers are taken off. */
export interface Invocation {
  /** The program's basename, lower case (`bandit`, `make`, `tox`). */
  program: string;
  /** The module of `python -m MODULE`. */
  module?: string | undefined;
  /** The image of `docker run IMAGE`, lower case, without tag or digest. */
  image?: string | undefined;
  /** The words after the program (or module, or image). */
  args: string[];
}

// Words that run the rest of the command line as a command of its own.
const PREFIXES = new Set(['sudo', 'time', 'exec', 'nohup', 'command', 'builtin', 'nice', 'xvfb-run']);
// Runners whose `run` subcommand runs a program: `poetry run bandit`, `pipx run pip-audit`.
const RUNNERS = new Set([
  'poetry',
  'pdm',
  'pipenv',
  'hatch',
  'rye',
  'pipx',
  'uv',
  'conda',
  'mamba',
  'micromamba',
]);
// Options of those runners that take a value (skipped with it): `pipx run --spec x`, `uv run --with y`.
const RUNNER_VALUE_OPTIONS = new Set([
  '--spec',
  '--with',
  '--from',
  '--python',
  '-p',
  '--project',
  '--directory',
  '--group',
  '--extra',
  '-e',
  '--env',
  '-n',
  '--name',
  '--index-url',
  '--pip-args',
]);
const DOCKER_VALUE_OPTIONS = new Set([
  '-v',
  '--volume',
  '-e',
  '--env',
  '--env-file',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--name',
  '--network',
  '--net',
  '-p',
  '--publish',
  '--entrypoint',
  '--mount',
  '--platform',
  '--add-host',
  '--label',
  '-l',
  '--cpus',
  '--memory',
  '-m',
  '--pull',
  '--cap-add',
  '--security-opt',
  '--hostname',
  '-h',
]);

/** A Python interpreter, as written in scripts, recipes and tox (`python3.12`, `$(PYTHON)`, `{envpython}`). */
function isPython(word: string): boolean {
  const base = basename(word);
  return (
    /^(?:python[\d.]*|py|pypy[\d.]*)(?:\.exe)?$/i.test(base) ||
    /^\$\(\w*py\w*\)$|^\$\{\w*py\w*\}$|^\$\w*py\w*$|^\{envpython\}$/i.test(word)
  );
}

function basename(word: string): string {
  return (word.split(/[\\/]/).pop() ?? word).toLowerCase();
}

/** The program a simple command runs, wrappers and variable assignments taken off. */
export function invocation(words: readonly string[]): Invocation | undefined {
  let i = 0;
  const at = (k: number): string => words[k] ?? '';
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const w = at(i);
    if (/^[A-Za-z_]\w*=/.test(w)) {
      i++;
      continue;
    }
    const base = basename(w);
    if (PREFIXES.has(base)) {
      i++;
      continue;
    }
    if (base === 'env') {
      i++;
      while (i < words.length && (/^[A-Za-z_]\w*=/.test(at(i)) || at(i).startsWith('-'))) i++;
      continue;
    }
    if (base === 'uvx' || base === 'npx' || base === 'pnpx' || base === 'bunx') {
      i = skipOptions(words, i + 1, RUNNER_VALUE_OPTIONS);
      continue;
    }
    if (RUNNERS.has(base)) {
      let j = i + 1;
      if (base === 'uv' && at(j) === 'tool') j++;
      if (at(j) !== 'run' && at(j) !== 'exec') return { program: base, args: words.slice(i + 1) };
      i = skipOptions(words, j + 1, RUNNER_VALUE_OPTIONS);
      // `hatch run lint:check`, `pdm run` of a script name: a program only when one follows.
      if (at(i) === '--') i++;
      continue;
    }
    if (base === 'docker' || base === 'podman') {
      let j = i + 1;
      if (at(j) === 'container') j++;
      if (at(j) !== 'run') return { program: base, args: words.slice(i + 1) };
      j = skipOptions(words, j + 1, DOCKER_VALUE_OPTIONS);
      const image = at(j);
      if (image === '') return undefined;
      return { program: base, image: imageName(image), args: words.slice(j + 1) };
    }
    break;
  }
  if (i >= words.length) return undefined;
  const first = at(i);
  if (isPython(first)) {
    let j = i + 1;
    while (j < words.length && at(j).startsWith('-') && at(j) !== '-m' && !at(j).startsWith('-m')) j++;
    if (at(j) === '-m' && at(j + 1) !== '')
      return { program: basename(first), module: at(j + 1), args: words.slice(j + 2) };
    if (at(j).startsWith('-m') && at(j).length > 2)
      return { program: basename(first), module: at(j).slice(2), args: words.slice(j + 1) };
    return { program: basename(first), args: words.slice(i + 1) };
  }
  return { program: basename(first.replace(/^[@+-]+/, '')), args: words.slice(i + 1) };
}

function skipOptions(words: readonly string[], from: number, withValue: ReadonlySet<string>): number {
  let i = from;
  while (i < words.length && (words[i] ?? '').startsWith('-') && words[i] !== '--') {
    const w = words[i] ?? '';
    i += withValue.has(w) ? 2 : 1;
  }
  return i;
}

/** An image reference without registry tag or digest: `owasp/zap2docker-stable:2.14` → `owasp/zap2docker-stable`. */
export function imageName(ref: string): string {
  const noDigest = ref.split('@')[0] ?? ref;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const name = colon > slash ? noDigest.slice(0, colon) : noDigest;
  return name.toLowerCase().replace(/^docker\.io\//, '');
}

/** Every invocation of a script line: comment dropped, split into simple commands. */
export function invocations(line: string): Invocation[] {
  const out: Invocation[] = [];
  for (const words of simpleCommands(stripShellComment(line))) {
    const inv = invocation(words);
    if (inv !== undefined) out.push(inv);
  }
  return out;
}
