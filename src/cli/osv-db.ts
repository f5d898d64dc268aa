import { EXIT } from '../errors.js';
import { printable } from '../util/printable.js';
import { describeOsvDb, scanOsvDb } from '../vuln/osv-db.js';

/** `vouch osv-db info PATH`: what the database holds; a damaged one is a UsageError (exit 2). */
export async function osvDbInfoCommand(path: string): Promise<number> {
  const db = await scanOsvDb(path);
  process.stdout.write(`${printable(describeOsvDb(db))}\n`);
  return EXIT.ok;
}
