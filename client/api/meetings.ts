/** Meetings: agenda, current item, attendance, minutes. */
import { request } from './http.js';
import type { AgendaItem, Meeting } from './types.js';

const m = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

/** Meetings of a working group (a route the contract leaves implicit). */
export async function listMeetings(workspaceId: string, signal?: AbortSignal): Promise<Meeting[]> {
  return (await request<{ meetings: Meeting[] }>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/meetings`, undefined, signal)).meetings;
}

/** Schedules a meeting with its agenda. */
export async function createMeeting(workspaceId: string, body: { title: string; startsAt: string; agenda: AgendaItem[] }, idempotencyKey?: string): Promise<Meeting> {
  return (await request<{ meeting: Meeting }>('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/meetings`, body, undefined, idempotencyKey)).meeting;
}

/** One meeting (a route the contract leaves implicit). */
export async function getMeeting(id: string, signal?: AbortSignal): Promise<Meeting> {
  return (await request<{ meeting: Meeting }>('GET', m(id), undefined, signal)).meeting;
}

/** Starts the meeting. */
export function startMeeting(id: string): Promise<unknown> {
  return request('POST', `${m(id)}/start`);
}

/** Moves the meeting to an agenda item. */
export function setCurrentItem(id: string, index: number): Promise<unknown> {
  return request('PUT', `${m(id)}/current-item`, { index });
}

/** Records which organizations attend. */
export function setAttendance(id: string, organizationIds: string[]): Promise<unknown> {
  return request('PUT', `${m(id)}/attendance`, { organizationIds });
}

/** Closes the meeting and freezes its minutes. */
export function closeMeeting(id: string): Promise<unknown> {
  return request('POST', `${m(id)}/close`);
}

/** Corrects a scheduled or live meeting's title, start or agenda (only the fields given). */
export async function updateMeeting(id: string, patch: { title?: string; startsAt?: string; agenda?: AgendaItem[] }): Promise<Meeting> {
  return (await request<{ meeting: Meeting }>('PATCH', m(id), patch)).meeting;
}

/** Calls off a scheduled meeting. */
export async function cancelMeeting(id: string): Promise<Meeting> {
  return (await request<{ meeting: Meeting }>('POST', `${m(id)}/cancel`)).meeting;
}

/** The meeting as an .ics event for one's own calendar, in the interface's language. */
export function calendarUrl(id: string, lang: string): string {
  return `${m(id)}/calendar.ics?lang=${lang === 'en' ? 'en' : 'es'}`;
}

/** Link to download the minutes. */
export function minutesUrl(id: string, format: 'md' | 'docx' | 'pdf', lang: string): string {
  return `${m(id)}/minutes?format=${format}&lang=${lang === 'en' ? 'en' : 'es'}`;
}
