-- A meeting's corrections and cancelling so far: its calendar event's SEQUENCE (server/routes/meetings/calendar.ts).
ALTER TABLE "meetings" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;