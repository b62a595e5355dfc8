/** A safe `Content-Disposition: attachment` header for a file named after user-written titles. */

// Path separators, characters Windows forbids in names, and control characters.
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g;

// Runs of replacements collapse to one "_" (both names read alike); runs of dots collapse to one: no "..", which some clients and servers still resolve as a parent folder.
function cleanName(name: string): string {
  return name.replace(UNSAFE, '_').replace(/_{2,}/g, '_').replace(/\s+/g, ' ').replace(/\.{2,}/g, '.').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 120);
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
