/**
 * A strict, minimal XML 1.0 well-formedness checker for the JUnit report's tests (the project has
 * no XML parser dependency). It accepts what vouch writes — an XML declaration, elements,
 * attributes, text, the five predefined entities and character references — and throws on
 * anything malformed: bad nesting, unquoted or duplicate attributes, a raw `<` or `&`, an
 * unknown entity, a character XML 1.0 forbids, more than one root.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" at ${where}`);
  if (raw.includes(']]>')) throw new Error(`"]]>" in text at ${where}`);
  return raw.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare "&" at ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref] as string;
    const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (num === null) throw new Error(`unknown entity "${m}" at ${where}`);
    const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2] ?? '', 10);
    const ch = String.fromCodePoint(code);
    if (FORBIDDEN.test(ch)) throw new Error(`character reference to a forbidden character at ${where}`);
    return ch;
  });
}

/** Parses a document, throwing on the first well-formedness error; returns the root element. */
export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad !== null)
    throw new Error(`forbidden character U+${bad[0].codePointAt(0)?.toString(16)} at ${bad.index}`);
  let i = 0;
  const decl = /^<\?xml version="1\.0"( encoding="UTF-8")?\?>\n?/.exec(xml);
  if (decl !== null) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      const text = decode(raw, i);
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
      } else {
        top.text += text;
      }
      i += raw.length;
      continue;
    }
    if (xml.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(xml);
      if (m === null) throw new Error(`bad end tag at ${i}`);
      const close = /\s*>/y;
      close.lastIndex = NAME.lastIndex;
      if (close.exec(xml) === null) throw new Error(`bad end tag at ${i}`);
      const top = stack.pop();
      if (top?.name !== m[0]) throw new Error(`</${m[0]}> closes <${top?.name ?? 'nothing'}> at ${i}`);
      i = close.lastIndex;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1 || xml.slice(i + 4, end).includes('--')) throw new Error(`bad comment at ${i}`);
      i = end + 3;
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(xml);
    if (m === null) throw new Error(`bad start tag at ${i}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    let j = NAME.lastIndex;
    for (;;) {
      const ws = /\s*/y;
      ws.lastIndex = j;
      ws.exec(xml);
      const hadSpace = ws.lastIndex > j;
      j = ws.lastIndex;
      if (xml.startsWith('/>', j) || xml[j] === '>') break;
      if (!hadSpace) throw new Error(`attributes need white space before them at ${j}`);
      const attr = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
      attr.lastIndex = j;
      const a = attr.exec(xml);
      if (a === null) throw new Error(`bad attribute at ${j}`);
      const name = a[1] ?? '';
      if (name in el.attrs) throw new Error(`duplicate attribute ${name} at ${j}`);
      el.attrs[name] = decode(a[3] ?? a[4] ?? '', j);
      j = attr.lastIndex;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    else if (root !== undefined) throw new Error(`second root element at ${i}`);
    else root = el;
    if (xml.startsWith('/>', j)) {
      i = j + 2;
    } else {
      stack.push(el);
      i = j + 1;
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) throw new Error(`<${open.name}> is never closed`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element named `name` below (and including) `el`, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
