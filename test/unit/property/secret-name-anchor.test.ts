/**
 * SECRET_NAME_ANCHOR starts its matches where a run of letters starts. The expression it
 * replaced tried every position: both must find the same places in any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECRET_NAME_ANCHOR } from '../../../src/analysis/python/log-secret.js';

const EVERY_POSITION =
  /[A-Za-z_]*(?:passw|pwd|secret|token|api_?key|apikey|credential|passphrase)\w*|\bpw\b/gi;

const places = (re: RegExp, text: string): string[] =>
  [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);

describe('SECRET_NAME_ANCHOR', () => {
  const rows: { text: string }[] = [
    { text: 'db_password = x' },
    { text: 'x1password, Pw, pw, pwd2, my_api_key9' },
    { text: 'log.info(self.user_token.value)' },
    { text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    { text: 'TOKENtokenToKeN_secret' },
  ];
  it.each(rows)('$text', ({ text }) => {
    expect(places(SECRET_NAME_ANCHOR, text)).toEqual(places(EVERY_POSITION, text));
  });

  it('finds the places the every-position expression finds, in any text', () => {
    const piece = fc.constantFrom(
      'pass',
      'w',
      'pw',
      'd',
      'token',
      'secret',
      'api',
      '_',
      'key',
      'x',
      'Q',
      '1',
      ' ',
      '.',
      '(',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(places(SECRET_NAME_ANCHOR, text)).toEqual(places(EVERY_POSITION, text));
      }),
      { numRuns: 3000 },
    );
  });
});
