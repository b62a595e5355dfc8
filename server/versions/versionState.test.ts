import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertActivity, readPlanContent, writeWorkPlanTemplate } from '../../shared/planModel.js';
import { applyVersionState, encodeVersionState } from './versionState.js';

describe('version state encoding', () => {
  it('round-trips a plan compressed, and still reads raw v1 states', async () => {
    const doc = new Y.Doc();
    writeWorkPlanTemplate(doc, 'es');
    insertActivity(doc, { id: 'a1', title: 'Operativo', stateCodes: ['08'] });
    const stored = await encodeVersionState(doc);
    expect(stored.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
    const back = new Y.Doc();
    applyVersionState(back, stored);
    expect(readPlanContent(back)).toEqual(readPlanContent(doc));
    const legacy = new Y.Doc();
    applyVersionState(legacy, Y.encodeStateAsUpdate(doc));
    expect(readPlanContent(legacy)).toEqual(readPlanContent(doc));
  });
});
