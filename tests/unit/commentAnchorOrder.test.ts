/** A text anchor across paragraphs covers something only when its start comes first in the plan. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveTextAnchor } from '../../shared/commentAnchors.js';
import { getBody } from '../../shared/planModel.js';

const b64 = (rel: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rel)).toString('base64');

/** A plan whose body is a heading and two paragraphs, the second in a blockquote; their texts. */
function plan(): { doc: Y.Doc; texts: Y.XmlText[] } {
  const doc = new Y.Doc();
  const texts = ['Objetivos', 'uno dos', 'tres cuatro'].map((t) => new Y.XmlText(t));
  const heading = new Y.XmlElement('heading');
  heading.insert(0, [texts[0]]);
  const first = new Y.XmlElement('paragraph');
  first.insert(0, [texts[1]]);
  const quoted = new Y.XmlElement('paragraph');
  quoted.insert(0, [texts[2]]);
  const quote = new Y.XmlElement('blockquote');
  quote.insert(0, [quoted]);
  getBody(doc).insert(0, [heading, first, quote]);
  return { doc, texts };
}

const at = (text: Y.XmlText, index: number) => b64(Y.createRelativePositionFromTypeIndex(text, index));

describe('text anchor order', () => {
  it('resolves an anchor from an earlier paragraph into a later one, nested or not', () => {
    const { doc, texts } = plan();
    expect(resolveTextAnchor({ start: at(texts[0], 2), end: at(texts[1], 3) }, doc)).not.toBeNull();
    expect(resolveTextAnchor({ start: at(texts[1], 4), end: at(texts[2], 4) }, doc)).not.toBeNull();
    expect(resolveTextAnchor({ start: at(texts[1], 0), end: at(texts[1], 3) }, doc)).not.toBeNull();
  });

  it('leaves a reversed anchor detached: its end before its start, in one paragraph or across two', () => {
    const { doc, texts } = plan();
    expect(resolveTextAnchor({ start: at(texts[2], 4), end: at(texts[1], 3) }, doc)).toBeNull();
    expect(resolveTextAnchor({ start: at(texts[1], 3), end: at(texts[0], 2) }, doc)).toBeNull();
    expect(resolveTextAnchor({ start: at(texts[1], 3), end: at(texts[1], 1) }, doc)).toBeNull();
  });

  it('reads order after a paragraph before them was deleted', () => {
    const { doc, texts } = plan();
    getBody(doc).delete(0, 1);
    expect(resolveTextAnchor({ start: at(texts[1], 4), end: at(texts[2], 4) }, doc)).not.toBeNull();
    expect(resolveTextAnchor({ start: at(texts[2], 4), end: at(texts[1], 4) }, doc)).toBeNull();
  });
});
