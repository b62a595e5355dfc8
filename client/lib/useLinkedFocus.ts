/**
 * A link to one item of a page (`?activity=ID` from the matrix or search, `?action=ID` from search): once that item
 * renders (pages load and sync first), scroll to it, put the keyboard on its first control and highlight it a while.
 */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

const ITEM_WAIT_MS = 10000;
const HIGHLIGHT_MS = 4000;

/** Brings the element whose `attribute` equals the address's `param` into view, once. */
export function useLinkedFocus(param: string, attribute: string, highlightClass: string): void {
  const [params] = useSearchParams();
  const id = params.get(param);
  useEffect(() => {
    if (!id) return;
    const selector = `[${attribute}="${CSS.escape(id)}"]`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reveal = (item: Element): void => {
      item.scrollIntoView({ block: 'center', behavior: 'smooth' });
      item.classList.add(highlightClass);
      item.querySelector<HTMLElement>('input, select, textarea, button, a, [tabindex]')?.focus({ preventScroll: true });
      timer = setTimeout(() => item.classList.remove(highlightClass), HIGHLIGHT_MS);
    };
    const found = document.querySelector(selector);
    if (found) {
      reveal(found);
      return () => clearTimeout(timer);
    }
    const observer = new MutationObserver(() => {
      const item = document.querySelector(selector);
      if (!item) return;
      observer.disconnect();
      reveal(item);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), ITEM_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
      clearTimeout(timer);
    };
  }, [id, attribute, highlightClass]);
}
