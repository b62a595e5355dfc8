/**
 * Keeps the editor from nesting blocks deeper than the server takes. The server refuses (4400) an update nesting
 * shared types past `limits.maxNestingDepth`, and every ProseMirror node is one of them: a list pasted 50 levels
 * deep was typed in, refused, and resent from this browser's copy on every reload. A paste that deep comes in as
 * plain paragraphs, and an edit that would put the caret deeper (Tab in such a list) does not happen.
 */
import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node, type Schema } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { DEFAULT_LIMITS } from '../../shared/constants.js';

/** The deepest node the editor makes: under the server's bound, leaving room for a block's text and a table's cells. */
export const MAX_EDITOR_DEPTH = DEFAULT_LIMITS.maxNestingDepth - 6;

/** The slice's text as top-level paragraphs, one per block of text. */
function asParagraphs(slice: Slice, schema: Schema): Slice {
  const paragraphs: Node[] = [];
  slice.content.descendants((node) => {
    if (!node.isTextblock) return true;
    paragraphs.push(schema.nodes.paragraph.create(null, node.textContent ? schema.text(node.textContent) : null));
    return false;
  });
  return new Slice(Fragment.from(paragraphs), 0, 0);
}

/** The editor extension. */
export const NestingGuard = Extension.create({
  name: 'nestingGuard',
  // Before other paste handlers (tables, links), which would otherwise take a deep paste as it is.
  priority: 1000,
  addProseMirrorPlugins() {
    const schema = this.editor.schema;
    return [
      new Plugin({
        // Others' changes arrive through the Yjs binding and are what the server already took: never held back. Typing
        // where the plan already nests deeper (written by another client) stays possible: only going deeper is held.
        filterTransaction: (tr, state) =>
          !tr.docChanged || !!tr.getMeta(ySyncPluginKey) || tr.selection.$from.depth <= Math.max(MAX_EDITOR_DEPTH, state.selection.$from.depth),
        props: {
          // Tried first, on a scratch transaction: where the pasted nodes would sit decides, whatever the slice's shape.
          handlePaste: (view, _event, slice) => {
            const trial = view.state.tr.replaceSelection(slice);
            const from = trial.mapping.map(view.state.selection.from, -1);
            const to = Math.min(trial.doc.content.size, trial.mapping.map(view.state.selection.to, 1));
            let deepest = 0;
            trial.doc.nodesBetween(from, to, (node, pos) => {
              if (node.isText || deepest > MAX_EDITOR_DEPTH) return false;
              deepest = Math.max(deepest, trial.doc.resolve(pos).depth + 1);
              return true;
            });
            if (deepest <= MAX_EDITOR_DEPTH) return false; // pasted as usual
            view.dispatch(view.state.tr.replaceSelection(asParagraphs(slice, schema)).scrollIntoView().setMeta('uiEvent', 'paste'));
            return true;
          },
        },
      }),
    ];
  },
});
