/**
 * The activity projection service: keeps `activity_projection`, `documents.search_text` and `overlaps`
 * current from the durable update stream. Driven by the hub's `saved` event (never by polling): each
 * plan is re-projected at most once per `debounceMs` while it is being edited, and passes of one plan
 * never run concurrently. A pass reads the live document, diffs it against the stored rows and, in the
 * same transaction, re-detects the overlaps of what changed (see overlapPass.ts for why that reads the
 * table under per-area locks rather than a node-local index).
 */
import { count, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database, Executor } from '../../db/client.js';
import { activityProjection, documents, projectionPending } from '../../db/schema.js';
import { MANDATE_AREAS } from '../../shared/constants.js';
import { getActivities, getBody } from '../../shared/planModel.js';
import type { EventPublisher } from '../services.js';
import type { DocumentHub } from '../sync/documentHub.js';
import { docFromState, readStoredState } from '../sync/documentStore.js';
import { AreaLocks } from './areaLocks.js';
import { announceOverlapPass, type OverlapDelivery } from './overlapAnnouncer.js';
import { updateOverlapsFor } from './overlapPass.js';
import { deliveryFor } from './passDelivery.js';
import { projectedContent } from './projectedContent.js';
import { ProjectionPacing } from './projectionPacing.js';
import { rebuildProjection, type RebuildResult } from './projectionRebuild.js';
import { dropPlanProjection, writePlanProjection, type ProjectionDiff } from './projectionRows.js';
import { projectInShortTransactions } from './shortPass.js';

export type { RebuildResult } from './projectionRebuild.js';

/** How long shutdown waits for projections already running. */
const STOP_WAIT_MS = 5000;
/** Plans whose last projected content this node remembers (oldest forgotten first). */
const MAX_REMEMBERED = 10_000;

export interface ProjectionOptions {
  db: Database;
  hub: DocumentHub;
  events: EventPublisher;
  log?: { error(obj: unknown, msg?: string): void; info?(obj: unknown, msg?: string): void };
  /** Wait after the first save of a burst before projecting; default 600 ms (longer under overload: ProjectionPacing). */
  debounceMs?: number;
  /** Passes in short transactions (embedded PGlite, one node: see shortPass.ts). */
  shortTransactions?: boolean;
}

/** Saves lagging this much put projection passes off… */
const SAVE_LAG_DEFER_MS = 250;
/** …but a plan's pass waits at most this long. */
const MAX_DEFER_MS = 5000;

export class ActivityProjection {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly watched = new WeakSet<Y.Doc>();
  private readonly contentWatched = new WeakSet<Y.Doc>();
  /** Live documents whose prose and activities have not changed since their last pass. */
  private readonly unchanged = new WeakSet<Y.Doc>();
  private readonly debounceMs: number;
  /** Spaces passes out when they take much of the database's time (see projectionPacing.ts). */
  private readonly pacing: ProjectionPacing;
  /** Plans whose pass is being put off while saves lag, and since when. */
  private readonly deferredSince = new Map<string, number>();
  /**
   * Per plan, the digest of the content this node last projected. A plan loaded for editing was projected on
   * its first save (nothing watched its content before), usually with nothing to change: with 400 plans
   * opened at once that was 400 transactions in a few seconds and tripled update round trips (rooms bench).
   */
  private readonly projected = new Map<string, string>();
  private stopped = false;
  /** This node's per-area locks, when passes run in short transactions. */
  private readonly areaLocks?: AreaLocks;

  constructor(private readonly opts: ProjectionOptions) {
    if (opts.shortTransactions) this.areaLocks = new AreaLocks();
    // At most one pass per plan per 0.6 s while people type: still well within the 2 s freshness target
    // (longer only while passes take much of the database's time: ProjectionPacing).
    this.debounceMs = opts.debounceMs ?? 600;
    this.pacing = new ProjectionPacing(this.debounceMs);
    opts.hub.on('saved', ({ documentId }) => this.schedule(documentId));
  }

  /** Projects a plan soon; repeated calls within the debounce window make one pass. */
  schedule(documentId: string): void {
    if (this.stopped || this.timers.has(documentId)) return;
    // Saves that touched neither the prose nor the activities (e.g. other shared types) change nothing here.
    const live = this.opts.hub.documents.get(documentId);
    if (live && this.unchanged.has(live.doc)) return;
    const timer = setTimeout(() => {
      this.timers.delete(documentId);
      this.start(documentId);
    }, this.pacing.waitMs());
    timer.unref();
    this.timers.set(documentId, timer);
  }

