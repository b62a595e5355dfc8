/** Renders an export document as CommonMark with GFM tables (the body through the plan's Markdown writer). */
import { blocksToMarkdown, escapeClosingHashes, escapeInline } from '../../shared/planMarkdown.js';
import type { ExportDocument } from './exportDocument.js';

/** Markdown of a whole export document: title, meta lines, then its blocks. */
export function documentToMarkdown(doc: ExportDocument): string {
  const head = [`# ${escapeClosingHashes(escapeInline(doc.title))}`, ''];
  for (const m of doc.meta) head.push(`**${escapeInline(m.label)}:** ${escapeInline(m.value)}  `);
  if (doc.meta.length) head[head.length - 1] = head[head.length - 1].trimEnd();
  return [...head, '', blocksToMarkdown(doc.blocks), ''].join('\n').replace(/\n{3,}/g, '\n\n');
}
