import { describe, expect, it } from 'vitest';
import { MANDATE_AREAS, STATE_CODES } from '../../shared/constants.js';
import { ActivityIndex, type ActivityRow } from './activityIndex.js';
import {
  detectAllOverlaps,
  detectAllOverlapsPaced,
  detectOverlapsFor,
  detectOverlapsPaced,
  MAX_NEW_FLAGS_PER_ACTIVITY,
  recheckPairs,
  recheckPairsPaced,
} from './overlapDetection.js';

let seq = 0;
function activity(over: Partial<ActivityRow> = {}): ActivityRow {
  seq++;
  return {
    documentId: `doc${seq}`,
    activityId: `act${seq}`,
    workspaceId: 'ws1',
    title: `Actividad ${seq}`,
    description: '',
    leadOrganizationId: 'org-a',
    partnerOrganizationIds: [],
    mandateArea: 'trafficking_in_persons',
    stateCodes: ['14'],
    municipalityCodes: [],
    startDate: '2025-01-01',
    endDate: '2025-06-30',
    status: 'planned',
    target: '',
    ...over,
  };
}

describe('overlap detection scenarios', () => {
  it('takes a placeholder or a bare number as no target, so two unagreed targets are not "the same target"', () => {
    for (const [x, y] of [['Por definir', 'por definir'], ['N/A', 'n/a'], ['TBD', 'tbd'], ['100%', '100 %'], ['Pendiente', 'PENDIENTE']]) {
      const a = activity({ title: 'Auditoría a compras públicas municipales', target: x });
      const b = activity({ leadOrganizationId: 'org-b', title: 'Campaña de radio contra la extorsión', target: y });
      const [pair] = detectAllOverlaps([a, b]);
      expect([x, pair.reasons]).toEqual([x, ['same_mandate_area', 'same_place', 'dates_overlap']]);
    }
    const a = activity({ title: 'Taller', target: '200 fiscales capacitados' });
    const b = activity({ leadOrganizationId: 'org-b', title: 'Curso', target: '200 fiscales capacitadas' });
    expect(detectAllOverlaps([a, b])[0].reasons).toContain('same_target');
  });

  it('flags a true overlap with exactly the reasons that hold, canonically ordered', () => {
    const a = activity({ documentId: 'z-doc', title: 'Capacitación en trata de personas', target: '200 fiscales capacitados' });
    const b = activity({
      documentId: 'a-doc',
      leadOrganizationId: 'org-b',
      title: 'Campaña de difusión en escuelas',
      stateCodes: ['14', '09'],
      startDate: '2025-06-30',
      endDate: '2025-12-31',
      target: '200 Fiscales capacitados.',
    });
    const [found, ...rest] = detectAllOverlaps([a, b]);
    expect(rest).toEqual([]);
    expect(found.a).toEqual({ documentId: 'a-doc', activityId: b.activityId });
    expect(found.b).toEqual({ documentId: 'z-doc', activityId: a.activityId });
    expect(found.pairKey).toBe(`a-doc:${b.activityId}|z-doc:${a.activityId}`);
    expect(found.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'same_target']);
    expect(found.score).toBeGreaterThan(0.5);
    expect(found.score).toBeLessThanOrEqual(1);
  });

  it('flags accent-different Spanish titles with similar_title and scores them higher', () => {
    const a = activity({ title: 'Capacitación en trata de personas' });
    const b = activity({ leadOrganizationId: 'org-b', title: 'capacitacion sobre trata de personas' });
    const c = activity({ leadOrganizationId: 'org-c', title: 'Rehabilitación de albergues' });
    const pairs = detectAllOverlaps([a, b, c]);
    const ab = pairs.find((p) => p.a.documentId === a.documentId && p.b.documentId === b.documentId)!;
    const ac = pairs.find((p) => p.a.documentId === a.documentId && p.b.documentId === c.documentId)!;
    expect(ab.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title']);
    expect(ac.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap']);
    expect(ab.score).toBeGreaterThan(ac.score);
    expect(ab.score).toBe(0.8);
  });

  it('does not flag disjoint states, disjoint dates, the same lead (or none) with another title, another area, or cancelled rows', () => {
    const base = activity({ title: 'Capacitación en trata de personas' });
    const other = { leadOrganizationId: 'org-b', title: base.title };
    const rows = [
      base,
      activity({ ...other, stateCodes: ['19'] }),
      activity({ ...other, startDate: '2025-07-01', endDate: '2025-09-30' }),
      activity({ ...other, startDate: '2024-01-01', endDate: '2024-12-31' }),
      activity({ ...other, leadOrganizationId: 'org-a', title: 'Campaña de difusión en escuelas' }),
      activity({ ...other, mandateArea: 'money_laundering' }),
      activity({ ...other, status: 'cancelled' }),
      activity({ ...other, leadOrganizationId: null, title: 'Rehabilitación de albergues' }),
      activity({ ...other, mandateArea: null }),
      activity({ ...other, stateCodes: [] }),
    ];
    expect(detectAllOverlaps(rows)).toEqual([]);
  });

  it('flags a draft without a lead when its title is similar, on either side or both', () => {
    const led = activity({ title: 'Capacitación en trata de personas' });
    const draft = activity({ leadOrganizationId: null, title: 'capacitacion sobre trata de personas' });
    const otherDraft = activity({ leadOrganizationId: null, title: 'Capacitación en trata de personas', stateCodes: ['14', '26'] });
    const pairs = detectAllOverlaps([led, draft, otherDraft]);
    expect(pairs).toHaveLength(3);
    for (const p of pairs) expect(p.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title']);
  });

  it('flags one organization’s activity planned twice (a similar title), in two plans or in one', () => {
    const a = activity({ title: 'Capacitación en trata de personas' });
    const twin = activity({ title: 'capacitacion sobre trata de personas' });
    const copied = activity({ documentId: a.documentId, title: 'Capacitación en trata de personas' });
    const pairs = detectAllOverlaps([a, twin, copied]);
    expect(pairs).toHaveLength(3);
    for (const p of pairs) expect(p.reasons).toEqual(['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title']);
  });

  it('treats a municipality inside the other activity’s state, or a shared municipality, as the same place', () => {
    const statewide = activity({ stateCodes: ['14'] });
    const inGuadalajara = activity({ leadOrganizationId: 'org-b', stateCodes: [], municipalityCodes: ['14039'] });
    const alsoGuadalajara = activity({ leadOrganizationId: 'org-c', stateCodes: [], municipalityCodes: ['14039', '19039'] });
    const inZapopan = activity({ leadOrganizationId: 'org-d', stateCodes: [], municipalityCodes: ['14120'] });
    const key = (r: ActivityRow) => `${r.documentId}:${r.activityId}`;
    const pairs = detectAllOverlaps([statewide, inGuadalajara, alsoGuadalajara, inZapopan]).map((p) => p.pairKey);
    const expected = [
      [statewide, inGuadalajara],
      [statewide, alsoGuadalajara],
      [statewide, inZapopan],
      [inGuadalajara, alsoGuadalajara],
      // Guadalajara and Zapopan are different municipalities of the same state: not the same place.
    ].map(([x, y]) => [key(x), key(y)].sort().join('|'));
    expect(pairs.sort()).toEqual(expected.sort());
  });

  it('counts missing dates as open-ended and date ranges as inclusive', () => {
    const a = activity({ startDate: null, endDate: '2025-03-01' });
    const b = activity({ leadOrganizationId: 'org-b', startDate: '2025-03-01', endDate: null });
    const c = activity({ leadOrganizationId: 'org-c', startDate: null, endDate: null });
    expect(detectAllOverlaps([a, b]).map((p) => p.reasons.includes('dates_overlap'))).toEqual([true]);
    // An undated activity is still flagged with the others, but nobody is told their dates overlap.
    const all = detectAllOverlaps([a, b, c]);
    expect(all).toHaveLength(3);
    const withC = all.filter((p) => p.a.activityId === c.activityId || p.b.activityId === c.activityId);
    expect(withC.map((p) => p.reasons.includes('dates_overlap'))).toEqual([false, false]);
    expect(all.filter((p) => !withC.includes(p)).map((p) => p.reasons.includes('dates_overlap'))).toEqual([true]);
    expect(detectAllOverlaps([{ ...a, endDate: '2025-02-28' }, b])).toEqual([]);
  });

  it('supports upsert and removal in the index', () => {
    const a = activity();
    const b = activity({ leadOrganizationId: 'org-b' });
    const index = new ActivityIndex([a, b]);
    expect(detectOverlapsFor([a], index)).toHaveLength(1);
    index.upsert({ ...b, stateCodes: ['19'] });
    expect(index.size).toBe(2);
    expect(detectOverlapsFor([a], index)).toEqual([]);
    index.upsert(b);
    expect(index.remove(b)).toBe(true);
    expect(index.remove(b)).toBe(false);
    expect(detectOverlapsFor([a], index)).toEqual([]);
    index.upsert(b);
    expect(index.removeDocument(b.documentId)).toEqual([b]);
    expect(index.size).toBe(1);
    // A changed row is compared with its fresh data even when the index holds a stale copy.
    index.upsert(b);
    expect(detectOverlapsFor([{ ...b, status: 'cancelled' }], index)).toEqual([]);
  });
});

/** mulberry32: small seeded PRNG so the random scenarios are reproducible. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['capacitación', 'trata', 'personas', 'fiscales', 'taller', 'prevención', 'armas', 'lavado', 'dinero', 'campaña', 'frontera', 'jueces'];

function randomRows(n: number, seed: number): ActivityRow[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const date = () => `2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  return Array.from({ length: n }, (_, i) => {
    const state = pick(STATE_CODES);
    const [s, e] = [date(), date()].sort();
    return {
      documentId: `doc${Math.floor(i / 10)}`,
      activityId: `a${i}`,
      workspaceId: `ws${Math.floor(i / 50)}`,
      title: Array.from({ length: 3 }, () => pick(WORDS)).join(' de '),
      description: '',
      leadOrganizationId: rnd() < 0.05 ? null : `org${Math.floor(rnd() * 40)}`,
      partnerOrganizationIds: [],
      mandateArea: pick(MANDATE_AREAS),
      stateCodes: rnd() < 0.6 ? [state] : rnd() < 0.5 ? [state, pick(STATE_CODES)] : [],
      municipalityCodes: rnd() < 0.4 ? [`${state}${String(1 + Math.floor(rnd() * 5)).padStart(3, '0')}`] : [],
      startDate: rnd() < 0.1 ? null : s,
      endDate: rnd() < 0.1 ? null : e,
      status: rnd() < 0.05 ? 'cancelled' : 'planned',
      target: rnd() < 0.3 ? pick(['100 fiscales', '50 jueces', '3 talleres']) : '',
    };
  });
}

describe('incremental detection', () => {
  it('equals full detection on 2,000 random rows', () => {
    const rows = randomRows(2000, 42);
    const full = detectAllOverlaps(rows);
    expect(full.length).toBeGreaterThan(100);
    const index = new ActivityIndex(rows);

    // One changed row at a time: the union is the full set.
    const union = new Map(rows.flatMap((r) => detectOverlapsFor([r], index)).map((p) => [p.pairKey, p]));
    expect([...union.values()].sort((p, q) => (p.pairKey < q.pairKey ? -1 : 1))).toEqual(full);

    // A batch of changed rows (a plan edited with new data): each one's overlaps as if detected alone after the edit.
    const edited = rows.slice(300, 360).map((r, i) => (i % 2 ? { ...r, stateCodes: ['14'], startDate: null } : r));
    const after = new ActivityIndex(rows.map((r) => edited.find((e) => e.activityId === r.activityId) ?? r));
    const expected = new Map(edited.flatMap((r) => detectOverlapsFor([r], after)).map((p) => [p.pairKey, p]));
    expect(expected.size).toBeGreaterThan(10);
    // The index still holds the pre-edit copies: the changed versions must win.
    expect(detectOverlapsFor(edited, index)).toEqual([...expected.values()].sort((p, q) => (p.pairKey < q.pairKey ? -1 : 1)));
  });

  it('flags one changed activity among 10,000 quickly', () => {
    const rows = randomRows(10_000, 7);
    const t0 = performance.now();
    const index = new ActivityIndex(rows);
    const built = performance.now() - t0;
    const changed = { ...rows[1234], title: 'Capacitación en trata de personas', leadOrganizationId: 'org-new' };
    detectOverlapsFor([changed], index); // warm-up (JIT)
    const t1 = performance.now();
    const found = detectOverlapsFor([changed], index);
    const once = performance.now() - t1;
    console.log(`index of 10,000 built in ${built.toFixed(1)} ms; one incremental detection: ${once.toFixed(2)} ms, ${found.length} overlaps`);
    expect(found.every((p) => p.pairKey.includes(`${changed.documentId}:${changed.activityId}`))).toBe(true);
  });
});

describe('a crowded area, state and year', () => {
  /** `n` activities of one plan in one area, state and year, led by seven agencies, with unrelated titles. */
  const crowded = (n: number, documentId = 'bulk'): ActivityRow[] =>
    Array.from({ length: n }, (_, i) => ({
      ...activity({ documentId, activityId: `c${i}`, leadOrganizationId: `org${i % 7}`, stateCodes: ['08'], startDate: '2027-01-01', endDate: '2027-12-31' }),
      title: `Tema ${i.toString(36)} ${['vigilancia', 'registro', 'enlace', 'auditoría', 'protocolo'][i % 5]} ${i}`,
    }));

  it('flags each activity with its strongest overlaps only, and still finds the duplicate in another plan', async () => {
    const rows = crowded(1000);
    // The same activity, planned by another working group.
    const twin: ActivityRow = { ...rows[999], documentId: 'other', activityId: 'twin', leadOrganizationId: 'org-x' };
    const index = new ActivityIndex([...rows, twin]);

    // A small comparison budget (150 neighbours each), as a plan of 20,000 such activities gets.
    const budget = 100_000;
    const all = detectAllOverlaps(index, budget);
    const perActivity = new Map<string, number>();
    for (const p of all) for (const k of p.pairKey.split('|')) perActivity.set(k, (perActivity.get(k) ?? 0) + 1);
    // Every pair of different agencies overlaps (430,000 pairs); each activity keeps its strongest 20.
    expect(perActivity.size).toBe(1001);
    expect(all.length).toBeLessThanOrEqual(1001 * MAX_NEW_FLAGS_PER_ACTIVITY);
    expect(all.length).toBeGreaterThanOrEqual((1001 * MAX_NEW_FLAGS_PER_ACTIVITY) / 2);
    const twinPair = 'bulk:c999|other:twin';
    expect(all.find((p) => p.pairKey === twinPair)?.reasons).toContain('similar_title');

    // The whole plan re-projected at once (its 1,000 rows changed): the twin in the other plan is still found,
    // as other plans' activities are compared first.
    const paced = (await detectOverlapsPaced(rows, index, 1, budget)).sort((p, q) => (p.pairKey < q.pairKey ? -1 : 1));
    expect(paced).toEqual(detectOverlapsFor(rows, index, budget));
    expect(paced.find((p) => p.pairKey === twinPair)?.reasons).toContain('similar_title');
    expect(new Set(paced.flatMap((p) => p.pairKey.split('|'))).size).toBe(1001);
  });

  it('finds the same overlaps when the index is built and everything detected giving the event loop turns', async () => {
    const rows = [...crowded(600), ...randomRows(600, 3)];
    const atOnce = new ActivityIndex(rows);
    const built = await ActivityIndex.built(rows);
    expect(built.size).toBe(atOnce.size);
    const all = detectAllOverlaps(atOnce, 50_000);
    expect(all.length).toBeGreaterThan(1000);
    const byKey = (p: { pairKey: string }, q: { pairKey: string }) => (p.pairKey < q.pairKey ? -1 : 1);
    expect((await detectAllOverlapsPaced(built, 50_000)).sort(byKey)).toEqual(all);
    // Stored pairs rechecked with a changed row: only the pairs that still hold, with the changed row's data.
    const pairs = all.slice(0, 300).map((p) => [p.a, p.b] as [typeof p.a, typeof p.b]);
    const moved = { ...built.get(pairs[0][0])!, stateCodes: ['31'], municipalityCodes: [] };
    const rechecked = recheckPairs(pairs, [moved], atOnce);
    expect(rechecked.length).toBeLessThan(300);
    expect(rechecked.some((p) => p.pairKey === all[0].pairKey)).toBe(false);
    expect(await recheckPairsPaced(pairs, [moved], built)).toEqual(rechecked);
  });

  it('keeps a stored pair while it still overlaps, and drops it once it does not', () => {
    const rows = crowded(100);
    const index = new ActivityIndex(rows);
    const pair: [{ documentId: string; activityId: string }, { documentId: string; activityId: string }] = [
      { documentId: 'bulk', activityId: 'c1' },
      { documentId: 'bulk', activityId: 'c2' },
    ];
    expect(recheckPairs([pair], [], index).map((p) => p.pairKey)).toEqual(['bulk:c1|bulk:c2']);
    // c2 moved to another state: the pair no longer holds; an unknown activity holds nothing.
    expect(recheckPairs([pair], [{ ...rows[2], stateCodes: ['14'] }], index)).toEqual([]);
    expect(recheckPairs([[pair[0], { documentId: 'bulk', activityId: 'gone' }]], [], index)).toEqual([]);
  });
});
