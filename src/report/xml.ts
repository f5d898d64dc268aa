/** Escaping for XML 1.0 text and attributes. */

/**
 * Characters XML 1.0 cannot hold at all, even escaped: C0 controls other than tab, newline and
 * carriage return, U+FFFE/U+FFFF, and lone surrogates. They are dropped, not escaped.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters an XML 1.0 document may not contain. */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '');
}

/** Escapes text content. */
export function xmlText(text: string): string {
  return stripInvalidXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes an attribute value (double-quoted). Tabs and line breaks become character references:
 * a parser would otherwise normalise them to spaces.
 */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
