/**
 * Highlights of text-anchored comments in the editor: a ProseMirror decoration plugin driven by the
 * anchors' Yjs relative positions. Local edits map the decorations; remote changes (whose ProseMirror
 * positions were rebuilt by the Yjs binding) and new anchors recompute them from the positions.
 * Also turns the current selection into an anchor the same way the server and other clients read it.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
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

function build(state: EditorState, anchors: HighlightAnchor[], active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const a of anchors) {
    const range = anchorRange(state, a);
    if (!range) continue;
    // A hidden one is a decoration without attributes: ProseMirror maps it through local edits and draws nothing.
    if (a.hidden) {
      decorations.push(Decoration.inline(range.from, range.to, {}, { threadId: a.threadId, hidden: true }));
      continue;
    }
    const cls = a.threadId === active ? 'comment-highlight is-active' : 'comment-highlight';
    decorations.push(Decoration.inline(range.from, range.to, { class: cls, 'data-thread-id': a.threadId }, { threadId: a.threadId }));
  }
  return DecorationSet.create(state.doc, decorations);
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
 * After a local edit: highlights that ProseMirror mapped onto the same words while their Yjs anchor collapsed (the
 * binding re-creates the text of a paragraph split by Enter, joined by Backspace or made a heading) are announced
 * with a new anchor on those words, once each.
 */
function findMovedAnchors(state: EditorState, announced: Set<string>): ReanchorDetail[] {
  const plugin = commentHighlightsKey.getState(state);
  if (!plugin) return [];
  const out: ReanchorDetail[] = [];
  for (const d of plugin.decorations.find()) {
    const threadId = (d.spec as { threadId?: string }).threadId;
    const anchor = plugin.anchors.find((a) => a.threadId === threadId);
    if (!anchor || d.from >= d.to) continue;
    const now = anchorRange(state, anchor);
    if (now && now.from === d.from && now.to === d.to) continue;
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
            const remote = Boolean((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
            if (meta) return { ...meta, decorations: build(state, meta.anchors, meta.activeThreadId) };
            if (remote) return { ...value, decorations: build(state, value.anchors, value.activeThreadId) };
            if (tr.docChanged) return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
            return value;
          },
        },
        view: () => {
          const announced = new Set<string>();
          let timer: ReturnType<typeof setTimeout> | undefined;
          return {
            update: (view, prev) => {
              if (view.state.doc === prev.doc || timer) return;
              // After the binding has carried the edit into Yjs, so the new anchor names the re-created text.
              timer = setTimeout(() => {
                timer = undefined;
                if (view.isDestroyed) return;
                for (const detail of findMovedAnchors(view.state, announced)) view.dom.dispatchEvent(new CustomEvent<ReanchorDetail>(REANCHOR_EVENT, { detail, bubbles: true }));
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
