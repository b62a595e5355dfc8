/** App-wide flash messages (e.g. "your access was removed"), shown under the header. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Notice {
  id: number;
  kind: 'info' | 'warning';
  text: string;
}
interface NoticesApi {
  notices: Notice[];
  show: (text: string, kind?: Notice['kind']) => void;
  dismiss: (id: number) => void;
}

const NoticesContext = createContext<NoticesApi | null>(null);
let nextId = 1;

/** Confirmations shown at once, newest kept: a run of them (offline plans stored one after another) pushed the page far down. */
export const MAX_INFO_NOTICES = 3;
/** How long a confirmation stays; warnings (access removed, session ended) stay until dismissed. */
export const INFO_NOTICE_MS = 15_000;

/** Holds the flash messages. */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const timers = useRef(new Map<number, number>());
  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);
  const show = useCallback(
    (text: string, kind: Notice['kind'] = 'info') => {
      const id = nextId++;
      setNotices((list) => {
        const next = [...list.filter((n) => n.text !== text), { id, kind, text }];
        const infos = next.filter((n) => n.kind === 'info');
        const dropped = new Set(infos.slice(0, Math.max(0, infos.length - MAX_INFO_NOTICES)).map((n) => n.id));
        return next.filter((n) => !dropped.has(n.id));
      });
      if (kind === 'info') timers.current.set(id, window.setTimeout(() => dismiss(id), INFO_NOTICE_MS));
    },
    [dismiss],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);
  const value = useMemo(() => ({ notices, show, dismiss }), [notices, show, dismiss]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

/** Shows and dismisses flash messages. */
export function useNotices(): NoticesApi {
  const ctx = useContext(NoticesContext);
  if (!ctx) throw new Error('useNotices outside NoticesProvider');
  return ctx;
}

/** Renders the current flash messages. */
export function NoticeList() {
  const { notices, dismiss } = useNotices();
  const { t } = useTranslation();
  return (
    <div className="notice-list" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind} notice-flash`}>
          <p>{n.text}</p>
          <button type="button" className="btn-icon" onClick={() => dismiss(n.id)} aria-label={t('common.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
