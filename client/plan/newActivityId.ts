/** A new activity row's id; `crypto.randomUUID` needs a secure context, so plain-http hosts get a fallback. */
export function newActivityId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
