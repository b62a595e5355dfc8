/** Safe Content-Disposition for downloads: no path separators or dots-only names, ASCII fallback plus RFC 5987. */

/** `attachment; filename="…"; filename*=UTF-8''…` for a title and extension. */
export function attachmentHeader(title: string, extension: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120) || 'enlace';
  const ascii = base.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
  const ext = extension.replace(/[^a-z0-9]/gi, '');
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(base)}.${ext}`;
}
