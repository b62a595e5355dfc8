/** Which carets a client's awareness frame claims, and whether it touches carets that are not its own. */
import { awarenessIdsOf } from './awarenessFrames.js';
import { RemoteAwarenessOwner, type DocumentPeer, type LiveDocument } from './liveDocument.js';

/**
 * How many awareness clients `update` newly claims for `peer`; null when it touches another connection's caret (drop
 * the frame). Stock clients send every awareness change they receive back (y-websocket does not filter by origin), so
 * with 50 people in a plan nearly every awareness frame is such an echo: it is told apart before any state is decoded.
 */
export function awarenessClaims(live: LiveDocument, update: Uint8Array, peer: DocumentPeer): number | null {
  const owners = live.awarenessOwners;
  // Removals (negative here) claim nothing; stock clients echo the removals of people who left, too.
  let claimed = 0;
  const clocks: number[] = [];
  const ids = awarenessIdsOf(update, clocks);
  for (let i = 0; i < ids.length; i++) {
    const signed = ids[i];
    const id = signed < 0 ? -signed - 1 : signed;
    const owner = owners.get(id);
    if (owner !== undefined && owner !== peer && !(owner instanceof RemoteAwarenessOwner && owner.userId === peer.userId)) return null;
    // This person's caret held for another node (their other tab there): a stock client echoes it back with the
    // clock it was given, which changes nothing and claims nothing. Counted as claims, one person's carets on
    // another node closed this connection (4400) as soon as eight of them reached it. A newer state is a claim:
    // that person reconnecting here with the same client id.
    const echo = owner instanceof RemoteAwarenessOwner && clocks[i] <= (live.awareness.meta.get(id)?.clock ?? -1);
    if (signed >= 0 && !echo && !peer.awarenessIds.has(id)) claimed++;
  }
  return claimed;
}
