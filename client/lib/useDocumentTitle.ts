/** Sets the browser tab title for a page. */
import { useEffect } from 'react';

/** `title · Enlace`, or just `Enlace` while the title is unknown. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Enlace` : 'Enlace';
  }, [title]);
}
