/** Groups this tab is leaving by the person's own choice: the server's `access:revoked` for them is not news here. */
const leaving = new Set<string>();

/** Marks `workspaceId` as being left here; the returned function unmarks it. */
export function markLeaving(workspaceId: string): () => void {
  leaving.add(workspaceId);
  return () => leaving.delete(workspaceId);
}

/** Whether this tab is leaving `workspaceId` by choice. */
export function isLeaving(workspaceId: string): boolean {
  return leaving.has(workspaceId);
}