  private start(documentId: string, retry = true): void {
    if (this.deferForSaves(documentId)) return;
    if (this.running.has(documentId)) {
      this.again.add(documentId);
      return;
    }
    const startedAt = Date.now();
    const pass = this.projectNow(documentId)
      .catch((err: unknown) => {
        this.opts.log?.error({ err, documentId }, 'activity projection failed');
        // One retry covers a transient database error; the next edit or a rebuild covers the rest.
        if (retry && !this.stopped) setTimeout(() => this.start(documentId, false), 1000).unref();
      })
      .finally(() => {
        this.pacing.record(Date.now() - startedAt);
        this.running.delete(documentId);
        if (this.again.delete(documentId) && !this.stopped) this.start(documentId);
      });
    this.running.set(documentId, pass);
  }

  /**
   * Durable saves come first. Embedded PGlite runs one statement at a time, and under overload projection
   * passes queued ahead of the update log's inserts starved saves (save p99 of 16 s with 1,000 editors).
   * While saves lag, a pass is put off, never for longer than MAX_DEFER_MS, so the matrix still catches up.
   */
  private deferForSaves(documentId: string): boolean {
    const now = Date.now();
    if (this.stopped || this.opts.hub.updateLog.lagMs < SAVE_LAG_DEFER_MS) {
      this.deferredSince.delete(documentId);
      return false;
    }
    const since = this.deferredSince.get(documentId) ?? now;
    if (now - since >= MAX_DEFER_MS) {
      this.deferredSince.delete(documentId);
      return false;
    }
    this.deferredSince.set(documentId, since);
    this.schedule(documentId);
    return true;
  }

  /**
   * Projects a plan's initial content inside the transaction that creates it. A pass scheduled after the
   * commit dated the new plan by when it ran, so two plans created together could swap places in "recent".
   */
  async projectCreated(tx: Executor, plan: { documentId: string; workspaceId: string }, doc: Y.Doc, delivery: OverlapDelivery): Promise<void> {
    const { activities, searchText, digest } = await projectedContent(doc);
    const diff = await writePlanProjection(tx, { ...plan, activities, searchText }, 'never');
    await announceOverlapPass(tx, await updateOverlapsFor(tx, diff), delivery);
    delivery.afterCommit(() => this.remember(plan.documentId, digest));
  }

  /** One pass now: project the plan (live copy if loaded, else storage) and re-detect its overlaps. */
  async projectNow(documentId: string): Promise<void> {
    const live = this.opts.hub.documents.get(documentId);
    const doc = live?.doc ?? docFromState(await readStoredState(this.opts.db, documentId));
    // A live plan's first pass is not caused by a content change (nothing watched it yet), so it may be skipped
    // when the content is what this node last projected, and dates the plan only if its rows or text differ from
    // what is stored (another node or a restart has no digest). Only a pass following a content change seen here
    // dates the plan outright (formatting alone would not show in the digest). Any other (read from storage, or a
    // catch-up sweep finding the plan as its last pass left it) dates it only if it differs: dated outright, a
    // restart moved every plan edited in the minutes before it to "updated just now".
    const firstLook = live !== undefined && !this.contentWatched.has(live.doc);
    const edited = live !== undefined && !firstLook && !this.unchanged.has(live.doc);
    if (live) {
      this.watchRemote(documentId, live.doc);
      this.watchContent(live.doc);
      this.unchanged.add(live.doc); // marked before reading: an edit during the pass schedules another
    }
    const { activities, searchText, digest } = await projectedContent(doc);
    if (!live) doc.destroy();
    // Rows written from this content already (by this node): the pass would change nothing.
    if (firstLook && this.projected.get(documentId) === digest) return;
    const out = deliveryFor(this.opts.events);
    const touch = edited ? 'always' : 'ifChanged';
    const rowsChanged = (diff: ProjectionDiff) => {
      // Pages showing the matrix refetch when its rows changed, not after a guess at how long projection takes.
      if (diff.changed.length || diff.removedIds.length) out.delivery.emit(diff.workspaceId, 'matrix:updated', { documentId, activityIds: [...diff.changed.map((r) => r.activityId), ...diff.removedIds] });
    };
    let exists = false;
    const [plan] = this.areaLocks ? await this.opts.db.select({ workspaceId: documents.workspaceId }).from(documents).where(eq(documents.id, documentId)) : [];
    if (plan && this.areaLocks) {
      exists = true;
      rowsChanged(await projectInShortTransactions(this.opts.db, this.areaLocks, { documentId, workspaceId: plan.workspaceId, activities, searchText }, touch, out.delivery));
    } else {
      const pass = () =>
        this.opts.db.transaction(async (tx) => {
          const [row] = await tx.select({ workspaceId: documents.workspaceId }).from(documents).where(eq(documents.id, documentId));
          exists = Boolean(row);
          const diff = row ? await writePlanProjection(tx, { documentId, workspaceId: row.workspaceId, activities, searchText }, touch) : await dropPlanProjection(tx, documentId);
          await announceOverlapPass(tx, await updateOverlapsFor(tx, diff), out.delivery);
          rowsChanged(diff);
        });
      // A plan gone on PGlite: its rows may be in any area, so every area waits for the drop (see shortPass.ts).
      await (this.areaLocks ? this.areaLocks.withAreas(MANDATE_AREAS, pass) : pass());
    }
    this.remember(documentId, exists ? digest : undefined);
    out.flush();
  }

