import { describe, expect, it } from 'vitest';
import { EditSessions } from './editSessions.js';

describe('EditSessions', () => {
  it('opens a session on a person’s first edit of a plan and again only after a pause as long as the window', () => {
    const sessions = new EditSessions(1000);
    expect(sessions.opens('d1', 'u1', 0)).toBe(true);
    expect(sessions.opens('d1', 'u1', 900)).toBe(false);
    // Edits keep the session open past the window's length from its start.
    expect(sessions.opens('d1', 'u1', 1800)).toBe(false);
    expect(sessions.opens('d1', 'u2', 1800)).toBe(true);
    expect(sessions.opens('d2', 'u1', 1800)).toBe(true);
    expect(sessions.opens('d1', 'u1', 2800)).toBe(true);
    // A swept session (its person long gone) opens again.
    expect(sessions.opens('d2', 'u1', 10_000)).toBe(true);
    expect(sessions.opens('d2', 'u1', 10_001)).toBe(false);
  });
});
