/**
 * A way out of the plan's text by keyboard. In a table of the text Tab goes to the next cell (and past the last one
 * adds a row), Shift+Tab to the previous one, and in a list Tab indents: Tab alone could never take a keyboard user
 * out of a table in the text. Escape, then Tab or Shift+Tab, leaves the text the way a plain Tab does elsewhere
 * (the browser moves the focus to the next or previous control); the editor's description says so.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export const EditorKeyboardExit = Extension.create({
  name: 'editorKeyboardExit',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('editorKeyboardExit'),
        view(view) {
          let armed = false;
          const inEditor = (e: Event) => e.target instanceof Node && view.dom.contains(e.target);
          // On the document, in the capture phase: ahead of the editor's own keydown handling (the table's and the
          // list's Tab), which a Tab after Escape must not reach. The browser's own Tab (moving focus) still happens.
          const onKeyDown = (e: KeyboardEvent) => {
            if (!inEditor(e) || MODIFIERS.has(e.key)) return;
            if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey) {
              armed = true;
              return;
            }
            const leave = armed && e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey;
            armed = false;
            if (leave) e.stopPropagation();
          };
          const onFocusOut = (e: FocusEvent) => {
            if (e.target === view.dom) armed = false;
          };
          // A click elsewhere in the text (another cell) is a fresh start too: a Tab after it moves between cells.
          const onPointerDown = () => {
            armed = false;
          };
          const doc = view.dom.ownerDocument;
          doc.addEventListener('keydown', onKeyDown, true);
          doc.addEventListener('focusout', onFocusOut, true);
          view.dom.addEventListener('pointerdown', onPointerDown);
          return {
            destroy() {
              doc.removeEventListener('keydown', onKeyDown, true);
              doc.removeEventListener('focusout', onFocusOut, true);
              view.dom.removeEventListener('pointerdown', onPointerDown);
            },
          };
        },
      }),
    ];
  },
});
