/**
 * A meeting as an iCalendar (RFC 5545) event, so participants put it in the calendar they already use. Times are
 * written in UTC (no VTIMEZONE to keep right); the calendar shows them in each reader's own zone.
 */

export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: Date;
  agenda: ReadonlyArray<{ title: string; minutes?: number }>;
  status: string;
  workspaceName: string;
  /** The meeting's page in the web app. */
  url: string;
  /** Grows with each rescheduling, so calendars replace the event they hold rather than keep the old one. */
  sequence: number;
}

/** A meeting whose agenda gives no time boxes is shown as an hour long. */
export const DEFAULT_MEETING_MINUTES = 60;

const TEXT = {
  es: { group: 'Mesa', agenda: 'Orden del día', open: 'En Enlace', minutes: (n: number) => `${n} min` },
  en: { group: 'Working group', agenda: 'Agenda', open: 'In Enlace', minutes: (n: number) => `${n} min` },
} as const;

/** `20261207T140000Z` */
function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (continuations start with a space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; a continuation holds 74 after its leading space.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** How long the meeting is planned to last: its agenda's time boxes, or an hour. */
export function meetingMinutes(agenda: CalendarMeeting['agenda']): number {
  const boxed = agenda.reduce((sum, item) => sum + (item.minutes ?? 0), 0);
  return boxed > 0 ? boxed : DEFAULT_MEETING_MINUTES;
}

/** The fields of a `meetings` row an event is made from. */
export interface MeetingRecord {
  id: string;
  workspaceId: string;
  title: string;
  startsAt: Date;
  agenda: CalendarMeeting['agenda'];
  status: string;
  calendarSequence: number;
}

/** A stored meeting as its calendar event, linking to its page under `publicOrigin`: the one mapping every .ics uses, so UID, SEQUENCE and URL agree. */
export function calendarMeetingOf(meeting: MeetingRecord, workspaceName: string, publicOrigin: string): CalendarMeeting {
  return {
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    agenda: meeting.agenda,
    status: meeting.status,
    workspaceName,
    url: `${publicOrigin}/w/${meeting.workspaceId}/meetings/${meeting.id}`,
    sequence: meeting.calendarSequence,
  };
}

/** One meeting's VEVENT, as content lines not yet folded. */
function eventLines(meeting: CalendarMeeting, lang: 'es' | 'en', now: Date): string[] {
  const text = TEXT[lang];
  const ends = new Date(meeting.startsAt.getTime() + meetingMinutes(meeting.agenda) * 60_000);
  const agenda = meeting.agenda.map((item, i) => `${i + 1}. ${item.title}${item.minutes ? ` (${text.minutes(item.minutes)})` : ''}`);
  const description = [`${text.group}: ${meeting.workspaceName}`, ...(agenda.length ? ['', `${text.agenda}:`, ...agenda] : []), '', `${text.open}: ${meeting.url}`].join('\n');
  return [
    'BEGIN:VEVENT',
    // The same UID in the single file and in the feed: a calendar that imported one replaces it rather than show it twice.
    `UID:${meeting.id}@enlace`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART:${utcStamp(meeting.startsAt)}`,
    `DTEND:${utcStamp(ends)}`,
    `SEQUENCE:${meeting.sequence}`,
    `SUMMARY:${escapeText(meeting.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${meeting.url}`,
    `STATUS:${meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

/** A VCALENDAR holding `events`, folded, with CRLF line ends; `properties` go after the standard header. */
function calendarText(lang: 'es' | 'en', events: string[][], properties: string[] = []): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Enlace//Meetings//' + lang.toUpperCase(), 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...properties, ...events.flat(), 'END:VCALENDAR'];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The .ics text of one meeting, in Spanish or English. */
export function meetingToIcs(meeting: CalendarMeeting, lang: 'es' | 'en', now: Date = new Date()): string {
  return calendarText(lang, [eventLines(meeting, lang, now)]);
}

const FEED_NAME = { es: 'Reuniones de Enlace', en: 'Enlace meetings' } as const;

/** Several meetings as one subscribed calendar (a person's feed), named for the calendar app's list and refreshed hourly. */
export function meetingsToIcs(meetings: readonly CalendarMeeting[], lang: 'es' | 'en', now: Date = new Date()): string {
  // REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL (Outlook's, older Apple Calendar's) ask for an hourly poll; apps may poll less often.
  const properties = [`NAME:${FEED_NAME[lang]}`, `X-WR-CALNAME:${FEED_NAME[lang]}`, 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'];
  return calendarText(
    lang,
    meetings.map((m) => eventLines(m, lang, now)),
    properties,
  );
}
