import { readFileSync } from 'node:fs';
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

/** The official OASIS SARIF 2.1.0 schema (draft-04), kept outside the repository in ../shared/schemas/. */
export function sarifValidator() {
  const schemaFile = new URL('../../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url);
  const sarifSchema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  // ajv-draft-04 is CommonJS; under NodeNext its class is the default export's `default`.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
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
