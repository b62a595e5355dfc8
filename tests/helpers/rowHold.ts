/**
 * Lines requests up on PostgreSQL: a transaction of the test's own holds some rows locked, the requests sent meanwhile
 * queue behind it (each waiting at the first of those rows it locks), and the release lets them all go at the same
 * instant, in the order they queued. A collision that Promise.all reaches only now and then happens every time.
 */
import postgres from 'postgres';
import { waitFor } from './yjsClient.js';

/** How long a request may take to reach the held rows on a loaded machine. */
const WAIT_MS = 30_000;

export interface RowHold {
  /** How many transactions of the database wait for a lock now. */
  waiting(): Promise<number>;
  /** Resolves once `count` other transactions of the database wait for a lock. */
  waiters(count: number): Promise<void>;
  /** Ends the holding transaction (its locks go) and closes its connections. */
  release(): Promise<void>;
}

/** Runs `lockSql` (a SELECT … FOR UPDATE, its values as $1…) in a transaction left open until release(). */
export async function holdRows(databaseUrl: string, lockSql: string, values: Array<string | string[]>): Promise<RowHold> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => undefined });
  const held = await sql.reserve();
  let holder: number;
  try {
    await held`begin`;
    await held.unsafe(lockSql, values);
    [{ pid: holder }] = await held<Array<{ pid: number }>>`select pg_backend_pid() as pid`;
  } catch (err) {
    // Nothing is held: the connections go, and the test learns why.
    await sql.end();
    throw err;
  }
  // Only transactions waiting for the held rows, or for one that waits for them: the server's own background work
  // (a projection pass, a snapshot) may wait for a lock too, and must not count as the request under test.
  const waiting = async () => {
    const [row] = await sql<Array<{ n: number }>>`
      with behind_hold as (select pid from pg_stat_activity where datname = current_database() and ${holder} = any(pg_blocking_pids(pid)))
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
        and (${holder} = any(pg_blocking_pids(pid)) or pg_blocking_pids(pid) && array(select pid from behind_hold))`;
    return row.n;
  };
  return {
    waiting,
    waiters: (count) => waitFor(async () => (await waiting()) >= count, WAIT_MS, `${count} transactions waiting for the held rows`),
    release: async () => {
      try {
        await held`commit`;
        held.release();
      } finally {
        await sql.end();
      }
    },
  };
}

/**
 * Sends `first` and, once it waits at the held rows, `second`; releases them once `second` is answered or waits
 * too (it may be waiting for `first` itself, not for the held rows). Resolves with both answers.
 */
export async function lineUp<T>(hold: RowHold, first: () => Promise<T>, second: () => Promise<T>): Promise<[T, T]> {
  const firstAnswer = first();
  let secondAnswer: Promise<T> | undefined;
  try {
    await hold.waiters(1);
    let answered = false;
    secondAnswer = second().finally(() => {
      answered = true;
    });
    await waitFor(async () => answered || (await hold.waiting()) >= 2, WAIT_MS, 'the second request answered or waiting');
  } finally {
    await hold.release();
  }
  return [await firstAnswer, await secondAnswer];
}
