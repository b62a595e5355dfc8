/**
 * Two people typing in one activity text field at once (plain strings in a Y.Map, last writer wins): the loser
 * writes its lost keystrokes again on top of the winner, so both end with everyone's typing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commonCharacters, installFieldRebase, mergeList, mergeText, rebaseField, writeListField, writeTextField } from '../../client/plan/fieldRebase.js';
import { getActivities, insertActivity } from '../../shared/planModel.js';

/** Peers whose updates wait in a queue until delivered: what each sent meanwhile is concurrent. */
function network(count: number, clientIds: number[]) {
  const docs = clientIds.slice(0, count).map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    installFieldRebase(doc);
    return doc;
  });
  const queues = docs.map(() => [] as Uint8Array[]);
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'net') return;
      docs.forEach((_, j) => j !== i && queues[j].push(update));
    }),
  );
  /** Delivers everything sent so far (and whatever the deliveries make peers write), until nothing is left. */
  const settle = () => {
    for (let round = 0; round < 100 && queues.some((q) => q.length); round++) {
      const pending = queues.map((q) => q.splice(0));
      docs.forEach((doc, i) => pending[i].forEach((u) => Y.applyUpdate(doc, u, 'net')));
    }
  };
  return { docs, settle };
}

const row = (doc: Y.Doc) => getActivities(doc).get(0);
const titleOf = (doc: Y.Doc) => row(doc).get('title') as string;

function setUp(clientIds: number[]) {
  const net = network(clientIds.length, clientIds);
  insertActivity(net.docs[0], { id: 'act-1', title: 'Capacitación a fiscales' });
  net.settle();
  return net;
}

/** Types `text` at `at` (or the end) one character per call, as an input's change events do. */
function typist(doc: Y.Doc, text: string, at: 'start' | 'end') {
  let typed = 0;
  return () => {
    if (typed >= text.length) return;
    const current = titleOf(doc);
    const offset = at === 'end' ? current.length : current.indexOf('Capacitación');
    writeTextField(row(doc), 'title', current.slice(0, offset) + text[typed] + current.slice(offset));
    typed++;
  };
}

