/**
 * Recent resyncs of returning clients, kept for a few seconds: a client that reconnects resends what it has and
 * only then may its page join its group's events, after the announcement that its edits are stored. The join asks
 * here which plans to announce again.
 */

/** How long after a returning client's resync a join of its person's page still hears what is stored. */
const RETURNING_JOIN_MS = 10_000;

interface Returning {
  userId: string;
  documentId: string;
  workspaceId: string;
  at: number;
}

export class ReturningClients {
  private recent: Returning[] = [];

  /** Notes that this person's client has just resynced this plan. */
  note(userId: string, documentId: string, workspaceId: string): void {
    const now = Date.now();
    this.recent = this.recent.filter((r) => now - r.at < RETURNING_JOIN_MS);
    this.recent.push({ userId, documentId, workspaceId, at: now });
  }

  /** The plans of a group that this person's clients resynced in the last seconds. */
  plansOf(userId: string, workspaceId: string): Set<string> {
    const now = Date.now();
    const found = new Set<string>();
    for (const r of this.recent) if (r.userId === userId && r.workspaceId === workspaceId && now - r.at < RETURNING_JOIN_MS) found.add(r.documentId);
    return found;
  }
}
