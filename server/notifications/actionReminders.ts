/**
 * Reminders of follow-up actions coming due: an open action due today or tomorrow (Mexico City's working day) tells
 * whoever answers for it once (`due_soon`), and once more when its day has passed (`overdue`). Every node runs the
 * pass; the `action_reminders` key (action, stage, due date) makes each reminder happen once, whoever gets there first.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, gte, inArray, isNull, lte, notExists, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { actionReminders, actions, decisions, memberships, users } from '../../db/schema.js';
import { actionDueStage, addDays, type ActionDueStage } from '../../shared/actionDue.js';
import { workingDay } from '../../shared/calendar.js';
import type { EventPublisher } from '../services.js';
import { askedFor, createNotifications, deliverNotifications, type NewNotification, type NotificationRow } from './notify.js';

/** Actions one pass takes per statement and transaction: a backlog is worked through in such slices, yielding between. */
export const REMINDER_BATCH = 500;
/**
 * An action overdue by more than this many days is not reminded of: the first pass after an upgrade (or after reminders
 * were off) would otherwise tell everyone of every action left open for months at once, burying what is new.
 */
export const OVERDUE_REMINDER_DAYS = 7;
/** Notification rows per INSERT: five bound parameters each, under the driver's 65,534. */
const NOTIFICATIONS_PER_INSERT = 5000;

export interface ActionReminder {
  actionId: string;
  stage: ActionDueStage;
  dueDate: string;
}

export interface ActionRemindersResult {
  /** The reminders this pass claimed (one per action, stage and due date, never claimed by another pass). */
  reminders: ActionReminder[];
  /** The notifications written for them, already pushed live. */
  notifications: NotificationRow[];
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

/** Open actions due by tomorrow (and not overdue for over OVERDUE_REMINDER_DAYS) whose reminder for their stage and due date nobody has sent; locked, others' skipped. */
async function candidates(tx: Executor, today: string) {
  // The same rule as actionDueStage, in SQL: so an action whose owed reminder was sent is not read again.
  const stage = sql`case when ${actions.dueDate} < ${today} then 'overdue' else 'due_soon' end`;
  const sent = tx
    .select({ one: sql`1` })
    .from(actionReminders)
    .where(and(eq(actionReminders.actionId, actions.id), eq(actionReminders.dueDate, actions.dueDate), eq(actionReminders.stage, stage)));
  return await tx
    .select({ id: actions.id, workspaceId: actions.workspaceId, decisionId: actions.decisionId, title: actions.title, dueDate: actions.dueDate, ownerOrganizationId: actions.ownerOrganizationId, assigneeId: actions.assigneeId, ref: decisions.ref })
    .from(actions)
    .innerJoin(decisions, eq(decisions.id, actions.decisionId))
    .where(and(eq(actions.status, 'open'), gte(actions.dueDate, addDays(today, -OVERDUE_REMINDER_DAYS)), lte(actions.dueDate, addDays(today, 1)), notExists(sent)))
    .orderBy(asc(actions.id))
    .limit(REMINDER_BATCH)
    // Locked so a PATCH closing the action waits for this reminder or is seen by it; rows another node's pass holds
    // are left to it (its insert would win anyway) instead of waited for.
    .for('update', { of: actions, skipLocked: true });
}

/**
 * Who is reminded of an action, out of its working group's current members (active accounts): its assignee; with none,
 * or one no longer in the group, whoever answers for the owner organization there (its focal point, else its members
 * who take part, as for a stance request).
 */
export function remindedOf<M extends { userId: string; organizationId: string; role: string; focalPoint: boolean }>(action: { assigneeId: string | null; ownerOrganizationId: string }, group: M[]): string[] {
  if (action.assigneeId && group.some((m) => m.userId === action.assigneeId)) return [action.assigneeId];
  return askedFor(group.filter((m) => m.organizationId === action.ownerOrganizationId)).map((m) => m.userId);
}

/** Current members (active accounts) of the working groups `workspaceIds`, by group. */
async function groupsOf(tx: Executor, workspaceIds: string[]) {
  const rows = await tx
    .select({ workspaceId: memberships.workspaceId, userId: memberships.userId, organizationId: memberships.organizationId, role: memberships.role, focalPoint: memberships.focalPoint })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.workspaceId, workspaceIds), isNull(users.deactivatedAt)));
  const byGroup = new Map<string, typeof rows>();
  for (const m of rows) byGroup.set(m.workspaceId, [...(byGroup.get(m.workspaceId) ?? []), m]);
  return byGroup;
}

