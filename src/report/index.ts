/** The report formats, their file names, and the one table that maps a format to its renderer. */
import { UsageError } from '../errors.js';
import { render as renderHtml } from './html.js';
import { render as renderJson } from './json.js';
import { render as renderJunit } from './junit.js';
import { render as renderMd } from './md.js';
import { render as renderSarif } from './sarif.js';
import { REPORT_FORMATS, type Renderer, type ReportFormat } from './types.js';

export { REPORT_FORMATS };
export type { Renderer, RenderOptions, ReportFormat, SignoffInfo } from './types.js';

export const RENDERERS: Record<ReportFormat, Renderer> = {
  md: renderMd,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  html: renderHtml,
};

export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  md: 'vouch-report.md',
  json: 'vouch-report.json',
  sarif: 'vouch-report.sarif',
  junit: 'vouch-report.junit.xml',
  html: 'vouch-report.html',
};

function isFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/**
 * Parses a comma-separated list of formats (`sarif,md`), ignoring blanks and repeats, keeping
 * the order given. An unknown name is a usage error that lists the valid ones.
 */
export function parseFormats(list: string): ReportFormat[] {
  const out: ReportFormat[] = [];
  const unknown: string[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (!isFormat(name)) unknown.push(raw.trim());
    else if (!out.includes(name)) out.push(name);
  }
  const valid = REPORT_FORMATS.join(', ');
  if (unknown.length > 0) {
    const what = unknown.map((u) => `"${u}"`).join(', ');
    throw new UsageError(
      `unknown report format${unknown.length === 1 ? '' : 's'} ${what}; valid formats: ${valid}`,
    );
  }
  if (out.length === 0) throw new UsageError(`no report format given; valid formats: ${valid}`);
  return out;
}
