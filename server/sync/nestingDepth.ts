/**
 * Checks of an incoming update's shape before it is applied (malformed ones close their sender with 4400).
 * How deep an incoming update would nest shared types (an element in an element in …), checked before it is
 * applied. Yjs deletes, collects and serializes nested types recursively: a plan 20,000 elements deep overflowed
 * the stack inside `applyUpdate` when it was deleted, leaving the live copy half-changed and its saves wedged.
 */
import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Where an item sits: a root type (depth 0), a type already in the document, another item of this update;
 * or nowhere: origins that lead back to themselves (no client writes that; Yjs would throw on it).
 */
type Parent = { depth: number; root?: string; type?: Y.AbstractType<unknown> } | { item: Y.Item } | 'unknown' | 'cycle';

/**
 * What an update's nesting allows: apply it, refuse it (too deep; malformed: references in a cycle or to a client's
 * own later items; not XML: something other than an element or a text in the body's tree), or not yet (something
 * under a parent the server has not got).
 */
export type Nesting = 'ok' | 'tooDeep' | 'malformed' | 'notXml' | 'unknownParent';

/** The nesting verdict, and how many new shared types the update puts directly in the root named `countRoot`. */
export interface UpdateShape {
  nesting: Nesting;
  newInRoot: number;
}

/** Content a ProseMirror tree may hold as a child: an element, a text, or something already deleted. */
function fitsXmlTree(content: Y.Item['content']): boolean {
  return content instanceof Y.ContentDeleted || (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText));
}

/** Whether a deletion range of the update is empty: no client writes one, and Yjs throws on it halfway. */
export function hasEmptyDeletion(decoded: Decoded): boolean {
  for (const ranges of decoded.ds.clients.values()) for (const r of ranges) if (r.len <= 0) return true;
  return false;
}

/**
 * An item built on an item of its own client that is not older than itself: impossible for a real client (it
 * can only have seen its own earlier items). Yjs does not wait for such a reference as it does for other
 * clients' and throws halfway through the update, leaving the live copy half-changed.
 */
function refersToItsOwnFuture(item: Y.Item): boolean {
  const { client, clock } = item.id;
  const ahead = (ref: Y.ID | null) => ref !== null && ref.client === client && ref.clock >= clock;
  return ahead(item.origin) || ahead(item.rightOrigin) || (item.parent instanceof Y.ID && ahead(item.parent));
}

/**
 * Whether the update is safe to apply: every shared type it creates is at most `maxDepth` levels below a root, the
 * tree under `roots.xml` (the body) gets only elements and texts as children, and what is checked has a parent that
 * is known now (in the document or in the update). Something whose parent is unknown would wait in Yjs's pending set
 * and be integrated later unchecked, so it is not applied; an honest client meets that only in a race (a tab told of
 * a sibling tab's new paragraph before the server was) and is asked to resync. `roots.count` names the root whose
 * new direct children are counted (the activities).
 */
