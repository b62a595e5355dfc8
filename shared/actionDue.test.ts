import { describe, expect, it } from 'vitest';
import { actionDueStage, actionDueWhen, addDays } from './actionDue.js';
import { workingDay } from './calendar.js';

describe('where an action stands against its due date', () => {
  it('counts calendar days across months, years and a leap day', () => {
    expect(addDays('2027-03-10', 1)).toBe('2027-03-11');
    expect(addDays('2027-01-31', 1)).toBe('2027-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('owes "due soon" on the day before and the day itself, "overdue" once the day has passed, nothing earlier', () => {
    const today = '2027-03-10';
    expect(actionDueStage('2027-03-12', today)).toBeNull();
    expect(actionDueStage('2027-03-11', today)).toBe('due_soon');
    expect(actionDueStage('2027-03-10', today)).toBe('due_soon');
    expect(actionDueStage('2027-03-09', today)).toBe('overdue');
    // Created long past its date: overdue only, never "due soon" as well.
    expect(actionDueStage('2026-01-15', today)).toBe('overdue');
    // Across a month's end.
    expect(actionDueStage('2027-04-01', '2027-03-31')).toBe('due_soon');
    expect(actionDueStage('2027-04-02', '2027-03-31')).toBeNull();
  });

  it('takes today from Mexico City: at 19:00 there (01:00 UTC the next day) an action due that day is not overdue yet', () => {
    const evening = new Date('2027-03-11T01:00:00Z');
    expect(workingDay(evening)).toBe('2027-03-10');
    expect(actionDueStage('2027-03-10', workingDay(evening))).toBe('due_soon');
    expect(actionDueStage('2027-03-10', workingDay(new Date('2027-03-11T06:00:00Z')))).toBe('overdue');
  });

  it('words a reminder from the day it is read: today, tomorrow, later (its date moved) or overdue', () => {
    const today = '2027-03-10';
    expect(actionDueWhen('2027-03-10', today)).toBe('today');
    expect(actionDueWhen('2027-03-11', today)).toBe('tomorrow');
    expect(actionDueWhen('2027-03-20', today)).toBe('later');
    expect(actionDueWhen('2027-03-09', today)).toBe('overdue');
  });
});
