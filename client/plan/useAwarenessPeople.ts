/** The people present in a plan, from the provider's awareness states (one entry per person). */
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { AvatarPerson } from '../components/Avatars.js';

function readPeople(provider: WebsocketProvider): AvatarPerson[] {
  const byKey = new Map<string, AvatarPerson>();
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: Record<string, unknown> }).user;
    if (!user || typeof user.name !== 'string') continue;
    const key = typeof user.userId === 'string' ? user.userId : `client-${clientId}`;
    if (byKey.has(key)) continue;
    byKey.set(key, {
      key,
      name: user.name,
      organizationId: typeof user.organizationId === 'string' ? user.organizationId : null,
      color: typeof user.color === 'string' ? user.color : undefined,
      acronym: typeof user.acronym === 'string' ? user.acronym : undefined,
    });
  }
  return [...byKey.values()];
}

/** Re-reads on every awareness change. */
export function useAwarenessPeople(provider: WebsocketProvider): AvatarPerson[] {
  const [people, setPeople] = useState<AvatarPerson[]>(() => readPeople(provider));
  useEffect(() => {
    const update = () => setPeople(readPeople(provider));
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return people;
}
