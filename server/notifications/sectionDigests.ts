/**
 * What each section of a plan's prose read at a visit, as a short digest per section name (its heading's text, '' for
 * what comes before the first heading: the names "since your last visit" reports). Text typed since and deleted again
 * leaves no trace in the Yjs structs, but text there at the visit and typed again since (a word replaced and put
 * back, a paragraph cut and pasted back) is new structs that read as before; comparing digests tells those apart, as
 * activityDigests.ts does for activities.
 */
import { createHash, type Hash } from 'node:crypto';
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { plainText } from './changesSince.js';

/** Beyond this many top-level blocks no digests are kept (null): each visit serializes the whole prose. */
export const MAX_DIGESTED_BLOCKS = 20_000;

/** Section name → digest of its blocks (markup, attributes and formatting included); sections sharing a name share one. */
export function sectionDigests(doc: Y.Doc): Record<string, string> | null {
  const body = getBody(doc);
  if (body.length > MAX_DIGESTED_BLOCKS) return null;
  const hashes = new Map<string, Hash>();
  let name = '';
  body.forEach((block) => {
    if (block instanceof Y.XmlElement && block.nodeName === 'heading') name = plainText(block);
    let hash = hashes.get(name);
    if (!hash) hashes.set(name, (hash = createHash('sha256')));
    // toString renders elements with their attributes and text with its formatting marks as tags.
    hash.update(block.toString()).update('\n');
  });
  return Object.fromEntries([...hashes].map(([key, hash]) => [key, hash.digest('base64url').slice(0, 16)]));
}

/** `changed` less the sections that read now as they did at the visit (`atVisit`: the visit's digests, if kept). */
export function sectionsStillChanged(doc: Y.Doc, changed: readonly string[], atVisit: Record<string, string> | null | undefined): string[] {
  if (!atVisit || changed.length === 0) return [...changed];
  const now = sectionDigests(doc);
  if (!now) return [...changed];
  return changed.filter((name) => !Object.hasOwn(atVisit, name) || now[name] !== atVisit[name]);
}
