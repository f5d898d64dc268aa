import { describe, expect, test } from 'vitest';
import { docstringLines } from '../../../src/probes/python-docstrings.js';

const TQ = '"'.repeat(3);
const SQ = "'".repeat(3);

describe('docstringLines', () => {
  test.each([
    // A docstring and a string statement are documentation.
    {
      source: `def f():\n    ${TQ}Example:\n\n    user = User(password='password1')\n    ${TQ}\n    return 1`,
      lines: [2, 3, 4, 5],
    },
    { source: `${TQ}Module docs.${TQ}\nx = 1`, lines: [1] },
    { source: `class A:\n    r${SQ}raw \\d docs\n    ${SQ}\n`, lines: [2, 3] },
    // Strings that are values stay code: assigned, passed, returned, in brackets, continued.
    { source: `CONFIG = ${TQ}\n[db]\npassword = s3cr3t\n${TQ}\n`, lines: [] },
    { source: `run(\n    ${TQ}\n    password = s3cr3t\n    ${TQ}\n)`, lines: [] },
    { source: `def f():\n    return ${TQ}\n    token = abc\n    ${TQ}`, lines: [] },
    { source: `x = \\\n    ${TQ}\n    secret\n    ${TQ}`, lines: [] },
    { source: `password = "hunter2222"  # ${TQ} not a string ${TQ}`, lines: [] },
    // Quotes, escapes and comments inside strings do not confuse the count.
    { source: `s = 'it\\'s ( not open'\n${TQ}doc with " and ' and # and (${TQ}\ny = 2`, lines: [2] },
    { source: `d = {\n  'k': ${TQ}v${TQ},\n}\n${TQ}after${TQ}`, lines: [4] },
  ])('$source → $lines', ({ source, lines }) => {
    expect([...docstringLines(source)].sort((a, b) => a - b)).toEqual(lines);
  });
});
