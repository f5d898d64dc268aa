/**
 * Characters a TomlLines may read in all its searches together. Each search reads lines from a
 * start onwards, so a file with hundreds of thousands of keys took minutes (quadratic); past this
 * budget (well under a second of work, and hundreds of times what a real pyproject.toml or
 * Pipfile needs) searches find nothing and the callers fall back to the table's line.
 */
const SEARCH_BUDGET = 20_000_000;

/**
 * Best-effort line numbers for values a TOML parser returned without positions: searches the
 * text for table headers, keys and quoted strings. Lines are 1-based.
 */
export class TomlLines {
  private readonly lines: string[];
  private budget = SEARCH_BUDGET;
  /** Header line numbers by table name with quotes and spaces removed (`tool.poetry.dependencies`). */
  private readonly headers = new Map<string, number>();
  private readonly headerLines: number[] = [];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/u);
    this.lines.forEach((line, index) => {
      const header = /^\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$/u.exec(line);
      if (!header) return;
      const name = header[1]!.replace(/["'\s]/gu, '');
      if (!this.headers.has(name)) this.headers.set(name, index + 1);
      this.headerLines.push(index + 1);
    });
  }

  /** The line of `[name]` (or `[[name]]`), if the table is written as a header. */
  header(name: string): number | undefined {
    return this.headers.get(name);
  }

  /** The line of `key =` between line `from` and the next table header (a whole-file search when from is 0). */
  key(key: string, from: number): number | undefined {
    if (this.budget <= 0) return undefined;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const re = new RegExp(`^\\s*(?:["']?)${escaped}(?:["']?)\\s*=`, 'u');
    return this.search((line) => re.test(line), from, from > 0);
  }

  /** The first line at or after `from` holding `value` as a quoted string (or, failing that, at all). */
  string(value: string, from: number): number | undefined {
    const quoted = [`"${value}"`, `'${value}'`, `"""${value}`, `'''${value}`];
    return (
      this.search((line) => quoted.some((q) => line.includes(q)), from, false) ??
      this.search((line) => line.includes(value), from, false)
    );
  }

  private search(test: (line: string) => boolean, from: number, stopAtHeader: boolean): number | undefined {
    const start = Math.max(from, 1);
    const end = stopAtHeader
      ? (this.headerLines.find((h) => h > start) ?? this.lines.length + 1)
      : this.lines.length + 1;
    for (let n = start; n < end && this.budget > 0; n++) {
      const line = this.lines[n - 1]!;
      this.budget -= line.length + 1;
      if (test(line)) return n;
    }
    return undefined;
  }
}
