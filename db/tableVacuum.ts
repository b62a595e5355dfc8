/**
 * Vacuum for embedded PGlite. PGlite runs one backend and no autovacuum, so rows that were deleted or updated
 * were never reclaimed: the update log's rows after every compaction, every rewritten snapshot (a whole plan
 * each time), the plan text search reads. A plan growing to 0.6 MB, compacted 60 times in 26 s, left 23.6 MB
 * in the snapshot table (12 MB with a check every 10 s, 6 MB every 5 s; freed space is reused).
 * Like autovacuum, a table is vacuumed once its dead rows, or its TOAST table's dead chunks, pass 50 + 20 % of
 * the live ones. PGlite runs one statement at a time, so a vacuum holds every save behind it: none starts while
 * saves wait, and a pass starts no further table once it has used its time budget. No ANALYZE: the expression
 * indexes of full-text search made it cost seconds per thousand activities here, and VACUUM already keeps the
 * planner's row counts current. PostgreSQL has its own autovacuum; this runs only on PGlite.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './client.js';

interface TableStats {
  schemaname: string;
  relname: string;
  n_live_tup: number | string;
  n_dead_tup: number | string;
  toast_live: number | string;
  toast_dead: number | string;
}

export interface TableVacuumOptions {
  /** How often table statistics are checked. */
  intervalMs: number;
  /** A pass starts no further table after this long (default 1 s). */
  budgetMs?: number;
  /** True while the database should be left to more urgent work (saves waiting). */
  busy?: () => boolean;
  log?: { warn(obj: unknown, msg?: string): void };
}

/** Vacuums tables that need it, on a timer. */
export class TableVacuum {
  /** Tables vacuumed so far. */
  vacuums = 0;
  /** Time spent in VACUUM statements, in ms (PGlite runs nothing else meanwhile). */
  busyMs = 0;
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly opts: TableVacuumOptions,
  ) {
    this.timer = setInterval(() => this.tick(), opts.intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running || this.stopped || this.opts.busy?.()) return;
    this.running = this.pass()
      .catch((err: unknown) => this.opts.log?.warn({ err }, 'vacuum failed; retried at the next check'))
      .finally(() => (this.running = undefined));
  }

  /** Checks every table once and vacuums those past their thresholds, most dead rows first, within the budget. */
  async pass(): Promise<void> {
    // A rewritten snapshot leaves its old value as dead chunks in the table's TOAST table, which has its own counts.
    const tables = rowsOf<TableStats>(
      await this.db.execute(sql`
        select s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup,
               coalesce(t.n_live_tup, 0) as toast_live, coalesce(t.n_dead_tup, 0) as toast_dead
        from pg_stat_user_tables s
        join pg_class c on c.oid = s.relid
        left join pg_stat_all_tables t on t.relid = c.reltoastrelid`),
    );
    const due = tables
      .filter((t) => Number(t.n_dead_tup) > 50 + 0.2 * Number(t.n_live_tup) || Number(t.toast_dead) > 50 + 0.2 * Number(t.toast_live))
      .sort((a, b) => Number(b.n_dead_tup) + Number(b.toast_dead) - Number(a.n_dead_tup) - Number(a.toast_dead));
    const passStarted = performance.now();
    for (const t of due) {
      if (this.stopped || this.opts.busy?.() || performance.now() - passStarted > (this.opts.budgetMs ?? 1000)) return;
      const started = performance.now();
      await this.db.execute(sql`vacuum ${sql.identifier(t.schemaname)}.${sql.identifier(t.relname)}`);
      this.vacuums++;
      this.busyMs += performance.now() - started;
    }
  }

  /** Stops checking; waits for a statement already running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
