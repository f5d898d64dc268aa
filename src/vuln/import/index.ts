/** `--import FILE`: reads a report another tool wrote, telling the format by its content. */
import { UsageError } from '../../errors.js';
import { readRegularFile } from '../../util/read-file.js';
import { readOsvScannerImport, looksLikeOsvScanner } from './osv-scanner.js';
import { looksLikePipAudit, readPipAuditImport } from './pip-audit.js';
import { looksLikeSarif, readSarifImport } from './sarif.js';
import type { ImportedReport } from './types.js';

export type { ImportedReport } from './types.js';

const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** Reads the report's text (already loaded) into findings; a string is why it is not one vouch reads. */
export function parseImport(file: string, text: string, root: string): ImportedReport | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON (pip-audit -f json, osv-scanner --format json or SARIF expected)';
  }
  if (looksLikeSarif(json)) return readSarifImport(file, json, root);
  if (looksLikeOsvScanner(json)) return readOsvScannerImport(file, json);
  if (looksLikePipAudit(json)) return readPipAuditImport(file, text, json);
  return 'not a pip-audit, osv-scanner or SARIF report';
}

/** Reads every `--import` file; the first that cannot be read is a one-line UsageError naming it. */
export function readImports(files: readonly string[], root: string): ImportedReport[] {
  return files.map((file) => {
    const read = readRegularFile(file, MAX_REPORT_BYTES);
    if (!read.ok) throw new UsageError(`--import ${file}: ${read.reason}`);
    const report = parseImport(file, read.text, root);
    if (typeof report === 'string') throw new UsageError(`--import ${file}: ${report}`);
    return report;
  });
}
