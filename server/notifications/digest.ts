/**
 * The daily digest: one outbox row per user with unread notifications that no earlier digest told
 * them about (so an ignored notification is mailed once, not every day), then a sender drains the
 * outbox. `runDigestNow` does both (tests call it); `startDailyDigest` runs it once a day.
 */
import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { documents, memberships, notifications, outbox, users, workspaces } from '../../db/schema.js';
import { newId } from '../ids.js';
import type { MailLog, MailSender } from './mailSender.js';

export const DIGEST_KIND = 'digest';

const TEXT = {
  es: {
    subject: (n: number) => (n === 1 ? 'Enlace: 1 notificación sin leer' : `Enlace: ${n} notificaciones sin leer`),
    hello: (name: string) => `Hola, ${name}:`,
    intro: 'Esto es lo que le espera en Enlace:',
    open: 'Ábralo en',
    kinds: { mention: 'Le mencionaron', mentionOrganization: 'Mencionaron a su institución', reply: 'Respondieron en su conversación', stance_requested: 'Una decisión espera la postura de su institución', overlap: 'Posible duplicidad de actividades', action_assigned: 'Le asignaron una acción', action_due: 'Una acción a su cargo vence pronto', actionOverdue: 'Una acción a su cargo está vencida' } as Record<string, string>,
  },
  en: {
    subject: (n: number) => (n === 1 ? 'Enlace: 1 unread notification' : `Enlace: ${n} unread notifications`),
    hello: (name: string) => `Hello ${name},`,
    intro: 'Here is what awaits you in Enlace:',
    open: 'Open it at',
    kinds: { mention: 'You were mentioned', mentionOrganization: 'Your organization was mentioned', reply: 'Someone replied in your thread', stance_requested: 'A decision awaits your organization’s stance', overlap: 'Possible overlapping activities', action_assigned: 'An action was assigned to you', action_due: 'An action you are responsible for is due soon', actionOverdue: 'An action you are responsible for is overdue' } as Record<string, string>,
  },
};

export interface DigestOptions {
  /** Where the web app is, for the link in the mail. */
  publicOrigin: string;
  now?: Date;
}

/** Writes one digest outbox row per user with news; returns how many rows were written. */
export async function writeDigests(db: Database, opts: DigestOptions): Promise<number> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // Several nodes may run the digest at the same hour: one at a time, each seeing what the other wrote.
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const last = await tx.select({ userId: outbox.userId, at: max(outbox.createdAt) }).from(outbox).where(eq(outbox.kind, DIGEST_KIND)).groupBy(outbox.userId);
    const lastAt = new Map(last.map((l) => [l.userId, l.at]));
    const unread = await tx
      .select({ n: notifications, workspaceName: workspaces.name })
      .from(notifications)
      .innerJoin(memberships, and(eq(memberships.workspaceId, notifications.workspaceId), eq(memberships.userId, notifications.userId)))
      .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
      // Someone who left the agency gets no more mail about the group's work; their inbox waits for a reactivation.
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(isNull(notifications.readAt), isNull(users.deactivatedAt)))
      .orderBy(asc(notifications.createdAt));
    const byUser = new Map<string, typeof unread>();
    for (const row of unread) {
      const since = lastAt.get(row.n.userId);
      if (since && row.n.createdAt <= since) continue;
      byUser.set(row.n.userId, [...(byUser.get(row.n.userId) ?? []), row]);
    }
    if (!byUser.size) return 0;
    const people = await tx.select().from(users).where(inArray(users.id, [...byUser.keys()]));
    const docIds = [...new Set(unread.map((r) => r.n.target.documentId).filter((v): v is string => typeof v === 'string'))];
    const titles = new Map((docIds.length ? await tx.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, docIds)) : []).map((d) => [d.id, d.title]));
    const rows = people.map((person) => {
      const items = byUser.get(person.id) ?? [];
      const t = person.locale === 'en' ? TEXT.en : TEXT.es;
      const lines = items.map(({ n, workspaceName }) => {
        const title = typeof n.target.documentId === 'string' ? titles.get(n.target.documentId) : undefined;
        const when = n.createdAt.toISOString().slice(0, 16).replace('T', ' ');
        // A mention of the person's organization says so, as the inbox does; a reminder says whether the day passed.
        const kind = n.kind === 'mention' && n.target.via === 'organization' ? 'mentionOrganization' : n.kind === 'action_due' && n.target.stage === 'overdue' ? 'actionOverdue' : n.kind;
        // A reminder names its action (it has no plan title).
        const about = title ?? (n.kind === 'action_due' && typeof n.target.title === 'string' ? n.target.title : undefined);
        return `- ${t.kinds[kind] ?? n.kind} · ${workspaceName}${about ? ` · ${about}` : ''} (${when} UTC)`;
      });
      const body = [t.hello(person.name), '', t.intro, '', ...lines, '', `${t.open} ${opts.publicOrigin}/inbox`, ''].join('\n');
      return { id: newId('mail'), userId: person.id, kind: DIGEST_KIND, subject: t.subject(items.length), body, createdAt: now };
    });
    await tx.insert(outbox).values(rows);
    return rows.length;
  });
}

