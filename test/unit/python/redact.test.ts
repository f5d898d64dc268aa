import { describe, expect, it } from 'vitest';
import { redactLine, redactValue } from '../../../src/analysis/python/redact.js';

describe('redactValue', () => {
  it.each([
    ['s3cr3t-value', 's3***'],
    ['abcde', 'ab***'],
    ['dev', '***'],
    ['abcd', '***'],
  ])('%j → %j', (value, expected) => {
    expect(redactValue(value)).toBe(expected);
  });
});

describe('redactLine', () => {
  it.each([
    ['SECRET_KEY = "s3cr3t-value"', 'SECRET_KEY = "s3***"'],
    ["app.secret_key = 'dev'", "app.secret_key = '***'"],
    ['app.config["SECRET_KEY"] = "hardcoded"', 'app.config["SECRET_KEY"] = "ha***"'],
    [
      'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "fallback-secret")',
      'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "fa***")',
    ],
    ["KEY = b'\\x00secret\\'quoted'", "KEY = b'\\x***'"],
    ['SECRET_KEY = """multi', 'SECRET_KEY = """mu***'],
    ["SECRET_KEY = 'unterminated", "SECRET_KEY = 'un***"],
    ['x = ""', 'x = ""'],
    ['TOKEN = rb\'abcdef\' + f"ghijkl{x}"', 'TOKEN = rb\'ab***\' + f"gh***"'],
    ['no strings here', 'no strings here'],
  ])('%j → %j', (line, expected) => {
    expect(redactLine(line)).toBe(expected);
  });

  it('never leaves the value of a quoted secret readable', () => {
    const secret = 'hunter2-is-my-password';
    for (const line of [
      `pw = "${secret}"`,
      `pw = '${secret}'`,
      `connect(password="${secret}")`,
      `x = """${secret}"""`,
    ]) {
      expect(redactLine(line)).not.toContain(secret.slice(2));
    }
  });
});
