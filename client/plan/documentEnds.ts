/**
 * Ctrl+Home and Ctrl+End (Cmd+↑/↓ on a Mac are native and unaffected) move to the start or end of the plan, and with
 * Shift select to it. Chromium left the caret where it was for Ctrl+Home in the editor about half the time (the
 * native move raced the editor's own selection handling), so the editor does it itself, as a text field would.
 */
import { Extension } from '@tiptap/core';
import { Selection, TextSelection } from '@tiptap/pm/state';

/** Keyboard shortcuts for the ends of the document. */
export const DocumentEnds = Extension.create({
  name: 'documentEnds',
  addKeyboardShortcuts() {
    const move = (toEnd: boolean, extend: boolean) => () => {
      const { state, view } = this.editor;
      const target = toEnd ? Selection.atEnd(state.doc) : Selection.atStart(state.doc);
      const selection = extend ? TextSelection.between(state.selection.$anchor, toEnd ? target.$head : target.$anchor) : target;
      view.dispatch(state.tr.setSelection(selection).scrollIntoView());
      return true;
    };
    return {
      'Ctrl-Home': move(false, false),
      'Ctrl-End': move(true, false),
      'Ctrl-Shift-Home': move(false, true),
      'Ctrl-Shift-End': move(true, true),
    };
  },
});
