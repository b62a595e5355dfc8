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
  /** The server refused us for good (4401 no session, 4403 not a member, 4404 no such plan, 1009 plan full). */
  refusedCode: number | null;
  /** The socket has been open at least once since the page opened the plan ("connecting" until then, not "offline"). */
  everConnected: boolean;
  /** The plan has synced at least once: its content is all here (a later reconnect does not take that back). */
  everSynced: boolean;
}

/** Tracks the provider's `status`, `sync` and terminal `closed` events plus navigator.onLine. */
export function useProviderStatus(provider: WebsocketProvider): ProviderStatus {
  const [connected, setConnected] = useState(provider.wsconnected);
  const [synced, setSynced] = useState(provider.synced);
  const [online, setOnline] = useState(navigator.onLine);
  const [refusedCode, setRefusedCode] = useState<number | null>(null);
  const [everConnected, setEverConnected] = useState(provider.wsconnected);
  const [everSynced, setEverSynced] = useState(provider.synced);

  useEffect(() => {
    const onStatus = () => {
      setConnected(provider.wsconnected);
      setSynced(provider.synced);
      if (provider.wsconnected) setEverConnected(true);
      if (provider.synced) setEverSynced(true);
    };
    const onSync = (s: boolean) => {
      setSynced(s);
      if (s) setEverSynced(true);
    };
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

  return { connected, synced, online, refusedCode, everConnected, everSynced };
}
