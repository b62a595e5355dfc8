/**
 * When a person's edits of a plan start a new editing session: the audit trail records plan edits made over the Yjs
 * socket once per session (a person's edits of a plan with no pause as long as the window), not once per keystroke,
 * which would bury every other entry. Per node: someone editing one plan through two nodes is recorded by each.
 */

/** Tracks each person's last edit per plan on this node. */
export class EditSessions {
  private readonly last = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly windowMs: number) {}

  /** Whether an edit by `userId` of `documentId` at `now` opens a session (and notes it as the latest either way). */
  opens(documentId: string, userId: string, now = Date.now()): boolean {
    const key = `${documentId}\u0000${userId}`;
    const before = this.last.get(key);
    this.last.set(key, now);
    // Forgetting sessions long over keeps the map at the people editing lately, at one pass per window.
    if (now - this.sweptAt >= this.windowMs) this.sweep(now);
    return before === undefined || now - before >= this.windowMs;
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, at] of this.last) if (now - at >= this.windowMs) this.last.delete(key);
  }
}
