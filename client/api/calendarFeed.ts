/** The signed-in person's calendar subscription link (server/routes/me/calendarFeed.ts). */
import { request } from './http.js';

export interface CalendarFeed {
  createdAt: string;
  lastUsedAt: string | null;
}

/** Whether the person has a link, since when and when a calendar last fetched it (never the link itself). */
export async function getCalendarFeed(signal?: AbortSignal): Promise<CalendarFeed | null> {
  return (await request<{ feed: CalendarFeed | null }>('GET', '/api/me/calendar-feed', undefined, signal)).feed;
}

/** Makes the link, replacing any earlier one (which stops working); the answer is the only time the link is shown. */
export function createCalendarFeed(): Promise<{ feed: CalendarFeed; url: string }> {
  return request('POST', '/api/me/calendar-feed', {});
}

/** Switches the link off. */
export function revokeCalendarFeed(): Promise<void> {
  return request<void>('DELETE', '/api/me/calendar-feed');
}
