import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { restorePlan } from '../../server/versions/restorePlan.js';

type Marks = Record<string, unknown>;
type Span = [string, Marks?];

/** A block holding one text made of spans; integrated into `doc` at the end of the body. */
function pushBlock(doc: Y.Doc, name: string, spans: Span[], attrs: Record<string, string> = {}): Y.XmlText {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const text = new Y.XmlText();
  el.insert(0, [text]);
  getBody(doc).push([el]);
  let at = 0;
  for (const [s, marks] of spans) {
    text.insert(at, s, { ...(marks ?? {}) });
    at += s.length;
  }
  return text;
}

/** A bullet list of one-paragraph items; returns the items' texts. */
function pushList(doc: Y.Doc, items: string[]): Y.XmlText[] {
  const list = new Y.XmlElement('bulletList');
  getBody(doc).push([list]);
  return items.map((s, i) => {
    const item = new Y.XmlElement('listItem');
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    list.insert(i, [item]);
    item.insert(0, [p]);
    p.insert(0, [text]);
    text.insert(0, s);
    return text;
  });
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/** Every XmlText of the body in document order. */
function textsOf(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((c) => (c instanceof Y.XmlText ? [c] : c instanceof Y.XmlElement ? textsOf(c) : []));
}

function expectSameContent(live: Y.Doc, version: Y.Doc): void {
  expect(getBody(live).toString()).toBe(getBody(version).toString());
  expect(textsOf(getBody(live)).map((t) => t.toDelta())).toEqual(textsOf(getBody(version)).map((t) => t.toDelta()));
}

const restore = (live: Y.Doc, version: Y.Doc) => live.transact(() => restorePlan(live, version));

describe('restorePlan on the body', () => {
  it('edits a paragraph in place: a position in its unchanged words still resolves to the same index', () => {
    const live = new Y.Doc();
    pushBlock(live, 'heading', [['Objetivos']], { level: '2' });
    const text = pushBlock(live, 'paragraph', [['Describa los objetivos comunes de la mesa.']]);
    const version = copyOf(live);
    text.insert(text.length, ' (añadido)');
    const at = text.toString().indexOf('objetivos comunes');
    const rel = Y.createRelativePositionFromTypeIndex(text, at, 0);
    const endRel = Y.createRelativePositionFromTypeIndex(text, at + 'objetivos comunes'.length, -1);

    restore(live, version);
    expectSameContent(live, version);
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, live);
    const end = Y.createAbsolutePositionFromRelativePosition(endRel, live);
    expect(abs?.type).toBe(text);
    expect(abs?.index).toBe(at);
    expect(end?.index).toBe(at + 'objetivos comunes'.length);
    expect(text._item?.deleted).toBe(false);
  });

  it('restores formatting exactly: a bold word made plain, a link added since, a bold word deleted', () => {
    const live = new Y.Doc();
    const text = pushBlock(live, 'paragraph', [['Una '], ['meta', { bold: {} }], [' clara y '], ['medible', { italic: {}, bold: {} }], [' hoy.']]);
    const version = copyOf(live);
    text.format(4, 4, { bold: null });
    text.format(text.toString().indexOf('hoy'), 3, { link: { href: 'https://example.mx' } });
    const medible = text.toString().indexOf('medible');
    text.delete(medible, 'medible'.length);
    text.insert(medible, 'otra', { underline: {} });
    expect(text.toDelta()).not.toEqual(textsOf(getBody(version))[0].toDelta());

    restore(live, version);
    expectSameContent(live, version);
    expect(getBody(live).get(0)).toBeInstanceOf(Y.XmlElement);
    expect((getBody(live).get(0) as Y.XmlElement).get(0)).toBe(text);
  });

  it('replaces a block whose type or attributes changed, and still edits its changed neighbour in place', () => {
    const live = new Y.Doc();
    pushBlock(live, 'heading', [['Objetivos']], { level: '2' });
    const text = pushBlock(live, 'paragraph', [['Texto de la mesa']]);
    pushBlock(live, 'heading', [['Metas']], { level: '3' });
    const version = copyOf(live);
    live.transact(() => {
      getBody(live).delete(0, 1);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Objetivos')]);
      getBody(live).insert(0, [p]);
      (getBody(live).get(2) as Y.XmlElement).setAttribute('level', '1');
    });
    text.insert(text.length, ' ampliado');
    restore(live, version);
    expectSameContent(live, version);
    // The paragraph made from the heading does not take the edited paragraph's place.
    expect((getBody(live).get(1) as Y.XmlElement).get(0)).toBe(text);
  });

  it('edits nested list items in place and restores removed and added items', () => {
    const live = new Y.Doc();
    const [first, second] = pushList(live, ['Primer punto', 'Segundo punto', 'Tercero']);
    const version = copyOf(live);
    first.insert(first.length, ' ampliado');
    second.delete(0, 'Segundo '.length);
    const list = getBody(live).get(0) as Y.XmlElement;
    live.transact(() => {
      list.delete(2, 1);
      const item = new Y.XmlElement('listItem');
      list.push([item]);
      const p = new Y.XmlElement('paragraph');
      item.insert(0, [p]);
      p.insert(0, [new Y.XmlText('Nuevo')]);
    });
    const rel = Y.createRelativePositionFromTypeIndex(first, 'Primer '.length, 0);
    restore(live, version);
    expectSameContent(live, version);
    expect(getBody(live).get(0)).toBe(list);
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, live);
    expect(abs?.type).toBe(first);
    expect(abs?.index).toBe('Primer '.length);
  });

  it('keeps what another replica types into the paragraph during the restore; both converge', () => {
    const a = new Y.Doc();
    pushBlock(a, 'paragraph', [['Hola mundo']]);
    const version = copyOf(a);
    const textA = (getBody(a).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    textA.insert(textA.length, ' añadido');
    const b = copyOf(a);
    const textB = (getBody(b).get(0) as Y.XmlElement).get(0) as Y.XmlText;

    restore(a, version);
    textB.insert(textB.length, '!');
    sync(a, b);
    sync(b, a);
    expect(getBody(a).toString()).toBe(getBody(b).toString());
    expect(textA.toString()).toBe('Hola mundo!');
  });

  // 120 paragraphs and one added: 121 × 120 blocks, once paired in order without comparing them.
  // 250: past the exhaustive alignment, through the exact diff and the windowed alignment.
  it.each([120, 250])('pairs each edited paragraph with its own version among %i similar ones', (count) => {
    const live = new Y.Doc();
    const original = (i: number) => `Activity ${i}: budget ${1000 + i} pesos`;
    const texts = Array.from({ length: count }, (_, i) => pushBlock(live, 'paragraph', [[original(i)]]));
    const version = copyOf(live);
    live.transact(() => {
      for (const text of texts) {
        const at = text.toString().indexOf('pesos');
        text.delete(at, 'pesos'.length);
        text.insert(at, 'MXN');
      }
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('Nueva actividad')]);
      getBody(live).insert(0, [added]);
    });
    const rels = texts.map((text) => Y.createRelativePositionFromTypeIndex(text, 0, 0));

    restore(live, version);
    expectSameContent(live, version);
    // Each comment anchor still starts its own paragraph, which reads as its version again.
    const resolved = rels.map((rel) => {
      const abs = Y.createAbsolutePositionFromRelativePosition(rel, live);
      const at = texts.findIndex((text) => text === abs?.type);
      return [at, abs?.index, texts[at]?.toString()];
    });
    expect(resolved).toEqual(texts.map((_, i) => [i, 0, original(i)]));
  });

  it('edits blocks in place across a moved block: anchors and typing during the restore survive', () => {
    const live = new Y.Doc();
    const texts = [1, 2, 3, 4, 5].map((n) => pushBlock(live, 'paragraph', [[`Word${n} stays here`]]));
    pushBlock(live, 'paragraph', [['Tail block']]);
    const version = copyOf(live);
    for (const text of texts) text.insert(text.length, ' edited');
    live.transact(() => {
      const tail = getBody(live).get(5).clone() as Y.XmlElement;
      getBody(live).delete(5, 1);
      getBody(live).insert(0, [tail]);
    });
    const rels = texts.map((text) => Y.createRelativePositionFromTypeIndex(text, 0, 0));
    const replica = copyOf(live);
    const typed = textsOf(getBody(replica))[2];
    expect(typed.toString()).toBe('Word2 stays here edited');

    restore(live, version);
    expectSameContent(live, version);
    typed.insert('Word2'.length, ' still');
    sync(live, replica);
    sync(replica, live);
    expect(getBody(replica).toString()).toBe(getBody(live).toString());
    expect(texts.map((text) => text.toString())).toEqual(['Word1 stays here', 'Word2 still stays here', 'Word3 stays here', 'Word4 stays here', 'Word5 stays here']);
    for (const [i, rel] of rels.entries()) {
      expect(Y.createAbsolutePositionFromRelativePosition(rel, live)).toMatchObject({ type: texts[i], index: 0 });
    }
  });

  it('restores 200 long paragraphs sharing most of their text, all edited (every comparison is bounded)', () => {
    const live = new Y.Doc();
    const shared = 'Plan de trabajo común de la mesa regional. '.repeat(465);
    const texts = Array.from({ length: 200 }, (_, i) => pushBlock(live, 'paragraph', [[`${shared}Párrafo ${i}.`]]));
    expect(texts[0].length).toBeGreaterThan(20_000);
    const version = copyOf(live);
    live.transact(() => {
      for (const text of texts) {
        text.delete(10_000, 5);
        text.insert(text.length, ' Editado.');
      }
    });

    restore(live, version);
    expectSameContent(live, version);
  });

  it('yields exactly the version for 200 random edit histories', () => {
    // mulberry32: a small seeded PRNG, so a failure replays.
    let seed = 0x5eed;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: T[]): T => xs[int(xs.length)];
    const words = ['plan', 'mesa', 'meta', ' ', ' ', ', ', 'ñandú', 'acción', '😀', 'x', 'fiscalía', '.'];
    const marks: Marks[] = [{}, {}, { bold: {} }, { italic: {} }, { bold: {}, italic: {} }, { link: { href: 'https://a.mx' } }, { link: { href: 'https://b.mx' } }];
    const phrase = () => Array.from({ length: 1 + int(4) }, () => pick(words)).join('');
    const spans = (): Span[] => Array.from({ length: 1 + int(3) }, () => [phrase(), pick(marks)]);
    const addBlock = (doc: Y.Doc) => {
      const kind = int(4);
      if (kind === 0) pushBlock(doc, 'heading', spans(), { level: String(1 + int(3)) });
      else if (kind === 1) pushList(doc, Array.from({ length: 1 + int(3) }, phrase));
      else pushBlock(doc, 'paragraph', spans());
    };
    const nullMark = (m: Marks): Marks => Object.fromEntries(Object.keys(m).map((k) => [k, null]));

    for (let iteration = 0; iteration < 200; iteration++) {
      const live = new Y.Doc();
      // A first paragraph that only gets text appended: its words must keep their identity.
      const kept = pushBlock(live, 'paragraph', [['Palabras que quedan', { bold: {} }]]);
      for (let i = int(4); i > 0; i--) addBlock(live);
      const version = copyOf(live);
      const blocks = () => getBody(live).length - 1;
      for (let e = 1 + int(8); e > 0; e--) {
        const texts = textsOf(getBody(live)).filter((t) => t !== kept);
        const text = texts.length ? pick(texts) : undefined;
        const op = int(8);
        if (text && op <= 1) text.insert(int(text.length + 1), phrase(), op === 0 ? { ...pick(marks) } : undefined);
        else if (text && op === 2 && text.length) {
          const at = int(text.length);
          text.delete(at, 1 + int(text.length - at));
        } else if (text && op === 3 && text.length) {
          const at = int(text.length);
          const mark = pick(marks.slice(2));
          text.format(at, 1 + int(text.length - at), rand() < 0.5 ? mark : nullMark(mark));
        } else if (op === 4) addBlock(live);
        else if (op === 5 && blocks()) getBody(live).delete(1 + int(blocks()), 1);
        else if (op === 6 && blocks()) {
          const block = getBody(live).get(1 + int(blocks()));
          if (block instanceof Y.XmlElement && block.nodeName === 'heading') block.setAttribute('level', String(1 + int(3)));
        } else if (op === 7 && blocks()) {
          // Move a block: delete it and add its copy at the end.
          const i = 1 + int(blocks());
          const moved = getBody(live).get(i).clone() as Y.XmlElement;
          live.transact(() => {
            getBody(live).delete(i, 1);
            getBody(live).push([moved]);
          });
        }
      }
      kept.insert(kept.length, pick(words), { ...pick(marks) });
      const rel = Y.createRelativePositionFromTypeIndex(kept, 9, 0);
      const replica = copyOf(live);
      restore(live, version);
      expectSameContent(live, version);
      expect(Y.createAbsolutePositionFromRelativePosition(rel, live)).toMatchObject({ type: kept, index: 9 });
      sync(live, replica);
      expect(getBody(replica).toString()).toBe(getBody(version).toString());
    }
  });
});
