import { existsSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Audit } from '../audit/types.js';
import { UsageError } from '../errors.js';
import { parseFormats, RENDERERS, REPORT_FILE_NAMES, type ReportFormat } from '../report/index.js';
import type { SignoffInfo } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { assertNoSymlink } from '../util/vouch-dir.js';

/** The formats written when neither `--format`, a report file name nor the settings say. */
export const DEFAULT_FORMATS = 'md,json';

/** File name endings that name a report format, the longer ending first (`.junit.xml` before `.xml`). */
const EXTENSION_FORMATS: readonly (readonly [string, ReportFormat])[] = [
  ['.sarif.json', 'sarif'],
  ['.junit.xml', 'junit'],
  ['.md', 'md'],
  ['.json', 'json'],
  ['.sarif', 'sarif'],
  ['.xml', 'junit'],
  ['.html', 'html'],
  ['.htm', 'html'],
];

/** The report format a file name's ending names (`r.md` → md, `r.junit.xml` → junit), if any. */
export function formatOfFileName(name: string): ReportFormat | undefined {
  if (/[\\/]$/.test(name)) return undefined;
  const lower = basename(name).toLowerCase();
  return EXTENSION_FORMATS.find(([ext]) => lower.endsWith(ext) && lower.length > ext.length)?.[1];
}

export interface ReportRequest {
  /** The audited repository. */
  root: string;
  /** `--format` as typed; undefined when not given. */
  format?: string | undefined;
  /** `--output` as typed; undefined when not given. */
  output?: string | undefined;
  /** The settings' `format` list, used when neither `--format` nor a report file name says. */
  settingsFormat?: readonly string[] | undefined;
  /** The settings' `output`, already joined to the root, used when `--output` is not given. */
  settingsOutput?: string | undefined;
}

/**
 * Which formats to write and where, from what the person typed and the settings:
 * - `--format` given: those formats; an `--output` file whose ending names another format (or
 *   one file for several formats) is a one-line error.
 * - no `--format`: an output file ending in `.md`, `.json`, `.sarif`, `.xml`/`.junit.xml` or
 *   `.html` selects that one format; otherwise the settings' formats, else md and json.
 * - the output is a folder when it ends in "/", is one already, or is a new name with no report
 *   ending while several formats are written (created then); else it is the file of one format.
 */
export function resolveReports(request: ReportRequest): Map<ReportFormat, string> {
  const { root, format } = request;
  const output = request.output ?? request.settingsOutput;
  if (output === '') throw new UsageError('--output needs a file or folder');
  const named = output === undefined || isFolderName(output) ? undefined : formatOfFileName(output);
  let formats: ReportFormat[];
  if (format !== undefined) {
    formats = parseFormats(format);
    if (named !== undefined && (formats.length !== 1 || formats[0] !== named)) {
      throw new UsageError(
        `--format ${formats.join(',')} does not match ${request.output === undefined ? "the settings' output" : '--output'} ${output ?? ''} (a name for ${named}): drop one of them or make them agree`,
      );
    }
  } else if (named !== undefined) {
    formats = [named];
  } else {
    formats = parseFormats(request.settingsFormat?.join(',') ?? DEFAULT_FORMATS);
  }
  return reportPaths(root, formats, output);
}

/** A name that can only be a folder: ends in a separator, or is a folder already. */
function isFolderName(output: string): boolean {
  if (output.endsWith('/') || (process.platform === 'win32' && output.endsWith('\\'))) return true;
  const target = resolve(output);
  return existsSync(target) && statSync(target).isDirectory();
}

/**
 * Where each report goes: `output` is a file for one format, a folder for several (default
 * `.vouch/` in the audited repository). A folder that does not exist yet is created when the
 * reports are written; an existing file cannot take several formats.
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
  const named = output === undefined ? undefined : formatOfFileName(output);
  const isDir =
    output === undefined ||
    isFolderName(output) ||
    (formats.length > 1 && named === undefined && !existsSync(target));
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
