import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../src/audit/types.js';
import { RENDERERS, REPORT_FORMATS } from '../../../src/report/index.js';
import { FAKE_GITHUB_TOKEN, makeAuditFixture } from '../../fixtures/audit-fixture.js';

const SECRET_BODY = FAKE_GITHUB_TOKEN.slice(4);

/** The fixture with the token also in every free-text field a person or a tool fills in. */
function leakyAudit(): Audit {
  const audit = makeAuditFixture();
  for (const item of audit.items) {
    item.note = `note with ${FAKE_GITHUB_TOKEN}`;
    item.reasons = [...item.reasons, `reason with ${FAKE_GITHUB_TOKEN}`];
    for (const e of item.evidence) e.message = `${e.message} ${FAKE_GITHUB_TOKEN}`;
    if (item.waiver !== undefined) item.waiver.reason = `waived ${FAKE_GITHUB_TOKEN}`;
  }
  audit.notices = [...audit.notices, `notice ${FAKE_GITHUB_TOKEN}`];
  audit.probes = audit.probes.map((p) => ({ ...p, reason: `probe ${FAKE_GITHUB_TOKEN}` }));
  return audit;
}

describe('secrets never reach a report', () => {
  it.each(REPORT_FORMATS.map((format) => ({ format })))(
    '$format: the fixture token comes out redacted',
    ({ format }) => {
      const out = RENDERERS[format](makeAuditFixture(), {});
      expect(out).not.toContain(SECRET_BODY);
      expect(out).toMatch(/ghp_\*\*\*/);
    },
  );

  it.each(REPORT_FORMATS.map((format) => ({ format })))(
    '$format: notes, reasons, messages, waivers, notices too',
    ({ format }) => {
      const out = RENDERERS[format](leakyAudit(), {});
      expect(out).not.toContain(SECRET_BODY);
      expect(out).not.toContain(SECRET_BODY.slice(0, 12));
    },
  );
});
