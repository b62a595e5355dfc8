/**
 * One Socket.IO connection per person, recording everything it hears. Need-to-know for live events: an event of a
 * working group may reach a person's socket only while they belong to it, i.e. between the moment the request that
 * let them in was sent and the `access:revoked` that ends it (events are delivered in order on one socket, so that
 * notice comes after every event sent before the removal).
 */
import type { Socket } from 'socket.io-client';
import { connectEvents, waitFor } from '../../helpers/yjsClient.js';

interface Heard {
  event: string;
  workspaceId?: string;
  /** The walk's step when it arrived. */
  step: number;
}

interface Interval {
  from: number;
  to?: number;
}

function workspaceOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const w = (payload as { workspaceId?: unknown }).workspaceId;
  return typeof w === 'string' ? w : undefined;
}

export class LiveEvents {
  readonly heard: Heard[] = [];
  private readonly intervals = new Map<string, Interval[]>();
  private disconnected = false;

  private constructor(
    readonly who: string,
    private readonly socket: Socket,
    clock: () => number,
  ) {
    socket.onAny((event: string, payload: unknown) => this.heard.push({ event, workspaceId: workspaceOf(payload), step: clock() }));
    socket.on('disconnect', () => (this.disconnected = true));
  }

  static async open(url: string, token: string, who: string, clock: () => number): Promise<LiveEvents> {
    return new LiveEvents(who, await connectEvents(url, token), clock);
  }

  /** The person belongs to the group from now on (call before sending the request that lets them in). */
  grant(workspaceId: string): void {
    const list = this.intervals.get(workspaceId) ?? [];
    if (list.length && list[list.length - 1].to === undefined) return;
    list.push({ from: this.heard.length });
    this.intervals.set(workspaceId, list);
  }

  /** Joins the group's room: the server must say yes (member) or not_found (anyone else). */
  async join(workspaceId: string): Promise<'ok' | string> {
    const ack = (await this.socket.timeout(5000).emitWithAck('workspace:join', { workspaceId })) as { ok?: boolean; error?: { code: string } };
    return ack.ok ? 'ok' : (ack.error?.code ?? JSON.stringify(ack));
  }

  /** Waits for the `access:revoked` of a removal and ends the person's time in the group at it. */
  async revoked(workspaceId: string, where: string): Promise<void> {
    const list = this.intervals.get(workspaceId) ?? [];
    const open = list[list.length - 1];
    if (!open || open.to !== undefined) throw new Error(`${where}: ${this.who} was not in ${workspaceId}`);
    const find = () => this.heard.findIndex((h, i) => i >= open.from && h.event === 'access:revoked' && h.workspaceId === workspaceId);
    await waitFor(() => find() >= 0, 2000, `${where}: access:revoked for ${this.who}`);
    open.to = find();
  }

  /** The account was deactivated: the socket must close (after telling each group it joined), and hears nothing more. */
  async ended(where: string): Promise<void> {
    await waitFor(() => this.disconnected, 2000, `${where}: ${this.who}'s Socket.IO connection closing`);
    for (const list of this.intervals.values()) {
      const open = list[list.length - 1];
      if (open && open.to === undefined) open.to = this.heard.length;
    }
  }

  /** Events of groups heard outside the person's time in them. */
  leaks(): string[] {
    const out: string[] = [];
    this.heard.forEach((h, i) => {
      if (!h.workspaceId || h.event === 'access:revoked') return;
      const inside = (this.intervals.get(h.workspaceId) ?? []).some((iv) => iv.from <= i && (iv.to === undefined || i < iv.to));
      if (!inside) out.push(`${this.who} heard ${h.event} of ${h.workspaceId} (event #${i}, at step ${h.step}) while not in the group`);
    });
    return out;
  }

  /** How many times this connection heard an event of a group (a positive control). */
  count(event: string, workspaceId: string): number {
    return this.heard.filter((h) => h.workspaceId === workspaceId && h.event === event).length;
  }

  get connected(): boolean {
    return !this.disconnected;
  }

  close(): void {
    this.socket.close();
  }
}
