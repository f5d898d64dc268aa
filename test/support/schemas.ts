import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { Ajv2020 } from 'ajv/dist/2020.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** vouch's published JSON report schema (2020-12), compiled strictly. */
export function reportJsonValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv ships no formats; RFC 3339 date-time is the one this schema uses.
  ajv.addFormat('date-time', DATE_TIME);
  return ajv.compile(schema);
}

/**
 * The SARIF 2.1.0 JSON schema (draft-04) as the devDependency @microsoft/jest-sarif ships it
 * (schemastore's sarif-2.1.0-rtm.5), so the tests need nothing outside the repository and its
 * node_modules. It predates the OASIS errata, which add, among typo fixes, that a region must
 * give startLine, charOffset or byteOffset.
 */
export const SARIF_SCHEMA_FILE = createRequire(import.meta.url).resolve(
  '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);

/** The SARIF 2.1.0 schema, with the uri, uri-reference and date-time formats checked. */
export function sarifValidator() {
  const sarifSchema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // ajv-draft-04 is CommonJS; under NodeNext its class is the default export's `default`.
  // unicodeRegExp off: this copy's `language` pattern has a stray `]`, legal only outside
  // unicode mode (and the pattern accepts any value starting with two letters).
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  const URI_CHARS = String.raw`(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*`;
  ajv.addFormat('uri', new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${URI_CHARS}$`));
  ajv.addFormat('uri-reference', new RegExp(`^(?:[A-Za-z][A-Za-z0-9+.-]*:)?${URI_CHARS}$`));
  ajv.addFormat('date-time', DATE_TIME);
  return ajv.compile(sarifSchema);
}

/** ajv errors as one readable line, for assertion messages. */
export function errorsText(
  errors: { instancePath: string; message?: string | undefined }[] | null | undefined,
): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}
