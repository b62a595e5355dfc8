import { describe, expect, it } from 'vitest';
import { workingDay } from './calendar.js';

describe('the working calendar day', () => {
  it('turns at midnight in Mexico City, not at midnight UTC', () => {
    // 23:59 on 30 November in Mexico City is already 1 December in UTC.
    expect(workingDay(new Date('2026-12-01T05:59:00Z'))).toBe('2026-11-30');
    expect(workingDay(new Date('2026-12-01T06:00:00Z'))).toBe('2026-12-01');
    expect(workingDay(new Date('2026-07-01T05:30:00Z'))).toBe('2026-06-30');
  });
});
