import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ACTIVITIES_FIELD, BODY_FIELD, getBody, insertActivity } from '../../shared/planModel.js';
import { nestingOf } from './nestingDepth.js';

/** The update `change` makes to a copy of `base`, decoded as the server checks it. */
function changeOf(base: Y.Doc, change: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  return Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before));
}

const ROOTS = { count: ACTIVITIES_FIELD, xml: BODY_FIELD };

describe('nestingOf', () => {
  // Each row, and each run of a text, is found along its left neighbours. Those walks were not remembered between
  // items, so a change of n siblings took n² steps: an import of 20,000 rows held the node for over two minutes.
  it('checks 20,000 rows added in one change, and a paragraph of 5,000 formatted runs, counting the new rows', () => {
    const server = new Y.Doc();
    const rows = changeOf(server, (doc) => {
      for (let i = 0; i < 20_000; i++) insertActivity(doc, { id: `a${i}`, title: `Actividad ${i}`, stateCodes: ['07'], municipalityCodes: ['07089'] });
    });
    expect(nestingOf(server, rows, 64, ROOTS)).toEqual({ nesting: 'ok', newInRoot: 20_000 });

    const runs = changeOf(server, (doc) => {
      const text = new Y.XmlText();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [text]);
      getBody(doc).push([paragraph]);
      for (let i = 0; i < 5_000; i++) text.insert(text.length, `palabra${i} `, i % 2 ? { bold: true } : {});
    });
    expect(nestingOf(server, runs, 64, ROOTS)).toEqual({ nesting: 'ok', newInRoot: 0 });
    // Still refused, remembered walks and all: characters written straight into the body by a stock client.
    const stray = changeOf(server, (doc) => {
      const body = doc.getText(BODY_FIELD);
      for (let i = 0; i < 100; i++) body.insert(body.length, `x${i}`, i % 2 ? { bold: true } : {});
    });
    expect(nestingOf(server, stray, 64, ROOTS).nesting).toBe('notXml');
  });
});
