import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorsText, SARIF_SCHEMA_FILE, sarifValidator } from '../../support/schemas.js';

// The SARIF validator the report tests lean on: it must be the 2.1.0 schema, read from a
// dependency (never from outside the repository), and it must still refuse broken logs.

const validate = sarifValidator();

type Log = Record<string, unknown> & {
  runs: {
    tool: { driver: Record<string, unknown> };
    results: Record<string, unknown>[];
  }[];
};

/** A small log of the shape vouch writes: one rule, one failing result at a line of a file. */
function log(): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vouch',
            version: '0.1.0',
            informationUri: 'https://github.com/vouch-security/vouch',
            rules: [{ id: 'no-eval-exec', shortDescription: { text: 'No eval or exec on input' } }],
          },
        },
        results: [
          {
            ruleId: 'no-eval-exec',
            ruleIndex: 0,
            level: 'error',
            message: { text: 'eval() called on request data' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'app/views.py', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 12, startColumn: 5 },
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

function result(l: Log): Record<string, unknown> {
  const first = l.runs[0]?.results[0];
  if (first === undefined) throw new Error('log() changed');
  return first;
}

function location(l: Log): { artifactLocation: { uri: string }; region: Record<string, unknown> } {
  const locations = result(l).locations as { physicalLocation: ReturnType<typeof location> }[];
  const first = locations[0];
  if (first === undefined) throw new Error('log() changed');
  return first.physicalLocation;
}

describe('the SARIF schema file', () => {
  it('comes from node_modules, is draft-04 and is the 2.1.0 schema', () => {
    expect(SARIF_SCHEMA_FILE).toMatch(/[\\/]node_modules[\\/]@microsoft[\\/]jest-sarif[\\/]/);
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as {
      $schema: string;
      properties: { version: { enum: string[] } };
    };
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
  });
});

describe('sarifValidator', () => {
  it.each<{ change: string; edit: (l: Log) => void; valid: boolean }>([
    { change: 'nothing (the log as vouch writes it)', edit: () => undefined, valid: true },
    {
      change: 'a result with only a rule id and a message',
      edit: (l) => {
        const r = result(l);
        delete r.ruleIndex;
        delete r.level;
        delete r.locations;
      },
      valid: true,
    },
    { change: 'level "note"', edit: (l) => (result(l).level = 'note'), valid: true },
    { change: 'level "fatal"', edit: (l) => (result(l).level = 'fatal'), valid: false },
    { change: 'no message on a result', edit: (l) => delete result(l).message, valid: false },
    { change: 'version "2.1.0"', edit: (l) => (l.version = '2.1.0'), valid: true },
    { change: 'version "2.0.0"', edit: (l) => (l.version = '2.0.0'), valid: false },
    { change: 'no version', edit: (l) => delete l.version, valid: false },
    { change: 'runs as an object', edit: (l) => (l.runs = {} as Log['runs']), valid: false },
    { change: 'a tool without a name', edit: (l) => delete l.runs[0]?.tool.driver.name, valid: false },
    {
      change: 'a file uri with a space',
      edit: (l) => (location(l).artifactLocation.uri = 'src/a b%20c.py'),
      valid: false,
    },
    {
      change: 'a percent-encoded file uri',
      edit: (l) => (location(l).artifactLocation.uri = 'src/a%20b.py'),
      valid: true,
    },
    { change: 'startLine 1', edit: (l) => (location(l).region.startLine = 1), valid: true },
    { change: 'startLine 0', edit: (l) => (location(l).region.startLine = 0), valid: false },
    { change: 'startLine "12"', edit: (l) => (location(l).region.startLine = '12'), valid: false },
    {
      change: 'an informationUri that is not a URI',
      edit: (l) => {
        const driver = l.runs[0]?.tool.driver;
        if (driver) driver.informationUri = 'vouch home page';
      },
      valid: false,
    },
  ])('a log with $change is valid: $valid', ({ edit, valid }) => {
    const l = log();
    edit(l);
    const ok = validate(l);
    expect(ok, ok ? 'accepted' : errorsText(validate.errors)).toBe(valid);
  });
});
