/**
 * The plan's headings, drawn one level down in the page: the plan page's own `<h1>` is the plan's title, so the
 * text's level 1 (the template's first line) is an `<h2>`, level 2 an `<h3>`, level 3 an `<h4>` (levels 5 and 6,
 * reachable only by typing "##### ", both an `<h6>`). Only the DOM changes: the document keeps the levels it always
 * had (Yjs, stored content, exports, "# " still makes a level 1), and the heading's `data-level` names it.
 *
 * Pasted HTML: a heading copied from a plan (this editor's DOM, or another plan's) carries `data-level`, and keeps
 * that level, so copy and paste within the text round-trips (an `<h2 data-level="1">` stays a level 1). Headings from
 * anywhere else (a web page, a word processor) have no `data-level` and map by their tag as before: `<h2>` → level 2.
 */
import { Heading, type Level } from '@tiptap/extension-heading';
import { mergeAttributes } from '@tiptap/core';

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

  renderHTML({ node, HTMLAttributes }) {
    const level: number = this.options.levels.includes(node.attrs.level as Level) ? (node.attrs.level as number) : this.options.levels[0];
    return [headingTag(level), mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-level': String(level) }), 0];
  },
});
