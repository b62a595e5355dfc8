/**
 * The header's search field: `/` or Ctrl+K (⌘K) focuses it from anywhere; Enter opens the results page. On a tablet
 * it folds to a button that opens the field under the header, so the header keeps one row.
 */
import { useEffect, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useMediaQuery } from '../lib/useMediaQuery.js';
import { SEARCH_AS_BUTTON } from './headerWidths.js';
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
  const toggle = useRef<HTMLButtonElement>(null);
  const folds = useMediaQuery(SEARCH_AS_BUTTON);
  // Folded, whether the field is open under the header (it closes when focus leaves the form).
  const [open, setOpen] = useState(false);
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
      openField();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** Shows the field (folded, it was hidden: rendered at once so it can take focus) and puts the caret in it. */
  function openField() {
    flushSync(() => setOpen(true));
    input.current?.focus();
    input.current?.select();
  }

  // Folded, a field hidden while it has focus would drop focus to the page's top: the button takes it.
  const close = () => {
    if (folds && input.current === document.activeElement) toggle.current?.focus();
    setOpen(false);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) return;
    close();
    navigate(`/search?q=${encodeURIComponent(text)}`);
  };

  const onFormBlur = (e: FocusEvent<HTMLFormElement>) => {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOpen(false);
  };

  return (
    <form role="search" className={folds ? 'search-box search-folded' : 'search-box'} onSubmit={onSubmit} onBlur={onFormBlur} aria-label={t('search.label')}>
      {folds && (
        <button
          ref={toggle}
          type="button"
          className="btn btn-secondary btn-small search-toggle"
          aria-expanded={open}
          aria-controls="global-search-field"
          aria-keyshortcuts="/ Control+K Meta+K"
          title={t('search.open')}
          // Open, a press here keeps the caret in the field until the click closes it (else the field's blur closed
          // it first, where the button takes no focus on a press, and the click opened it again).
          onMouseDown={(e) => {
            if (open) e.preventDefault();
          }}
          onClick={() => (open ? close() : openField())}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !open) return;
            e.preventDefault();
            close();
          }}
        >
          <svg className="search-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <circle cx="6.75" cy="6.75" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="M10.25 10.25 14 14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <span className="visually-hidden">{t('search.open')}</span>
        </button>
      )}
      <div className="search-field" id="global-search-field" hidden={folds && !open}>
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
            else if (folds) toggle.current?.focus();
            else input.current?.blur();
            setOpen(false);
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
      </div>
    </form>
  );
}