describe('concurrent typing in one activity field', () => {
  for (const clientIds of [
    [1, 2],
    [2, 1],
  ]) {
    it(`keeps both people's keystrokes when they type at the same spot at once (client ids ${clientIds})`, () => {
      const { docs, settle } = setUp(clientIds);
      const lucia = typist(docs[0], ' [L-uno]', 'end');
      const jorge = typist(docs[1], ' [J-dos]', 'end');
      for (let i = 0; i < 8; i++) {
        lucia();
        jorge();
        settle();
      }
      expect(titleOf(docs[0])).toBe(titleOf(docs[1]));
      const final = titleOf(docs[0]);
      expect(final.startsWith('Capacitación a fiscales')).toBe(true);
      // Every character either typed is there, as often as it was typed.
      const typed = [...' [L-uno] [J-dos]'].sort().join('');
      expect([...final.slice('Capacitación a fiscales'.length)].sort().join('')).toBe(typed);
    });

    it(`keeps both when one types at the start and the other at the end, keystrokes crossing on the wire (client ids ${clientIds})`, () => {
      const { docs, settle } = setUp(clientIds);
      const lucia = typist(docs[0], 'PRE-', 'start');
      const jorge = typist(docs[1], '-POST', 'end');
      // Each types two characters before the other's arrive.
      for (let i = 0; i < 3; i++) {
        lucia();
        jorge();
        lucia();
        jorge();
        settle();
      }
      expect(titleOf(docs[0])).toBe('PRE-Capacitación a fiscales-POST');
      expect(titleOf(docs[1])).toBe('PRE-Capacitación a fiscales-POST');
    });
  }

  for (const clientIds of [
    [1, 2],
    [2, 1],
  ]) {
    it(`keeps everything both typed after a long time apart: 300 keystrokes each, one side offline (client ids ${clientIds})`, () => {
      const { docs, settle } = setUp(clientIds);
      const offline = 'o'.repeat(150) + 'O'.repeat(150);
      const online = 'n'.repeat(150) + 'N'.repeat(150);
      // Each keystroke is a whole-field write; nothing crosses until the offline side is back.
      const a = typist(docs[0], offline, 'end');
      const b = typist(docs[1], online, 'start');
      for (let i = 0; i < 300; i++) {
        a();
        b();
      }
      settle();
      expect(titleOf(docs[0])).toBe(titleOf(docs[1]));
      const merged = titleOf(docs[0]);
      expect(merged).toBe(`${online}Capacitación a fiscales${offline}`);
    });
  }

  it('keeps both sides when the common value was forgotten (history bound): shared characters once, both typings whole', () => {
    expect(commonCharacters('Capacitación a fiscales estatales', 'Taller: Capacitación a fiscales')).toBe('Capacitación a fiscales');
    expect(mergeText(commonCharacters('BASE mío', 'suyo BASE'), 'BASE mío', 'suyo BASE')).toBe('suyo BASE mío');
  });

  it('leaves a later value alone when its writer had seen ours (no conflict, nothing written twice)', () => {
    const { docs, settle } = setUp([1, 2]);
    writeTextField(row(docs[0]), 'title', 'Capacitación a fiscales estatales');
    settle();
    writeTextField(row(docs[1]), 'title', 'Capacitación a fiscales estatales y federales');
    settle();
    expect(titleOf(docs[0])).toBe('Capacitación a fiscales estatales y federales');
    expect(titleOf(docs[1])).toBe('Capacitación a fiscales estatales y federales');
  });

  it('writes its lost edit again over a client that does not rebase (a stock client), and only once', () => {
    const { docs, settle } = setUp([1, 2]);
    // The second peer stands for a stock client: plain map sets, no rebase.
    const stock = new Y.Doc();
    stock.clientID = 3;
    Y.applyUpdate(stock, Y.encodeStateAsUpdate(docs[0]));
    writeTextField(row(docs[0]), 'title', 'Capacitación a fiscales (2027)');
    getActivities(stock).get(0).set('title', 'Taller: Capacitación a fiscales');
    // The stock client's value wins the conflict (higher client id), then the lost edit is rebased onto it.
    Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(stock), 'net');
    expect(titleOf(docs[0])).toBe('Taller: Capacitación a fiscales (2027)');
    // Delivered again (a resend): nothing is merged twice.
    Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(stock), 'net');
    expect(rebaseField(row(docs[0]), 'title')).toBeUndefined();
    expect(titleOf(docs[0])).toBe('Taller: Capacitación a fiscales (2027)');
    Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(stock), 'net');
    settle();
    expect(titleOf(docs[1])).toBe('Taller: Capacitación a fiscales (2027)');
  });

  it('settles a conflict once: a later edit by one person alone is never met by an old edit coming back', () => {
    for (const clientIds of [
      [1, 2],
      [2, 1],
    ]) {
      const { docs, settle } = setUp(clientIds);
      writeTextField(row(docs[0]), 'title', 'Taller regional');
      settle();
      // Both press Backspace at once: one deletion.
      writeTextField(row(docs[0]), 'title', 'Taller regiona');
      writeTextField(row(docs[1]), 'title', 'Taller regiona');
      settle();
      expect(docs.map(titleOf)).toEqual(['Taller regiona', 'Taller regiona']);
      // Then one of them alone selects everything and types a new title.
      let typed = '';
      for (const c of 'Foro nacional') {
        typed += c;
        writeTextField(row(docs[0]), 'title', typed);
        settle();
      }
      expect(docs.map(titleOf)).toEqual(['Foro nacional', 'Foro nacional']);
    }
  });

  it('converges with every typed character kept, whatever order the keystrokes cross in (seeded runs)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      let x = seed;
      const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
      const net = network(2, [seed * 2 + 1, seed * 2 + 2]);
      insertActivity(net.docs[0], { id: 'act-1', title: '' });
      net.settle();
      // Each person types ten distinct letters at random places of what they see, the wire delivering at random.
      const letters = ['abcdefghij', 'KLMNOPQRST'];
      const typed = [0, 0];
      const pending: Array<() => void> = [];
      while (typed[0] < 10 || typed[1] < 10) {
        const who = rand() < 0.5 ? 0 : 1;
        if (typed[who] < 10) {
          const current = titleOf(net.docs[who]);
          const at = Math.floor(rand() * (current.length + 1));
          writeTextField(row(net.docs[who]), 'title', current.slice(0, at) + letters[who][typed[who]++] + current.slice(at));
        }
        if (rand() < 0.4) pending.push(net.settle);
        if (rand() < 0.5) pending.splice(0).forEach((deliver) => deliver());
      }
      net.settle();
      const [a, b] = net.docs.map(titleOf);
      expect(a, `seed ${seed}`).toBe(b);
      expect([...a].sort().join(''), `seed ${seed}`).toBe([...letters.join('')].sort().join(''));
    }
  });

  it('merges three-way: separate spots both apply, the same spot keeps theirs then ours', () => {
    // Overlapping deletions delete the union; nothing deleted comes back.
    expect(mergeText('0123456789ABCDEF', '01234ABCDEF', '01234567CDEF')).toBe('01234CDEF');
    expect(mergeText('0123456789ABCDEF', '01234XABCDEF', '01234567YCDEF')).toBe('01234XYCDEF');
    // Edits at both ends (written offline) and one in the middle: each lands where it was typed, nothing doubled.
    expect(mergeText('Mesa de trabajo', '[A] Mesa de trabajo fin-A', 'Mesa[B] de trabajo')).toBe('[A] Mesa[B] de trabajo fin-A');
    expect(mergeText('abc def', 'X abc def', 'abc def Y')).toBe('X abc def Y');
    expect(mergeText('abc', 'abcL', 'abcJ')).toBe('abcJL');
    expect(mergeText('hello world', 'hello brave world', 'hello world!')).toBe('hello brave world!');
    expect(mergeText('hello world', 'hello', 'hello world')).toBe('hello');
    expect(mergeText('abc', 'abc', 'abd')).toBe('abd');
  });

  it('merges list fields as sets: partners, states and municipalities each side ticked or unticked at once are all kept', () => {
    for (const clientIds of [
      [1, 2],
      [2, 1],
    ]) {
      const { docs, settle } = setUp(clientIds);
      writeListField(row(docs[0]), 'partnerOrganizationIds', ['org-fgr', 'org-sspc']);
      writeListField(row(docs[0]), 'stateCodes', ['08']);
      settle();
      // Jorge is offline: he ticks PM-TAP, unticks SSPC, adds Nuevo León and a municipality, one write each.
      writeListField(row(docs[1]), 'partnerOrganizationIds', ['org-fgr', 'org-sspc', 'org-pmtap']);
      writeListField(row(docs[1]), 'partnerOrganizationIds', ['org-fgr', 'org-pmtap']);
      writeListField(row(docs[1]), 'stateCodes', ['08', '19']);
      writeListField(row(docs[1]), 'municipalityCodes', ['19039']);
      // Lucía, online, ticks INM, Sonora and a municipality of it.
      writeListField(row(docs[0]), 'partnerOrganizationIds', ['org-fgr', 'org-sspc', 'org-inm']);
      writeListField(row(docs[0]), 'stateCodes', ['08', '26']);
      writeListField(row(docs[0]), 'municipalityCodes', ['26030']);
      settle();
      for (const doc of docs) {
        const r = row(doc);
        expect([...(r.get('partnerOrganizationIds') as string[])].sort(), `client ids ${clientIds}`).toEqual(['org-fgr', 'org-inm', 'org-pmtap']);
        expect([...(r.get('stateCodes') as string[])].sort()).toEqual(['08', '19', '26']);
        expect([...(r.get('municipalityCodes') as string[])].sort()).toEqual(['19039', '26030']);
      }
      // A later change by one side alone stands as written.
      writeListField(row(docs[1]), 'stateCodes', ['26']);
      settle();
      expect(docs.map((d) => row(d).get('stateCodes'))).toEqual([['26'], ['26']]);
    }
  });

  it('merges lists three-way: what either added is in, what either removed is out', () => {
    expect(mergeList(['a', 'b', 'c'], ['a', 'c', 'd'], ['a', 'b', 'c', 'e'])).toEqual(['a', 'c', 'e', 'd']);
    expect(mergeList(['a', 'b'], ['a', 'b'], ['b'])).toEqual(['b']);
    expect(mergeList([], ['x'], ['x'])).toEqual(['x']);
  });
});
