/**
 * Text from the audited repository (file names, messages quoting its content, keys of its
 * settings) printed on a terminal. A file may be named `ESC]0;…BEL` or `ESC[2K✔ all passed`:
 * escape sequences would retitle the window, write the clipboard (OSC 52) or rewrite lines of the
 * audit's own output, and bidirectional overrides reorder what is shown. Every control character
 * and bidi control (and the line and paragraph separators U+2028/U+2029, which break a line
 * where a reader sees none) is shown as a visible `\xNN` / `\u{NNNN}` instead.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** `text` with control characters (except newline and tab) and bidi controls made visible. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** {@link printable}, and newlines and tabs shown as `\n` and `\t`: text that must stay on one line. */
export function oneLine(text: string): string {
  return printable(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
