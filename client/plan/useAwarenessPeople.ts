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

function samePeople(a: AvatarPerson[], b: AvatarPerson[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.key === b[i].key && p.name === b[i].name && p.organizationId === b[i].organizationId && p.color === b[i].color && p.acronym === b[i].acronym)
  );
}

/**
 * Re-reads on every awareness change, but hands out a new list only when the people changed: a caret moving (every
 * keystroke changes awareness) must not re-render the page that shows them.
 */
export function useAwarenessPeople(provider: WebsocketProvider): AvatarPerson[] {
  const [people, setPeople] = useState<AvatarPerson[]>(() => readPeople(provider));
  useEffect(() => {
    const update = () => {
      const next = readPeople(provider);
      setPeople((prev) => (samePeople(prev, next) ? prev : next));
    };
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return people;
}
