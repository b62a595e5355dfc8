/** Connection facts of a y-websocket provider and the browser, as React state. */
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export interface ProviderStatus {
  /** The WebSocket is open. */
  connected: boolean;
  /** The initial sync with the server finished on the current connection. */
  synced: boolean;
  /** The browser believes it is online. */
  online: boolean;
  /** The server refused us for good (4401 no session, 4403 not a member, 4404 no such plan). */
  refusedCode: number | null;
}

/** Tracks the provider's `status`, `sync` and terminal `closed` events plus navigator.onLine. */
export function useProviderStatus(provider: WebsocketProvider): ProviderStatus {
  const [connected, setConnected] = useState(provider.wsconnected);
  const [synced, setSynced] = useState(provider.synced);
  const [online, setOnline] = useState(navigator.onLine);
  const [refusedCode, setRefusedCode] = useState<number | null>(null);

  useEffect(() => {
    const onStatus = () => {
      setConnected(provider.wsconnected);
      setSynced(provider.synced);
    };
    const onSync = (s: boolean) => setSynced(s);
    const onClosed = (e: { code: number }) => setRefusedCode(e.code);
    const onConnClose = (e: CloseEvent | null) => {
      if (e && e.code >= 4400 && e.code < 4500) setRefusedCode(e.code);
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    provider.on('connection-close', onConnClose);
    onStatus();
    return () => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnClose);
    };
  }, [provider]);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  return { connected, synced, online, refusedCode };
}