  private remember(documentId: string, digest: string | undefined): void {
    this.projected.delete(documentId); // re-inserted last: the map's order is its age
    if (digest === undefined) return;
    this.projected.set(documentId, digest);
    if (this.projected.size > MAX_REMEMBERED) this.projected.delete(this.projected.keys().next().value as string);
  }

  /**
   * With several nodes, a plan edited on two of them is projected by both; a node that projected an
   * older state re-projects when the rest arrives from the other node, so the last writes agree.
   */
  private watchContent(doc: Y.Doc): void {
    if (this.contentWatched.has(doc)) return;
    this.contentWatched.add(doc);
    const dirty = () => this.unchanged.delete(doc);
    getBody(doc).observeDeep(dirty);
    getActivities(doc).observeDeep(dirty);
  }

  private watchRemote(documentId: string, doc: Y.Doc): void {
    if (this.watched.has(doc)) return;
    this.watched.add(doc);
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') this.schedule(documentId);
    });
  }

  /** Re-reads every plan from storage and rebuilds projection and overlaps inside `tx`. */
  async rebuild(tx: Executor, delivery: OverlapDelivery): Promise<RebuildResult> {
    this.projected.clear(); // rows rewritten from storage: remembered digests may no longer describe them
    return rebuildProjection(tx, delivery);
  }

  /** Rebuilds in its own transaction, in the background (first run, demo data). */
  rebuildSoon(): void {
    const out = deliveryFor(this.opts.events);
    this.opts.db
      .transaction((tx) => this.rebuild(tx, out.delivery))
      .then((result) => {
        out.flush();
        this.opts.log?.info?.(result, 'activity projection rebuilt');
      })
      .catch((err: unknown) => this.opts.log?.error({ err }, 'activity projection rebuild failed'));
  }

  /** On start: plans stored before the projection existed (an upgrade) get projected once. */
  async projectIfEmpty(): Promise<void> {
    const [projected] = await this.opts.db.select({ n: count() }).from(activityProjection);
    if (Number(projected?.n ?? 0) > 0) return;
    const [plans] = await this.opts.db.select({ n: count() }).from(documents);
    if (Number(plans?.n ?? 0) > 0) this.rebuildSoon();
  }

  /** Projects again the plans whose pass was cut short (see shortPass.ts). */
  async resumePending(): Promise<void> {
    const plans = await this.opts.db.select({ id: projectionPending.documentId }).from(projectionPending);
    for (const plan of plans) this.schedule(plan.id);
  }

  /** Runs a pass of `documentId` now (after the one running, if any) and resolves once it is done (catch-up sweeps). */
  async passNow(documentId: string): Promise<void> {
    if (this.stopped) return;
    this.start(documentId, false);
    await this.running.get(documentId);
  }

  /** Whether the projection takes no more work (shutdown). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Waits until no pass is scheduled or running (tests, benches). */
  async idle(): Promise<void> {
    // Edits still waiting for the database have not scheduled their pass yet.
    await this.opts.hub.updateLog.drain();
    while (this.timers.size || this.running.size) {
      await Promise.all([...this.running.values()]);
      if (this.timers.size) await new Promise((r) => setTimeout(r, this.debounceMs / 2));
    }
  }

  /** Runs what is scheduled now, waits for it (at most `waitMs`), and accepts no more work (shutdown). */
  async stop(waitMs = STOP_WAIT_MS): Promise<void> {
    for (const [documentId, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(documentId);
      this.start(documentId, false);
    }
    this.stopped = true;
    // Bounded like the rest of shutdown: a projection stuck on a hung database connection must not hold the
    // process (the database close that follows rolls it back; the plan is projected again on its next save).
    const deadline = Date.now() + waitMs;
    while (this.running.size && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.running.values()]), new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
      clearTimeout(timer);
    }
    if (this.running.size) this.opts.log?.error({ pending: this.running.size }, 'activity projection still running at shutdown; left to the next save');
  }
}

/** Creates the service and, in the background, projects plans stored before it existed. */
export function startActivityProjection(opts: ProjectionOptions): ActivityProjection {
  const projection = new ActivityProjection(opts);
  projection.projectIfEmpty().catch((err: unknown) => opts.log?.error({ err }, 'initial activity projection failed'));
  projection.resumePending().catch((err: unknown) => opts.log?.error({ err }, 'resuming cut-short projections failed'));
  return projection;
}
