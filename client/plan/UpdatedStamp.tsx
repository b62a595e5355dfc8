/**
 * "Actualizado …" under a plan's title, kept live: the page's own copy of the plan hears every change,
 * typed here or arriving from others, once it has first synced (the initial load is not a change).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { useFormat } from '../lib/format.js';

/** Re-rendering at most this often is plenty for a stamp shown to the minute. */
const THROTTLE_MS = 1000;

/** The plan's last-change time, from the server's stamp until the first change seen here. */
export function UpdatedStamp({ ydoc, provider, initial }: { ydoc: Y.Doc; provider: WebsocketProvider; initial: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [when, setWhen] = useState(initial);
  useEffect(() => {
    let armed = provider.synced;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onSync = (synced: boolean) => {
      if (synced) armed = true;
    };
    const onUpdate = () => {
      if (!armed || pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        setWhen(new Date().toISOString());
      }, THROTTLE_MS);
    };
    provider.on('sync', onSync);
    ydoc.on('update', onUpdate);
    return () => {
      provider.off('sync', onSync);
      ydoc.off('update', onUpdate);
      clearTimeout(pending);
    };
  }, [ydoc, provider]);
  return (
    <p className="muted small" data-testid="plan-updated">
      {t('plans.updated', { when: fmt.dateTime(when) })}
    </p>
  );
}