export function nestingOf(doc: Y.Doc, decoded: Decoded, maxDepth: number, roots: { count?: string; xml?: string } = {}): UpdateShape {
  const countRoot = roots.count;
  const verdict = (nesting: Nesting, newInRoot = 0): UpdateShape => ({ nesting, newInRoot });
  const byClient = new Map<number, Y.Item[]>();
  let itemCount = 0;
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    if (refersToItsOwnFuture(s)) return verdict('malformed');
    itemCount++;
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const inUpdate = (id: Y.ID): Y.Item | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const it = list[mid];
      if (id.clock < it.id.clock) hi = mid - 1;
      else if (id.clock >= it.id.clock + it.length) lo = mid + 1;
      else return it;
    }
    return undefined;
  };
  const inDocument = (id: Y.ID): Y.Item | Y.GC | undefined =>
    Y.getState(doc.store, id.client) > id.clock ? (Y.getItem(doc.store, id) as Y.Item | Y.GC) : undefined;
  const typeDepth = (type: Y.AbstractType<unknown>): number => {
    let depth = 0;
    for (let t: Y.AbstractType<unknown> | null = type; t?._item && depth <= maxDepth; t = t._item.parent as Y.AbstractType<unknown> | null) depth++;
    return depth;
  };
  const rootName = (type: Y.AbstractType<unknown>): string | undefined => {
    if (type._item) return undefined;
    for (const [name, root] of doc.share) if (root === type) return name;
    return undefined;
  };
  // Siblings found through origins are remembered, so a long run of them is walked once, not once per type.
  const parents = new Map<Y.Item, Parent>();
  const parentOf = (start: Y.Item): Parent => {
    const walked: Y.Item[] = [];
    let item = start;
    let found: Parent = 'unknown';
    for (;;) {
      const known = parents.get(item);
      if (known) {
        found = known;
        break;
      }
      walked.push(item);
      // Each sibling of this update is met once, unless origins form a cycle (an item its own left neighbour):
      // that walk would never end, growing `walked` until the process aborts.
      if (walked.length > itemCount) {
        found = 'cycle';
        break;
      }
      const p = item.parent as unknown;
      if (typeof p === 'string') {
        found = { depth: 0, root: p };
        break;
      }
      const ref = p instanceof Y.ID ? p : (item.origin ?? item.rightOrigin);
      if (!ref) break; // no parent and no neighbour: Yjs discards it
      const local = inUpdate(ref);
      if (local && p instanceof Y.ID) {
        found = { item: local };
        break;
      }
      if (local) {
        item = local; // a sibling in this update: same parent
        continue;
      }
      const stored = inDocument(ref);
      if (stored instanceof Y.Item) {
        const type = p instanceof Y.ID ? (stored.content as Y.ContentType).type : (stored.parent as Y.AbstractType<unknown> | null);
        found = type instanceof Y.AbstractType ? { depth: typeDepth(type), root: rootName(type), type } : { depth: 0 };
      } else if (stored) found = { depth: 0 }; // collected already: Yjs turns what builds on it into garbage too
      break;
    }
    for (const w of walked) parents.set(w, found);
    return found;
  };
  const depths = new Map<Y.Item, number>();
  // NaN: the chain ends at a parent nobody has; Infinity: deeper than allowed (or malformed); -1: origins in a cycle.
  const depthOf = (type: Y.Item): number => {
    // Up through this update's own types iteratively: a chain of thousands must not overflow here either.
    const chain: Y.Item[] = [];
    let base = 0;
    for (let t: Y.Item | undefined = type; t; ) {
      const known = depths.get(t);
      if (known !== undefined) {
        base = known;
        break;
      }
      chain.push(t);
      if (chain.length > maxDepth) return Infinity;
      const parent = parentOf(t);
      if (parent === 'unknown') return NaN;
      if (parent === 'cycle') return -1;
      if ('depth' in parent) {
        base = parent.depth;
        break;
      }
      t = parent.item.content instanceof Y.ContentType ? parent.item : undefined;
      if (!t) return Infinity; // a parent that is not a type: malformed
    }
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i], ++base);
    return base;
  };
  /**
   * Whether `item` is a value under a key (an element's attribute: a heading's level, a cell's width). Yjs writes the
   * key only on an item without neighbours; one that replaces an earlier value of the key has that value as its left
   * neighbour and takes the key from it, so the key is looked up along the neighbours. A neighbour not known yet
   * answers no: the parent walk then finds the item's parent unknown, and the client is asked for what is missing.
   */
  // Remembered for every item walked, as parents are: the neighbours along the way share the answer. Unremembered,
  // 20,000 rows added in one change walked back through all the rows before each: 138 s with the node's loop held.
  const mapEntries = new Map<Y.Item, boolean>();
  const isMapEntry = (start: Y.Item): boolean => {
    const walked: Y.Item[] = [];
    let item = start;
    let answer = false; // origins in a cycle (the walk runs out of steps): the parent walk reports it
    for (let steps = 0; steps <= itemCount; steps++) {
      const known = mapEntries.get(item);
      if (known !== undefined) {
        answer = known;
        break;
      }
      walked.push(item);
      if (item.parentSub !== null) {
        answer = true;
        break;
      }
      if (item.parent !== null) break; // its parent written out without a key: a child in a list
      const ref = item.origin ?? item.rightOrigin;
      if (!ref) break;
      const local = inUpdate(ref);
      if (!local) {
        const stored = inDocument(ref);
        answer = stored instanceof Y.Item && stored.parentSub !== null;
        break;
      }
      item = local;
    }
    for (const w of walked) mapEntries.set(w, answer);
    return answer;
  };
  /**
   * Whether `item` would become a child of a ProseMirror tree (the root `roots.xml`, or an element in it) that is
   * not an element or a text: a stock client may write `getText('body')` into the plan's body, and every editor,
   * restore and comparison of the plan then met characters where it expects nodes (restore answered 500 from then on).
   * 'unknown': its parent is not known yet; 'cycle': its origins lead back to themselves.
   */
  const strayInXmlTree = (item: Y.Item): boolean | 'unknown' | 'cycle' => {
    if (roots.xml === undefined || fitsXmlTree(item.content) || isMapEntry(item)) return false;
    const parent = parentOf(item);
    if (parent === 'unknown' || parent === 'cycle') return parent;
    if ('item' in parent) return parent.item.content instanceof Y.ContentType && parent.item.content.type instanceof Y.XmlFragment;
    return parent.type instanceof Y.XmlFragment || (parent.depth === 0 && parent.root === roots.xml);
  };
  let unknownParent = false;
  let newInRoot = 0;
  for (const list of byClient.values()) {
    for (const item of list) {
      const stray = strayInXmlTree(item);
      if (stray === 'cycle') return verdict('malformed');
      if (stray === 'unknown') unknownParent = true;
      else if (stray) return verdict('notXml');
      if (!(item.content instanceof Y.ContentType)) continue;
      const depth = depthOf(item);
      if (depth > maxDepth) return verdict('tooDeep');
      if (depth < 0) return verdict('malformed');
      if (Number.isNaN(depth)) unknownParent = true;
      // A type directly in the counted root that the document does not have yet (a resent one changes nothing).
      if (depth === 1 && countRoot !== undefined && Y.getState(doc.store, item.id.client) <= item.id.clock) {
        const parent = parents.get(item);
        if (parent && parent !== 'unknown' && parent !== 'cycle' && 'depth' in parent && parent.root === countRoot) newInRoot++;
      }
    }
  }
  return verdict(unknownParent ? 'unknownParent' : 'ok', newInRoot);
}
