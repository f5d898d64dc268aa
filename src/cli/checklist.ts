import { resolve } from 'node:path';
import { loadChecklists } from '../checklist/load.js';
import { EXIT } from '../errors.js';
import { PROBES } from '../probes/registry.js';
import { defaultChecklistPath } from '../util/package-root.js';
import { printable } from '../util/printable.js';

/** `vouch checklist validate FILE...`: validates each file (and their combination). */
export function validateCommand(files: string[]): number {
  const checklist = loadChecklists(
    files.map((f) => resolve(f)),
    { probes: PROBES },
  );
  process.stdout.write(
    `ok: ${files.join(', ')} — ${checklist.items.length} items in ${checklist.categories.length} categories (sha256 ${checklist.sha256.slice(0, 12)})\n`,
  );
  return EXIT.ok;
}

/** `vouch checklist list`: the items, as a table or JSON. */
export function listCommand(files: string[] | undefined, json: boolean): number {
  const paths =
    files === undefined || files.length === 0
      ? [defaultChecklistPath()]
      : files.map((f) => (f === 'default' ? defaultChecklistPath() : resolve(f)));
  const checklist = loadChecklists(paths, { probes: PROBES });
  if (json) {
    const items = checklist.items.map(({ source: _source, ...item }) => ({
      ...item,
      auto:
        item.checks.length > 0 && !item.checks.every((c) => c.on_match === 'skip' && c.on_none === 'skip'),
    }));
    process.stdout.write(
      `${JSON.stringify({ id: checklist.id, title: checklist.title, version: checklist.version, sha256: checklist.sha256, categories: checklist.categories, items }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const lines: string[] = [
    `${checklist.title} (${checklist.id} ${checklist.version}) — ${checklist.items.length} items`,
  ];
  for (const category of checklist.categories) {
    const items = checklist.items.filter((i) => i.category === category.id);
    if (items.length === 0) continue;
    lines.push('', `${category.title} [${category.id}]`);
    for (const item of items) {
      const manual =
        item.checks.length === 0 || item.checks.every((c) => c.on_match === 'skip' && c.on_none === 'skip');
      lines.push(
        `  ${item.id.padEnd(28)} ${item.severity.padEnd(6)} ${manual ? 'manual' : 'auto  '} ${item.question}`,
      );
    }
  }
  // A checklist is someone's file: its text must not carry terminal escapes to the screen.
  process.stdout.write(`${lines.map(printable).join('\n')}\n`);
  return EXIT.ok;
}
