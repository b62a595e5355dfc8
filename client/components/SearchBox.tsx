/** The header's search field: `/` or Ctrl+K (⌘K) focuses it from anywhere; Enter opens the results page. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import './search.css';

/** Whether a key press happens while the person is typing somewhere (then `/` is just a slash). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The search form shown in the banner to signed-in people. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const input = useRef<HTMLInputElement>(null);
  // Where the focus was when a shortcut brought it here: Escape takes it back there, not to the top of the page.
  const cameFrom = useRef<HTMLElement | null>(null);
  const current = pathname === '/search' ? (new URLSearchParams(search).get('q') ?? '') : '';
  const [q, setQ] = useState(current);

  // Follow the results page's query (back/forward, a new search from that page).
  useEffect(() => setQ(current), [current]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== input.current && active !== document.body) cameFrom.current = active;
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
  };

  return (
    <form role="search" className="search-box" onSubmit={onSubmit} aria-label={t('search.label')}>
      <label htmlFor="global-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id="global-search"
        ref={input}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          // First Escape empties the field and stays; the next one leaves it, back to where the shortcut came from.
          if (q) return setQ('');
          const back = cameFrom.current;
          cameFrom.current = null;
          if (back?.isConnected) back.focus();
          else input.current?.blur();
        }}
        onBlur={(e) => {
          // Left some other way (Tab, a click): the next Escape has nowhere earlier to go back to.
          if (e.relatedTarget !== null) cameFrom.current = null;
        }}
        placeholder={t('search.placeholder')}
        aria-keyshortcuts="/ Control+K Meta+K"
        maxLength={200}
        autoComplete="off"
        data-testid="search-input"
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
    </form>
  );
}
