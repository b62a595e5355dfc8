import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { MAX_DIGESTED_BLOCKS, sectionDigests, sectionsStillChanged } from './sectionDigests.js';

function block(nodeName: string, text: string): Y.XmlElement {
  const el = new Y.XmlElement(nodeName);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

/** A plan: a paragraph before any heading, then two sections. */
function plan(): Y.Doc {
  const doc = new Y.Doc();
  getBody(doc).insert(0, [block('paragraph', 'Intro'), block('heading', 'Objetivos'), block('paragraph', 'Reducir'), block('heading', 'Riesgos'), block('paragraph', 'Pocos')]);
  return doc;
}

function textOf(doc: Y.Doc, index: number): Y.XmlText {
  return (getBody(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('section digests for "since your last visit"', () => {
  it('drops a section changed and changed back, keeps one that reads differently', () => {
    const doc = plan();
    const atVisit = sectionDigests(doc);
    textOf(doc, 2).delete(0, 7);
    textOf(doc, 2).insert(0, 'Reducir');
    textOf(doc, 4).insert(5, ' y conocidos');
    textOf(doc, 0).insert(0, 'Nueva ');
    expect(sectionsStillChanged(doc, ['', 'Objetivos', 'Riesgos'], atVisit)).toEqual(['', 'Riesgos']);
  });

  it('tells formatting apart: a word left bold still counts, bold undone does not', () => {
    const doc = plan();
    const atVisit = sectionDigests(doc);
    textOf(doc, 2).format(0, 7, { bold: true });
    expect(sectionsStillChanged(doc, ['Objetivos'], atVisit)).toEqual(['Objetivos']);
    textOf(doc, 2).format(0, 7, { bold: null });
    expect(sectionsStillChanged(doc, ['Objetivos'], atVisit)).toEqual([]);
  });

  it('keeps a renamed section, every section when the visit kept no digests, and none past the bound', () => {
    const doc = plan();
    const atVisit = sectionDigests(doc);
    textOf(doc, 3).insert(0, 'Otros ');
    expect(sectionsStillChanged(doc, ['Otros Riesgos'], atVisit)).toEqual(['Otros Riesgos']);
    expect(sectionsStillChanged(doc, ['Objetivos'], null)).toEqual(['Objetivos']);
    const big = new Y.Doc();
    getBody(big).insert(0, Array.from({ length: MAX_DIGESTED_BLOCKS + 1 }, () => new Y.XmlElement('paragraph')));
    expect(sectionDigests(big)).toBeNull();
  });
});
