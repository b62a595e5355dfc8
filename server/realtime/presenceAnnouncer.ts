/**
 * Sends a working group's online list to this node's own sockets, one send at a time per group. Each send reads the
 * list after every change this node has heard of, and a change heard during a send causes one more send after it:
 * the last list a socket gets is the current one. (Sends that overlapped used to arrive in either order, and a
 * list read before a change could arrive after the list read after it.)
 */
export class PresenceAnnouncer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();

  constructor(private readonly send: (workspaceId: string) => Promise<void>) {}

  /** Sends the group's list now, or once more after the send under way; resolves when the list sent is current. */
  announce(workspaceId: string): Promise<void> {
    const underWay = this.running.get(workspaceId);
    if (underWay) {
      this.dirty.add(workspaceId);
      return underWay;
    }
    const run = (async () => {
      do {
        this.dirty.delete(workspaceId);
        await this.send(workspaceId);
      } while (this.dirty.has(workspaceId));
    })().finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
    return run;
  }
}
