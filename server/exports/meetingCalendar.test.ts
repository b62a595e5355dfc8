import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, meetingMinutes, meetingToIcs } from './meetingCalendar.js';

describe('meeting calendar events', () => {
  it('escapes text values as RFC 5545 asks', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = 'SUMMARY:' + 'ñ'.repeat(60);
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(2);
    expect(parts.every((p) => Buffer.byteLength(p) <= 75)).toBe(true);
    expect(parts[1].startsWith(' ')).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('plans an hour when the agenda has no time boxes', () => {
    expect(meetingMinutes([{ title: 'a' }])).toBe(60);
    expect(meetingMinutes([{ title: 'a', minutes: 15 }, { title: 'b', minutes: 20 }])).toBe(35);
  });

  it('writes one event in UTC with CRLF line ends', () => {
    const ics = meetingToIcs({ id: 'mtg_1', title: 'Sesión', startsAt: new Date('2027-01-02T03:04:05Z'), agenda: [], status: 'scheduled', workspaceName: 'Mesa', url: 'http://x/w/1/meetings/mtg_1', sequence: 0 }, 'es', new Date('2026-12-07T00:00:00Z'));
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('\r\nDTSTAMP:20261207T000000Z\r\nDTSTART:20270102T030405Z\r\nDTEND:20270102T040405Z\r\n');
    expect(ics).toContain('\r\nDESCRIPTION:Mesa: Mesa\\n\\nEn Enlace: http://x/w/1/meetings/mtg_1\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
