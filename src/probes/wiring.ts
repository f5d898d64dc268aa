/**
 * Whether an imported protection is put to work in the file that imports it. `from flask_wtf.csrf
 * import CSRFProtect` alone protects nothing; `CSRFProtect(app)`, `csrf.init_app(app)`,
 * `@limiter.limit(...)` or `Talisman(app)` do. Read from the text: the names the import binds,
 * then their uses outside the import statement.
 */

/** The import statement that starts on `line` (1-based), parentheses and continuations joined. */
function statementAt(lines: string[], line: number): { text: string; end: number } {
  let text = lines[line - 1] ?? '';
  let end = line;
  const open = (): boolean =>
    (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0) || /\\\s*$/.test(text);
  while (open() && end < lines.length && end - line < 200) {
    text += `\n${lines[end] ?? ''}`;
    end++;
  }
  return { text, end };
}

/** The local names an import statement binds: `a`, `c` of `from m import a, b as c`; `m` of `import m.x`. */
export function boundNames(statement: string): string[] {
  const flat = statement.replace(/#.*$/gm, '').replace(/[()\\\n]/g, ' ');
  const from = /^\s*from\s+[\w.]+\s+import\s+(.+)$/.exec(flat);
  const parts = from ? (from[1] ?? '') : (/^\s*import\s+(.+)$/.exec(flat)?.[1] ?? '');
  const names: string[] = [];
  for (const part of parts.split(',')) {
    const words = part.trim().split(/\s+/);
    if (words[0] === undefined || words[0] === '' || words[0] === '*') continue;
    const local = words[1] === 'as' ? words[2] : from ? words[0] : words[0].split('.')[0];
    if (local !== undefined && /^[A-Za-z_]\w*$/.test(local)) names.push(local);
  }
  return names;
}

export type Wiring = { wired: true } | { wired: false; reason: string };

/**
 * Whether the names bound by the import on `line` of `text` are used: called with arguments,
 * decorated with, passed on, or set up later (`x = Name()` then `x.init_app(app)`). A mechanism
 * built with no application and never given one (`csrf = CSRFProtect()` alone) is not wired;
 * `givenElsewhere` says whether another module hands the instance its application.
 */
export function wiringOf(
  text: string,
  line: number,
  givenElsewhere: (instance: string) => boolean = () => false,
): Wiring {
  const lines = text.split(/\r?\n/);
  const { text: statement, end } = statementAt(lines, line);
  const names = boundNames(statement);
  if (names.length === 0) return { wired: true };
  const rest = [...lines.slice(0, line - 1), ...lines.slice(end)]
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
  for (const name of names) {
    const use = new RegExp(`(?<![\\w.])${name}\\b`, 'g');
    const uses = [...rest.matchAll(use)];
    if (uses.length === 0) continue;
    // `csrf = CSRFProtect()` and nothing more: an instance that is never given the application.
    const bare = new RegExp(`^[ \\t]*([A-Za-z_]\\w*)[ \\t]*=[ \\t]*${name}\\(\\s*\\)[ \\t]*$`, 'gm');
    const instances = [...rest.matchAll(bare)].map((m) => m[1] ?? '');
    const otherUses = uses.length - instances.length;
    if (instances.length > 0 && otherUses === 0) {
      const after = rest.replace(bare, '');
      const given = instances.some((v) =>
        new RegExp(`\\b${v}\\.(?:init_app|init|setup)\\s*\\(|[(,]\\s*${v}\\s*[,)]`).test(after),
      );
      // The application factory pattern: `csrf = CSRFProtect()` here, `csrf.init_app(app)` in another module.
      if (!given && !instances.some(givenElsewhere))
        return { wired: false, reason: `${name}() is created but never given the application (no init_app)` };
    }
    return { wired: true };
  }
  return { wired: false, reason: `${names.join(', ')} imported but never used` };
}

/** True when a text gives `instance` its application: `instance.init_app(app)`. */
export function initialises(text: string, instance: string): boolean {
  return new RegExp(`\\b${instance}\\.(?:init_app|init|setup)\\s*\\(`).test(text);
}