/** Sends unsent outbox rows; a failure leaves its row for the next run. Returns how many were sent. */
export async function sendOutbox(db: Executor, sender: MailSender, log?: MailLog & { warn(obj: unknown, msg?: string): void }, limit = 500): Promise<number> {
  const pending = await db
    .select({ mail: outbox, email: users.email })
    .from(outbox)
    .innerJoin(users, eq(users.id, outbox.userId))
    // Mail written before a deactivation is held, not sent: the address may now belong to someone outside the group.
    .where(and(isNull(outbox.sentAt), isNull(users.deactivatedAt)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit);
  let sent = 0;
  for (const { mail, email } of pending) {
    // Claim the row first so two nodes never mail it twice; give it back if sending fails.
    const claimed = await db.update(outbox).set({ sentAt: new Date() }).where(and(eq(outbox.id, mail.id), isNull(outbox.sentAt))).returning({ id: outbox.id });
    if (!claimed.length) continue;
    try {
      await sender.send({ to: email, subject: mail.subject, text: mail.body });
      sent++;
    } catch (err) {
      log?.warn({ err, outboxId: mail.id }, 'mail not sent; it stays in the outbox for the next run');
      await db.update(outbox).set({ sentAt: null }).where(eq(outbox.id, mail.id));
    }
  }
  return sent;
}

/** Writes today's digests and drains the outbox now. */
export async function runDigestNow(db: Database, sender: MailSender, opts: DigestOptions, log?: MailLog & { warn(obj: unknown, msg?: string): void }) {
  const written = await writeDigests(db, opts);
  const sent = await sendOutbox(db, sender, log);
  return { written, sent };
}

/** Milliseconds from `now` to the next `hourUtc`:00 UTC. */
export function msUntilHour(now: Date, hourUtc: number): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * Whether today's digest is due and was not written: it is past `hourUtc` and no digest row has been written since
 * then (every node was down at that hour, or none had news for anyone then).
 */
export async function digestMissed(db: Executor, hourUtc: number, now = new Date()): Promise<boolean> {
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (due.getTime() > now.getTime()) return false;
  const [last] = await db.select({ at: max(outbox.createdAt) }).from(outbox).where(eq(outbox.kind, DIGEST_KIND));
  return !last?.at || last.at.getTime() < due.getTime();
}

/**
 * Runs the digest every day at `hourUtc`, and once soon after start when today's was missed (a restart across the
 * hour skipped the day). The timers never keep the process alive.
 */
export function startDailyDigest(
  db: Database,
  sender: MailSender,
  opts: { hourUtc: number; publicOrigin: string; catchUpDelayMs?: number },
  log: MailLog & { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void },
): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async (why: string) => {
    try {
      const result = await runDigestNow(db, sender, { publicOrigin: opts.publicOrigin }, log);
      log.info({ ...result, sender: sender.kind }, why);
    } catch (err) {
      log.error({ err }, 'daily digest failed; next attempt tomorrow');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await run('daily digest done');
      schedule();
    }, msUntilHour(new Date(), opts.hourUtc));
    timer.unref();
  };
  schedule();
  // Not at once: the other nodes of a rolling restart come up too, and the advisory lock in writeDigests (with the
  // check repeated here) keeps it to one run.
  const catchUp = setTimeout(async () => {
    try {
      if (!stopped && (await digestMissed(db, opts.hourUtc))) await run('missed daily digest written');
    } catch (err) {
      log.error({ err }, 'could not check for a missed daily digest');
    }
  }, opts.catchUpDelayMs ?? 10_000);
  catchUp.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearTimeout(catchUp);
    },
  };
}
