/**
 * Highlights of text-anchored comments in the editor: a ProseMirror decoration plugin driven by the
 * anchors' Yjs relative positions. Local edits map the decorations; remote changes (whose ProseMirror
 * positions were rebuilt by the Yjs binding) and new anchors recompute them from the positions.
 * Also turns the current selection into an anchor the same way the server and other clients read it.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { MAX_QUOTE_LENGTH, sameQuote } from '../../../shared/commentAnchors.js';
import type { TextAnchor } from './api.js';

export interface HighlightAnchor {
  threadId: string;
  start: string;
  end: string;
  /** The words the thread was made on: a highlight still over them after an edit may be re-anchored there. */
  quote: string;
  /** Followed through edits but not drawn (a resolved thread): it keeps its words for when it is reopened. */
  hidden?: boolean;
}

interface HighlightState {
  anchors: HighlightAnchor[];
  activeThreadId: string | null;
  decorations: DecorationSet;
  /** Rebuilt by an undo or redo: highlights kept on words that came back are announced at once (see the view). */
  undoRebuilt?: boolean;
}

/** Yjs type → ProseMirror node(s), as the binding keeps it. */
type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

function bindingOf(state: EditorState): Binding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined)?.binding;
  return binding && binding.type && binding.mapping ? binding : null;
}

const decode = (b64: string) => Y.decodeRelativePosition(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
const encode = (rel: Y.RelativePosition) => btoa(String.fromCharCode(...Y.encodeRelativePosition(rel)));

/** The ProseMirror range a text anchor covers now, or null when detached or not yet known. */
export function anchorRange(state: EditorState, anchor: { start: string; end: string }): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, decode(anchor.start), binding.mapping);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, decode(anchor.end), binding.mapping);
    if (from === null || to === null || from >= to || to > state.doc.content.size) return null;
    return { from, to };
  } catch (err) {
    // A malformed anchor from the server must not break the editor; it simply shows no highlight.
    console.warn('comment anchor not resolvable', err);
    return null;
  }
}

function decorationOf(a: HighlightAnchor, from: number, to: number, active: string | null): Decoration {
  // A hidden one is a decoration without attributes: ProseMirror maps it through local edits and draws nothing.
  if (a.hidden) return Decoration.inline(from, to, {}, { threadId: a.threadId, hidden: true });
  const cls = a.threadId === active ? 'comment-highlight is-active' : 'comment-highlight';
  return Decoration.inline(from, to, { class: cls, 'data-thread-id': a.threadId }, { threadId: a.threadId });
}

/**
 * The highlights from the anchors. With `before` (the highlights on the same document, or on the one an undo or redo
 * just rebuilt): a thread whose anchor does not resolve but whose words stand where its highlight was keeps the
 * highlight there, and is re-anchored on them (see findMovedAnchors). Undoing a restyle re-creates the paragraph's
 * text under no anchor; and the margin may pass an anchor its own edit collapsed before the new one is stored.
 */
function build(state: EditorState, anchors: HighlightAnchor[], active: string | null, before?: DecorationSet): DecorationSet {
  const decorations: Decoration[] = [];
  for (const a of anchors) {
    const range = anchorRange(state, a) ?? (before ? wordsBackInPlace(state, a, before) : null);
    if (range) decorations.push(decorationOf(a, range.from, range.to, active));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Where a thread's highlight was before the document was rebuilt, if its quoted words stand there again. */
function wordsBackInPlace(state: EditorState, a: HighlightAnchor, before: DecorationSet): { from: number; to: number } | null {
  const old = before.find(undefined, undefined, (spec: { threadId?: string }) => spec.threadId === a.threadId)[0];
  if (!old || old.from >= old.to || old.to > state.doc.content.size) return null;
  return sameQuote(state.doc.textBetween(old.from, old.to, '\n', ' '), a.quote) ? { from: old.from, to: old.to } : null;
}

/**
 * The current selection as a text anchor: the start sticks to the first selected character and the
 * end to the last, so typing at either edge stays outside. Null for an empty selection.
 */
export function anchorFromSelection(editor: Editor): TextAnchor | null {
  const { from, to } = editor.state.selection;
  return anchorFromRange(editor.state, from, to);
}

/** The words of a range as a comment quotes them: blocks on lines of their own, at most MAX_QUOTE_LENGTH. */
function quoteBetween(state: EditorState, from: number, to: number): string {
  return state.doc.textBetween(from, to, '\n', ' ').trim().slice(0, MAX_QUOTE_LENGTH);
}

/** A ProseMirror range as a text anchor (see anchorFromSelection). */
function anchorFromRange(state: EditorState, from: number, to: number): TextAnchor | null {
  const binding = bindingOf(state);
  if (!binding || from >= to) return null;
  const quote = quoteBetween(state, from, to);
  if (!quote) return null;
  const edge = (pos: number, assoc: number) => {
    const rel = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
    // Inside text, re-create it with the association we want; elsewhere keep the binding's own.
    return abs && abs.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc) : rel;
  };
  return { type: 'text', start: encode(edge(from, 0)), end: encode(edge(to, -1)), quote };
}

/**
 * A text anchor with its quote read again from the plan as it is now: someone may have edited the selected words while
 * the comment was being written, and the server takes only the words the anchor covers. Unchanged when not resolvable.
 */
export function withCurrentQuote(state: EditorState, anchor: TextAnchor): TextAnchor {
  const range = anchorRange(state, anchor);
  if (!range) return anchor;
  const quote = quoteBetween(state, range.from, range.to);
  return quote ? { ...anchor, quote } : anchor;
}

/** Replaces the highlighted anchors and which thread is active. */
export function setHighlights(editor: Editor, anchors: HighlightAnchor[], activeThreadId: string | null): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { anchors, activeThreadId }).setMeta('addToHistory', false));
}

