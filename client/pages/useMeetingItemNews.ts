/**
 * What a screen reader hears when a live meeting moves to another agenda item (the facilitator's «Siguiente», or
 * live, from whoever runs it): only the mark «Ahora» moved, silently, and a facilitator who pressed «Siguiente» heard
 * nothing of where the meeting now stood. Said once per move (a reload with the same item says nothing), never on
 * arrival.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../api/types.js';

export function useMeetingItemNews(m: Meeting | null | undefined): string | null {
  const { t } = useTranslation();
  const [news, setNews] = useState<string | null>(null);
  const seen = useRef<{ id: string; item: number | null } | null>(null);
  const id = m?.id ?? null;
  const item = m && m.status === 'live' ? m.currentItem : null;
  const title = item === null ? undefined : m?.agenda[item]?.title;
  useEffect(() => {
    if (id === null) return;
    const before = seen.current;
    seen.current = { id, item };
    if (!before || before.id !== id || before.item === item) return;
    setNews(item === null || !title ? null : t('meetings.nowOnItem', { title, n: item + 1 }));
  }, [id, item, title, t]);
  return news;
}
