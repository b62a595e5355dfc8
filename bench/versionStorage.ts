/**
 * Version storage measurement (standalone: `node --import tsx bench/versionStorage.ts`).
 * A ~1 MB plan gets 100 rounds of typing and activity edits with a version after each round; we
 * compare the bytes stored by (a) the full encoded Yjs state per version (what Enlace stores) with
 * (b) a log position per version plus checkpoints, which forces the update log to be kept.
 * Enlace stores (a) as a gzip-compressed v2 update: versions stay independent of log compaction.
 */
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { getActivities, getBody, insertActivity } from '../shared/planModel.js';

const VERSIONS = 100;
const KEYSTROKES_PER_ROUND = 60;
const ACTIVITY_EDITS_PER_ROUND = 5;
/** What one row of document_updates costs beyond its payload (tuple header, id, document id, user id, timestamp). */
const ROW_OVERHEAD = 24 + 8 + 24 + 24 + 8;

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}
const rnd = seeded(42);

// Random prose from a vocabulary, so compression sees text about as repetitive as real plans, not one sentence copied.
const VOCABULARY = (
  'la mesa acuerda acciones coordinación interinstitucional prevenir trata personas fortalecer atención víctimas Chihuahua ' +
  'Juárez fiscalía municipio estado federal protocolo capacitación operativo seguimiento indicador meta trimestral informe ' +
  'análisis financiero lavado dinero migrantes frontera refugio albergue policía ministerio público jueces defensoría ' +
  'registro datos intercambio información confidencial enlace responsable calendario presupuesto evaluación riesgo ' +
  'comunidad escuelas empresas transporte hoteles inspección denuncia línea ayuda niñas niños adolescentes mujeres ' +
  'identificación canalización reparación daño sentencia carpeta investigación red crimen organizado armas corrupción'
).split(' ');
function sentence(words: number): string {
  return Array.from({ length: words }, () => VOCABULARY[Math.floor(rnd() * VOCABULARY.length)]).join(' ') + '.';
}

function buildPlan(targetBytes: number): Y.Doc {
  const doc = new Y.Doc();
  const body = getBody(doc);
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < targetBytes) {
    doc.transact(() => {
      const blocks = Array.from({ length: 200 }, () => {
        const p = new Y.XmlElement(i % 12 === 0 ? 'heading' : 'paragraph');
        p.insert(0, [new Y.XmlText(`${i++}. ${sentence(24)}`)]);
        return p;
      });
      body.push(blocks);
    });
    for (let a = 0; a < 20; a++) insertActivity(doc, { id: `act-${i}-${a}`, title: `Actividad ${i}-${a}`, stateCodes: ['08'], municipalityCodes: ['08037'] });
  }
  return doc;
}

/** One round of edits, each keystroke its own update as an editor sends them. */
function editRound(doc: Y.Doc, round: number, log: Uint8Array[]): void {
  const capture = (u: Uint8Array) => log.push(u);
  doc.on('update', capture);
  const body = getBody(doc);
  const target = body.get(Math.floor(rnd() * body.length)) as Y.XmlElement;
  const text = target.get(0) as Y.XmlText;
  let at = Math.floor(rnd() * text.length);
  const sentence = ` Ajuste ${round}: se precisa la meta y el indicador de seguimiento trimestral.`.slice(0, KEYSTROKES_PER_ROUND);
  for (const ch of sentence) text.insert(at++, ch);
  const rows = getActivities(doc);
  for (let e = 0; e < ACTIVITY_EDITS_PER_ROUND; e++) rows.get(Math.floor(rnd() * rows.length)).set('status', ['planned', 'in_progress', 'done'][e % 3]);
  doc.off('update', capture);
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function main(): void {
  const doc = buildPlan(1024 * 1024);
  const initial = Y.encodeStateAsUpdate(doc);
  const log: Uint8Array[] = [];
  const fullV1: number[] = [];
  const fullV2: number[] = [];
  const fullGzip: number[] = [];
  const fullV2Gzip: number[] = [];
  const logLengthAt: number[] = [];
  const checkpointsEvery10: number[] = [];
  for (let v = 1; v <= VERSIONS; v++) {
    editRound(doc, v, log);
    const state = Y.encodeStateAsUpdate(doc);
    fullV1.push(state.byteLength);
    fullV2.push(Y.encodeStateAsUpdateV2(doc).byteLength);
    fullGzip.push(gzipSync(state).byteLength);
    fullV2Gzip.push(gzipSync(Y.encodeStateAsUpdateV2(doc)).byteLength);
    logLengthAt.push(log.length);
    if (v % 10 === 0) checkpointsEvery10.push(state.byteLength);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const logPayload = sum(log.map((u) => u.byteLength));
  const logRows = log.length * ROW_OVERHEAD;

  // Reading version 50 back: decode one state vs replay checkpoint + log.
  const t0 = performance.now();
  const fromState = new Y.Doc();
  Y.applyUpdate(fromState, Y.encodeStateAsUpdate(doc));
  const decodeMs = performance.now() - t0;
  const t1 = performance.now();
  const replay = new Y.Doc();
  Y.applyUpdate(replay, initial);
  for (const u of log.slice(0, logLengthAt[49])) Y.applyUpdate(replay, u);
  const replayMs = performance.now() - t1;

  const rows: Array<[string, number]> = [
    ['(a) full state per version, Yjs v1', sum(fullV1)],
    ['(a) full state per version, Yjs v2', sum(fullV2)],
    ['(a) full state per version, v1 gzip', sum(fullGzip)],
    ['(a) full state per version, v2 gzip (stored)', sum(fullV2Gzip)],
    ['(b) log position + 1 checkpoint + kept log', initial.byteLength + logPayload + logRows + VERSIONS * 8],
    ['(b) log position + checkpoint every 10 + kept log', initial.byteLength + sum(checkpointsEvery10) + logPayload + logRows + VERSIONS * 8],
  ];
  console.log(`plan: ${kb(initial.byteLength)} encoded, ${getBody(doc).length} blocks, ${getActivities(doc).length} activities`);
  console.log(`${VERSIONS} versions, ${log.length} updates (${KEYSTROKES_PER_ROUND} keystrokes + ${ACTIVITY_EDITS_PER_ROUND} activity edits per version)`);
  console.log(`update log: ${kb(logPayload)} payload + ${kb(logRows)} row overhead`);
  for (const [label, bytes] of rows) console.log(`${label.padEnd(52)} ${kb(bytes).padStart(12)}  (${(bytes / VERSIONS / 1024).toFixed(1)} KiB/version)`);
  console.log(`read one version: decode full state ${decodeMs.toFixed(1)} ms; replay checkpoint + ${logLengthAt[49]} updates ${replayMs.toFixed(1)} ms`);
  for (const d of [doc, fromState, replay]) d.destroy();
}

main();
