/**
 * The plan's headings, drawn one level down in the page: the plan page's own `<h1>` is the plan's title, so the
 * text's level 1 (the template's first line) is an `<h2>`, level 2 an `<h3>`, level 3 an `<h4>` (levels 5 and 6,
 * reachable only by typing "##### ", both an `<h6>`). Only the DOM changes: the document keeps the levels it always
 * had (Yjs, stored content, exports, "# " still makes a level 1), and the heading's `data-level` names it.
 *
 * Copied text goes out with each heading's own level as its tag (`<h1>` for a level 1), so a word processor or another
 * editor gets the levels the plan has, and pasting it back here reads them by tag. A heading's DOM as drawn here
 * (`<h2 data-level="1">`, pasted from a page's HTML) keeps the level `data-level` names. Headings from anywhere else
 * (a web page, a word processor) have no `data-level` and map by their tag as before: `<h2>` → level 2.
 */
import { Heading, type Level } from '@tiptap/extension-heading';
import { mergeAttributes } from '@tiptap/core';
import { DOMSerializer } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** The tag a heading of `level` is drawn with. */
export function headingTag(level: number): string {
  return `h${Math.min(level + 1, 6)}`;
}

export const PlanHeading = Heading.extend({
  parseHTML() {
    const levels = this.options.levels;
    return [
      // This editor's own headings (see above): their level is the one they say, whatever their tag.
      ...['h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => ({
        tag: `${tag}[data-level]`,
        priority: 60,
        getAttrs: (el: HTMLElement) => {
          const level = Number(el.getAttribute('data-level'));
          return (levels as number[]).includes(level) && headingTag(level) === tag ? { level } : false;
        },
      })),
      // Any other heading: its tag's level.
      ...levels.map((level: Level) => ({ tag: `h${level}`, attrs: { level } })),
    ];
  },

  addProseMirrorPlugins() {
    // The clipboard's HTML is the document's, not the page's: each heading as the level it is (see above).
    const drawn = DOMSerializer.fromSchema(this.editor.schema);
    const clipboardSerializer = new DOMSerializer({ ...drawn.nodes, heading: (node) => [`h${Math.min(Number(node.attrs.level) || 1, 6)}`, 0] }, drawn.marks);
    return [new Plugin({ key: new PluginKey('planHeadingClipboard'), props: { clipboardSerializer } })];
  },

  renderHTML({ node, HTMLAttributes }) {
    const level: number = this.options.levels.includes(node.attrs.level as Level) ? (node.attrs.level as number) : this.options.levels[0];
    return [headingTag(level), mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-level': String(level) }), 0];
  },
});
