/**
 * Reads one OSV record (the JSON format osv.dev exports, https://ossf.github.io/osv-schema/),
 * keeping only what vouch matches on: id, aliases, dates, and the `affected[]` entries for PyPI.
 */
import { normalizeName } from '../repo/manifests/pep508.js';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Json): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function optionalString(value: Json): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function readEvent(value: Json): OsvEvent | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of EVENT_KEYS) {
    const v = value[key];
    if (typeof v === 'string') return { [key]: v } as OsvEvent;
  }
  return undefined;
}

/** The PyPI ecosystem, with or without a `:suffix` (none is defined for PyPI today). */
function isPyPI(ecosystem: Json): boolean {
  return typeof ecosystem === 'string' && (ecosystem === 'PyPI' || ecosystem.startsWith('PyPI:'));
}

function readAffected(value: Json): OsvAffected | undefined {
  if (!isRecord(value) || !isRecord(value.package)) return undefined;
  const { ecosystem, name } = value.package;
  if (!isPyPI(ecosystem) || typeof name !== 'string' || name === '') return undefined;
  const ranges = (Array.isArray(value.ranges) ? value.ranges : []).flatMap((r) => {
    if (!isRecord(r) || typeof r.type !== 'string' || !Array.isArray(r.events)) return [];
    return [{ type: r.type, events: r.events.map(readEvent).filter((e) => e !== undefined) }];
  });
  return { name: normalizeName(name), ranges, versions: strings(value.versions) };
}

/** The record, or a reason it is not one (no `id`). Entries for other ecosystems are dropped. */
export function readOsvRecord(value: Json): OsvRecord | string {
  if (!isRecord(value)) return 'not a JSON object';
  if (typeof value.id !== 'string' || value.id === '') return 'no "id"';
  const affected = (Array.isArray(value.affected) ? value.affected : [])
    .map(readAffected)
    .filter((a) => a !== undefined);
  return {
    id: value.id,
    aliases: strings(value.aliases),
    modified: optionalString(value.modified),
    withdrawn: optionalString(value.withdrawn),
    summary: optionalString(value.summary),
    affected,
  };
}
