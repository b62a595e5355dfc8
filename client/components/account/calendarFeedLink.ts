/** The address fragment that opens the account menu's «Calendario» dialog (the meeting page links to it). */
export const CALENDAR_FEED_HASH = '#calendario';