/** Fired (bubbling) on the editor's DOM when the reader clicks highlighted text; `detail` is the thread id. */
export const ACTIVATE_EVENT = 'enlace:comment-activate';

/** Fired on the editor's DOM when a local edit moved a thread's words out from under its anchor; `detail` says where. */
export const REANCHOR_EVENT = 'enlace:comment-reanchor';
export interface ReanchorDetail {
  threadId: string;
  anchor: TextAnchor;
}

/**
 * Whether an anchor resolves the same for everyone. Undoing a deletion brings the words back as new Yjs items, and
 * only the document that undid it links the deleted ones to them: there the anchor still resolves, everywhere else
 * (the server, other people, this tab after a reload) it has collapsed.
 */
function resolvesForEveryone(doc: Y.Doc, anchor: { start: string; end: string }): boolean {
  try {
    return [anchor.start, anchor.end].every((edge) => {
      const rel = decode(edge);
      const here = Y.createAbsolutePositionFromRelativePosition(rel, doc);
      const everywhere = Y.createAbsolutePositionFromRelativePosition(rel, doc, false);
      return here !== null && everywhere !== null && here.type === everywhere.type && here.index === everywhere.index;
    });
  } catch (err) {
    console.warn('comment anchor not resolvable', err);
    return false;
  }
}

/**
 * After an edit: highlights over the same words while their Yjs anchor collapsed, or resolves only here, are
 * announced with a new anchor on those words, once each. The binding re-creates the text of a paragraph split by
 * Enter, joined by Backspace or made a heading; an undo brings deleted words back as new text.
 */
function findMovedAnchors(state: EditorState, announced: Set<string>): ReanchorDetail[] {
  const plugin = commentHighlightsKey.getState(state);
  const binding = bindingOf(state);
  if (!plugin || !binding) return [];
  const out: ReanchorDetail[] = [];
  for (const d of plugin.decorations.find()) {
    const threadId = (d.spec as { threadId?: string }).threadId;
    const anchor = plugin.anchors.find((a) => a.threadId === threadId);
    if (!anchor || d.from >= d.to) continue;
    const now = anchorRange(state, anchor);
    if (now && now.from === d.from && now.to === d.to && resolvesForEveryone(binding.doc, anchor)) continue;
    if (!sameQuote(state.doc.textBetween(d.from, d.to, '\n', ' '), anchor.quote)) continue;
    const moved = anchorFromRange(state, d.from, d.to);
    const key = moved && `${anchor.threadId}|${moved.start}|${moved.end}`;
    if (!moved || !key || announced.has(key)) continue;
    announced.add(key);
    out.push({ threadId: anchor.threadId, anchor: { ...moved, quote: anchor.quote } });
  }
  return out;
}

/** The TipTap extension; give it to the editor with the other extensions. */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => ({ anchors: [], activeThreadId: null, decorations: DecorationSet.create(state.doc, []) }),
          apply: (tr: Transaction, value, _old, state) => {
            const meta = tr.getMeta(commentHighlightsKey) as Pick<HighlightState, 'anchors' | 'activeThreadId'> | undefined;
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
            // New anchors on the same document: where one does not resolve, the highlight it had stays on its words.
            if (meta) return { ...meta, decorations: build(state, meta.anchors, meta.activeThreadId, value.decorations) };
            if (sync?.isChangeOrigin) {
              const undoRebuilt = Boolean(sync.isUndoRedoOperation);
              return { ...value, undoRebuilt, decorations: build(state, value.anchors, value.activeThreadId, undoRebuilt ? value.decorations : undefined) };
            }
            if (tr.docChanged) return { ...value, undoRebuilt: false, decorations: value.decorations.map(tr.mapping, tr.doc) };
            return value.undoRebuilt ? { ...value, undoRebuilt: false } : value;
          },
        },
        view: () => {
          const announced = new Set<string>();
          let timer: ReturnType<typeof setTimeout> | undefined;
          const announce = (view: EditorView) => {
            for (const detail of findMovedAnchors(view.state, announced)) view.dom.dispatchEvent(new CustomEvent<ReanchorDetail>(REANCHOR_EVENT, { detail, bubbles: true }));
          };
          return {
            update: (view, prev) => {
              // An undo is already in Yjs, and a highlight kept on its words lasts only until the next rebuild (the
              // margin re-reading its threads, say): announced now, not after the timer.
              if (commentHighlightsKey.getState(view.state)?.undoRebuilt) announce(view);
              if (view.state.doc === prev.doc || timer) return;
              // After the binding has carried the edit into Yjs, so the new anchor names the re-created text.
              timer = setTimeout(() => {
                timer = undefined;
                if (!view.isDestroyed) announce(view);
              }, 0);
            },
            destroy: () => clearTimeout(timer),
          };
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations ?? null,
          handleClick: (view, pos) => {
            const found = commentHighlightsKey.getState(view.state)?.decorations.find(pos, pos, (spec: { hidden?: boolean }) => !spec.hidden);
            const threadId = (found?.[0]?.spec as { threadId?: string } | undefined)?.threadId;
            // An event, not a callback option: the margin that listens mounts after the editor.
            if (threadId) view.dom.dispatchEvent(new CustomEvent(ACTIVATE_EVENT, { detail: threadId, bubbles: true }));
            return false;
          },
        },
      }),
    ];
  },
});
