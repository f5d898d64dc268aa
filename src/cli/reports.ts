import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Audit } from '../audit/types.js';
import { UsageError } from '../errors.js';
import { RENDERERS, REPORT_FILE_NAMES, type ReportFormat } from '../report/index.js';
import type { SignoffInfo } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { assertNoSymlink } from '../util/vouch-dir.js';

/**
 * Where each report goes: `output` is a file for one format, a folder for several
 * (default `.vouch/` in the audited repository).
 */
export function reportPaths(
  root: string,
  formats: ReportFormat[],
  output: string | undefined,
): Map<ReportFormat, string> {
  const paths = new Map<ReportFormat, string>();
  if (output === '') throw new UsageError('--output needs a file or folder');
  if (output === undefined) assertNoSymlink(root, '.vouch');
  const target = output === undefined ? join(root, '.vouch') : resolve(output);
  const isDir =
    output === undefined || output.endsWith('/') || (existsSync(target) && statSync(target).isDirectory());
  if (!isDir && formats.length > 1) {
    throw new UsageError(`--output ${output} must be a folder when writing ${formats.length} formats`);
  }
  for (const format of formats) {
    paths.set(format, isDir ? join(target, REPORT_FILE_NAMES[format]) : target);
  }
  return paths;
}

/** Renders and writes every report; returns the paths, relative to the current directory. */
export function writeReports(
  audit: Audit,
  paths: Map<ReportFormat, string>,
  signoff?: SignoffInfo,
): string[] {
  const written: string[] = [];
  for (const [format, path] of paths) {
    const text = RENDERERS[format](audit, signoff === undefined ? {} : { signoff });
    try {
      writeFileAtomic(path, text);
    } catch (error) {
      // A folder that cannot be written is the person's input (exit 2), not a bug in vouch.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(`cannot write the report ${relative(process.cwd(), path) || path}: ${code}`);
    }
    const rel = relative(process.cwd(), path);
    written.push(rel === '' || rel.startsWith('..') ? path : rel);
  }
  return written;
}
