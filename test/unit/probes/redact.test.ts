import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maskSpans, redactSecretsInLine, redactValue } from '../../../src/util/redact.js';
import { tok } from './facts.js';

const GHP = tok('ghp_', 'eFqF0QWnt9nNGEYMDQ2A85X26qA5SgnYbzkT');
const AKIA = tok('AKIA', '2IYSDPOO2IBR2DUQ');
const JWT = tok('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiI0MiJ9', '.x7Kp2RmQ9vT4wY6zB3nDq8Lf');
const KEY_BODY = '/1PHoWmJo+uAY+rG/jA1ZIbsUIR/TS5xIWLZSl8/pRKQPZ1k4eH3wOocJRbubzTx';
const SHA256 = '3f9a2c71b8e4d05a6c2f1e9b7d4a3c8e5f6b1a293f9a2c71b8e4d05a6c2f1e9b';

describe('redactValue', () => {
  test.each([
    { value: GHP, keep: 4, expected: 'ghp_***' },
    { value: 'hunter2222', keep: 2, expected: 'hu***' },
    { value: 'abcdefg', keep: 4, expected: 'a***' }, // never more than a quarter
    { value: 'abc', keep: 4, expected: '***' },
    { value: '', keep: 4, expected: '***' },
    { value: 'abcdefghijklmnop', keep: 0, expected: '***' },
    { value: 'abcdefghijklmnop', keep: undefined, expected: 'abcd***' },
    { value: 'abcdefghijklmnop', keep: -1, expected: '***' },
  ])('$value keeping $keep → $expected', ({ value, keep, expected }) => {
    expect(redactValue(value, keep)).toBe(expected);
  });
});

describe('maskSpans', () => {
  test.each([
    {
      line: 'a=secret1 b=secret2',
      spans: [
        { maskStart: 12, maskEnd: 19, keep: 2 },
        { maskStart: 2, maskEnd: 9, keep: 2 },
      ],
      expected: 'a=s*** b=s***',
    },
    {
      line: 'abcdefgh',
      spans: [
        { maskStart: 0, maskEnd: 8, keep: 4 },
        { maskStart: 2, maskEnd: 4, keep: 0 },
      ],
      expected: 'ab***',
    },
    { line: 'header', spans: [{ maskStart: 6, maskEnd: 6, keep: 0 }], expected: 'header' },
    { line: 'plain', spans: [], expected: 'plain' },
  ])('$line → $expected', ({ line, spans, expected }) => {
    expect(maskSpans(line, spans)).toBe(expected);
  });
});

const rows: { name: string; line: string; expected: string }[] = [
  { name: 'Python assignment', line: 'password = "hunter2222"', expected: 'password = "hu***"' },
  { name: 'env line with a token', line: `GITHUB_TOKEN=${GHP}`, expected: 'GITHUB_TOKEN=ghp_***' },
  { name: 'YAML-style line', line: 'password: hunter2222', expected: 'password: hu***' },
  {
    name: 'bandit code excerpt, numbered lines',
    line: `4 import os\n5 password = 'hunter2222'\n6 key = "${AKIA}"`,
    expected: '4 import os\n5 password = \'hu***\'\n6 key = "AKIA***"',
  },
  {
    name: 'URL with a password in a message',
    line: 'cannot reach postgres://app:Xk9mP2vQ7r@db/app',
    expected: 'cannot reach postgres://app:Xk***@db/app',
  },
  {
    name: 'an XML element and attribute',
    line: '<db password="Kp9mQ2vL7x"><password>S3cr3t!pass</password></db>',
    expected: '<db password="Kp***"><password>S3***</password></db>',
  },
  {
    name: 'a named setting in XML',
    line: '<add key="DbPassword" value="Lm4!xQ9zTw"/>',
    expected: '<add key="DbPassword" value="Lm***"/>',
  },
  {
    name: 'a keyword/value connection string in a message',
    line: 'cannot connect with "Server=db;User Id=sa;Password=Pz4!mK8qLw;"',
    expected: 'cannot connect with "Server=db;User Id=sa;Password=Pz***;"',
  },
  { name: 'a line of an INI kept in a string', line: 'password = Zx9!k2LmQ', expected: 'password = Zx***' },
  {
    name: 'a form field holds no value',
    line: '<input type="password" name="password"><label>Password</label>',
    expected: '<input type="password" name="password"><label>Password</label>',
  },
  { name: 'bearer header', line: `Authorization: Bearer ${JWT}`, expected: 'Authorization: Bearer eyJh***' },
  { name: 'a private key body line', line: `    ${KEY_BODY}`, expected: '    /1PH***' },
  { name: 'a sha256 stays readable', line: `--hash=sha256:${SHA256}`, expected: `--hash=sha256:${SHA256}` },
  {
    name: 'prose about passwords',
    line: 'Use a strong password: at least 12 characters',
    expected: 'Use a strong password: at least 12 characters',
  },
  { name: 'code without a literal', line: 'self.password = password', expected: 'self.password = password' },
  {
    name: 'an annotation',
    line: 'def login(password: str) -> bool:',
    expected: 'def login(password: str) -> bool:',
  },
  {
    name: 'an environment read',
    line: 'SECRET_KEY = os.environ["SECRET_KEY"]',
    expected: 'SECRET_KEY = os.environ["SECRET_KEY"]',
  },
  {
    name: 'a probe message',
    line: 'flask is not pinned (requirements.txt:3: flask>=2.0)',
    expected: 'flask is not pinned (requirements.txt:3: flask>=2.0)',
  },
];

describe('redactSecretsInLine', () => {
  test.each(rows)('$name', ({ line, expected }) => {
    expect(redactSecretsInLine(line)).toBe(expected);
  });

  test.each(rows)('is idempotent: $name', ({ line }) => {
    const once = redactSecretsInLine(line);
    expect(redactSecretsInLine(once)).toBe(once);
  });

  test('is idempotent on any mix of secret-ish fragments', () => {
    const fragments = [
      'password',
      ' = ',
      '"',
      "'",
      ':',
      '=',
      ' ',
      GHP,
      'hunter2222',
      'https://u:',
      '@h',
      KEY_BODY,
      '\n',
      'x',
      'export ',
      'TOKEN',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        const once = redactSecretsInLine(parts.join(''));
        expect(redactSecretsInLine(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  test('a known token never survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
        // Glued to word characters a token is no longer recognisable, so it is kept apart by a space.
        const out = redactSecretsInLine(`${before} ${GHP} ${after}`);
        expect(out).not.toContain(GHP.slice(4, 12));
      }),
      { numRuns: 300 },
    );
  });

  test('a very long line is cut on whitespace, never leaving half a secret', () => {
    const line = `${'word '.repeat(3276)}xx ${GHP}`;
    const out = redactSecretsInLine(line);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('ghp_eFq');
  });

  test.each([
    { name: 'assignments', line: 'a: b '.repeat(20_000) + 'password = "hunter2222"' },
    { name: 'tags', line: '<a b="c">'.repeat(10_000) + '<password>hunter2222</password>' },
    { name: 'open tags', line: '<password '.repeat(10_000) + 'token' },
    { name: 'connection pairs', line: 'host=a '.repeat(12_000) + 'password=Wq8rT2vLm' },
  ])('is cheap on a large pathological line: $name', ({ line }) => {
    const started = performance.now();
    redactSecretsInLine(line);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
