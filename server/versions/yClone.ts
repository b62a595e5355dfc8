/**
 * Copies of Yjs values for another document, however deeply they nest shared types. Yjs's own `clone()` copies an
 * element's attributes, a text's embeds and a hook's values by reference: a shared type held there (any client may
 * write one) would be integrated a second time, into the restored plan, and Yjs throws halfway. Every restore of
 * a version holding one failed with a 500, for good.
 */
import * as Y from 'yjs';

type Delta = Array<{ insert?: unknown; attributes?: Record<string, unknown> }>;
/** What Yjs's types let an XML node hold; a hook goes in too, as Yjs's own clone puts it there. */
type XmlChild = Y.XmlElement | Y.XmlText;

const xmlChildren = (node: Y.XmlFragment): XmlChild[] => node.toArray().map((child) => cloneYValue(child) as XmlChild);

/** A copy of a text's content with every embedded shared type copied too. */
function copiedDelta(text: Y.Text): Delta {
  return (text.toDelta() as Delta).map((op) => ({ ...op, insert: cloneYValue(op.insert) }));
}

/** `value` when it is plain data; a fresh, unintegrated deep copy when it is a shared type. */
export function cloneYValue<T>(value: T): T {
  if (!(value instanceof Y.AbstractType)) return value;
  // Subclasses before their bases: an XmlHook is a Map, an XmlText a Text, an XmlElement a fragment.
  if (value instanceof Y.XmlElement) {
    const el = new Y.XmlElement(value.nodeName);
    for (const [key, attr] of Object.entries(value.getAttributes())) el.setAttribute(key, cloneYValue(attr) as string);
    el.insert(0, xmlChildren(value));
    return el as T;
  }
  if (value instanceof Y.XmlFragment) {
    const fragment = new Y.XmlFragment();
    fragment.insert(0, xmlChildren(value));
    return fragment as T;
  }
  if (value instanceof Y.XmlHook) {
    const hook = new Y.XmlHook(value.hookName);
    value.forEach((v, key) => hook.set(key, cloneYValue(v)));
    return hook as T;
  }
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    value.forEach((v, key) => map.set(key, cloneYValue(v)));
    return map as T;
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    array.insert(0, value.toArray().map((v) => cloneYValue(v)));
    return array as T;
  }
  if (value instanceof Y.XmlText) {
    const text = new Y.XmlText();
    text.applyDelta(copiedDelta(value));
    // Yjs's clone leaves a text's own attributes out; the restored plan should hold them as the version did.
    for (const [key, attr] of Object.entries(value.getAttributes())) text.setAttribute(key, cloneYValue(attr) as string);
    return text as T;
  }
  if (value instanceof Y.Text) {
    const text = new Y.Text();
    text.applyDelta(copiedDelta(value));
    return text as T;
  }
  return value.clone() as T;
}
