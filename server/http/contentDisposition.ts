/** A safe `Content-Disposition: attachment` header for a file named after user-written titles. */

// Path separators, characters Windows forbids in names, and control characters.
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g;

// Runs of replacements collapse to one "_" (both names read alike); runs of dots collapse to one: no "..", which some clients and servers still resolve as a parent folder.
// Halves of surrogate pairs left alone: encodeURIComponent throws on them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const graphemes = new Intl.Segmenter('es', { granularity: 'grapheme' });

/** At most `max` characters of `s` as a reader counts them, never cutting one in two (an emoji at the cut made every export of its title a 500). */
function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  let n = 0;
  for (const { segment } of graphemes.segment(s)) {
    if (++n > max) break;
    out += segment;
  }
  return out;
}

function cleanName(name: string): string {
  const cleaned = name.replace(LONE_SURROGATE, '_').replace(UNSAFE, '_').replace(/_{2,}/g, '_').replace(/\s+/g, ' ').replace(/\.{2,}/g, '.');
  return cutAt(cleaned.replace(/^[\s.]+|[\s.]+$/g, ''), 120).replace(/[\s.]+$/, '');
}

/** The ASCII fallback: accents dropped, anything else outside [A-Za-z0-9 ._-] replaced by "_". */
export function asciiFileName(name: string): string {
  return cleanName(name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9 ._-]/g, '_').replace(/_+/g, '_'));
}

/** RFC 5987 value-chars: percent-encode everything but attr-char. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `attachment; filename="…"; filename*=UTF-8''…` for `base` (a title) and an extension, never a path. */
export function attachmentHeader(base: string, extension: string, fallback = 'documento'): string {
  const unicode = cleanName(base) || fallback;
  const ascii = asciiFileName(base) || fallback;
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${rfc5987(unicode)}.${extension}`;
}
