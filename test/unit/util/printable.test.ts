import { describe, expect, it } from 'vitest';
import { printable } from '../../../src/util/printable.js';

describe('printable', () => {
  const rows: { name: string; input: string; expected: string }[] = [
    {
      // Found by the answers property test: a key with U+2028 broke a one-line error in two.
      name: 'line and paragraph separators are made visible',
      input: 'at:\u2028commit\u2029',
      expected: 'at:\\u{2028}commit\\u{2029}',
    },
    {
      name: 'plain text',
      input: 'app/views.py:42 eval() — ✔ ünïcode',
      expected: 'app/views.py:42 eval() — ✔ ünïcode',
    },
    { name: 'newline and tab stay', input: 'a\tb\nc', expected: 'a\tb\nc' },
    {
      name: 'a window-title escape (OSC 0)',
      input: '\u001b]0;PWNED\u0007.py',
      expected: '\\x1b]0;PWNED\\x07.py',
    },
    {
      name: 'a clipboard write (OSC 52)',
      input: '\u001b]52;c;ZWNobw==\u0007',
      expected: '\\x1b]52;c;ZWNobw==\\x07',
    },
    {
      name: 'erase line and carriage return (rewrites the line)',
      input: 'x\u001b[2K\r✔ 0 fail',
      expected: 'x\\x1b[2K\\x0d✔ 0 fail',
    },
    { name: 'a C1 control (CSI)', input: 'a\u009b31mb', expected: 'a\\x9b31mb' },
    { name: 'DEL', input: 'a\u007fb', expected: 'a\\x7fb' },
    { name: 'a bidi override (Trojan Source)', input: 'safe\u202egp.py', expected: 'safe\\u{202e}gp.py' },
    { name: 'an isolate', input: '\u2066x\u2069', expected: '\\u{2066}x\\u{2069}' },
  ];
  it.each(rows)('$name', ({ input, expected }) => {
    expect(printable(input)).toBe(expected);
  });
});
