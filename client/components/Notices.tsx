/** App-wide flash messages (e.g. "your access was removed"), shown under the header. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
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

/** Holds the flash messages. */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const show = useCallback((text: string, kind: Notice['kind'] = 'info') => {
    setNotices((list) => [...list.filter((n) => n.text !== text), { id: nextId++, kind, text }]);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
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
