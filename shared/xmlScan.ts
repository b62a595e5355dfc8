/**
 * A small XML scanner for the parts of office files: start tags with their attributes, end tags and text, in order.
 * It runs the same in browsers and Node (no DOMParser in Node) and expands only XML's five named entities and
 * character references: a document type's own entities are never expanded, so "billion laughs" has nothing to grow.
 * Element and attribute names lose their namespace prefix (`x:c` is `c`), which is how spreadsheet writers differ.
 */

/** What the scanner reports, in document order. */
export interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Text with its entity and character references expanded (an unknown one is left as written). */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Where the `>` closing a tag that starts at `from` is, outside attribute quotes (-1: none). */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

/** Scans `xml`, calling the handler for each tag and each run of text; a tag, comment or section left unterminated throws. */
export function scanXml(xml: string, handler: XmlHandler): void {
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) {
      handler.text(decodeXmlText(xml.slice(at)));
      return;
    }
    if (lt > at) handler.text(decodeXmlText(xml.slice(at, lt)));
    if (xml.startsWith('<!--', lt)) at = skipPast(xml, '-->', lt);
    else if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) throw new SyntaxError('unterminated CDATA section');
      handler.text(xml.slice(lt + 9, close));
      at = close + 3;
    } else if (xml.startsWith('<?', lt)) at = skipPast(xml, '?>', lt);
    else if (xml.startsWith('<!', lt)) at = skipDeclaration(xml, lt);
    else {
      const gt = tagEnd(xml, lt + 1);
      if (gt < 0) throw new SyntaxError('unterminated tag');
      at = gt + 1;
      if (xml[lt + 1] === '/') {
        handler.close(localName(xml.slice(lt + 2, gt).trim()));
        continue;
      }
      const selfClosing = xml[gt - 1] === '/';
      const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const space = body.search(/\s/);
      const name = localName(space < 0 ? body : body.slice(0, space));
      // No prototype: an attribute named __proto__ is just an attribute.
      const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
      if (space >= 0) {
        for (const m of body.slice(space).matchAll(ATTRIBUTE)) attributes[localName(m[1])] = decodeXmlText(m[2] ?? m[3] ?? '');
      }
      handler.open(name, attributes, selfClosing);
      if (selfClosing) handler.close(name);
    }
  }
}

function skipPast(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new SyntaxError(`unterminated ${terminator === '-->' ? 'comment' : 'processing instruction'}`);
  return end + terminator.length;
}

/** Past a `<!DOCTYPE …>` declaration, internal subset and all (its entity definitions are never used). */
function skipDeclaration(xml: string, from: number): number {
  let depth = 0;
  for (let i = from + 2; i < xml.length; i++) {
    if (xml[i] === '[') depth++;
    else if (xml[i] === ']') depth--;
    else if (xml[i] === '>' && depth <= 0) return i + 1;
  }
  throw new SyntaxError('unterminated declaration');
}
