/** Text with the server's highlight segments shown as <mark>; the text is never parsed as HTML. */
import type { HighlightSegment } from '../api/search.js';

/** Renders `segments` (or plain `fallback` when there are none). */
export function Highlighted({ segments, fallback }: { segments: HighlightSegment[] | undefined; fallback?: string }) {
  if (!segments?.length) return <>{fallback ?? ''}</>;
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