/** One batch in one transaction: claims the reminders owed and writes their notifications with them. */
async function remindBatch(db: Database, today: string): Promise<{ seen: number; reminders: ActionReminder[]; notifications: NotificationRow[] }> {
  return db.transaction(async (tx) => {
    const found = await candidates(tx, today);
    if (!found.length) return { seen: 0, reminders: [], notifications: [] };
    const owed = found.map((a) => ({ actionId: a.id, stage: actionDueStage(a.dueDate, today)!, dueDate: a.dueDate }));
    // Claimed in action id order, as read: two passes inserting the same keys then wait on each other in one order.
    const claimed = await tx.insert(actionReminders).values(owed).onConflictDoNothing().returning({ actionId: actionReminders.actionId, stage: actionReminders.stage, dueDate: actionReminders.dueDate });
    const byId = new Map(found.map((a) => [a.id, a]));
    const groups = claimed.length ? await groupsOf(tx, [...new Set(claimed.map((c) => byId.get(c.actionId)!.workspaceId))]) : new Map();
    const items: NewNotification[] = [];
    for (const c of claimed) {
      const a: Candidate = byId.get(c.actionId)!;
      const target = { type: 'action', actionId: a.id, decisionId: a.decisionId, ref: `D-${a.ref}`, title: a.title, dueDate: a.dueDate, stage: c.stage };
      for (const userId of remindedOf(a, groups.get(a.workspaceId) ?? [])) items.push({ userId, workspaceId: a.workspaceId, kind: 'action_due', target });
    }
    const notifications: NotificationRow[] = [];
    for (let i = 0; i < items.length; i += NOTIFICATIONS_PER_INSERT) notifications.push(...(await createNotifications(tx, items.slice(i, i + NOTIFICATIONS_PER_INSERT))));
    return { seen: found.length, reminders: claimed as ActionReminder[], notifications };
  });
}

/** Sends the reminders owed at `now` (batch by batch, each pushed live after its commit); returns what it created. */
export async function runActionRemindersNow(db: Database, events: EventPublisher | undefined, now = new Date(), opts: { stopped?: () => boolean } = {}): Promise<ActionRemindersResult> {
  const today = workingDay(now);
  const result: ActionRemindersResult = { reminders: [], notifications: [] };
  for (;;) {
    const batch = await remindBatch(db, today);
    result.reminders.push(...batch.reminders);
    result.notifications.push(...batch.notifications);
    if (events) deliverNotifications(events, batch.notifications);
    if (batch.seen < REMINDER_BATCH || opts.stopped?.()) return result;
    // A backlog (the first pass after an upgrade finds every old overdue action): other work runs between batches.
    await nextTurn();
  }
}

export interface ReminderLog {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Runs the pass every `intervalMs`, the first `firstRunDelayMs` after start (a node just up catches up on what came
 * due while every node was down). Passes never overlap on a node; the timers never keep the process alive. `stop`
 * waits for a running pass to end its batch, so the database is not closed under it.
 */
export function startActionReminders(db: Database, events: EventPublisher, opts: { intervalMs: number; firstRunDelayMs?: number }, log: ReminderLog): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = async () => {
    try {
      const { reminders, notifications } = await runActionRemindersNow(db, events, new Date(), { stopped: () => stopped });
      if (reminders.length) log.info({ reminders: reminders.length, notifications: notifications.length }, 'action reminders sent');
    } catch (err) {
      log.error({ err }, 'action reminder pass failed; the next pass sends what this one did not');
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule(opts.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(opts.firstRunDelayMs ?? 10_000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
