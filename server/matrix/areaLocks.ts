/**
 * This process's locks per mandate area, for overlap passes that cannot hold one transaction throughout (embedded
 * PGlite, where an open transaction holds the only connection and every save waits for it). There is one node on
 * PGlite, so a lock in memory serializes passes over an area as PostgreSQL's advisory locks do across nodes.
 */

export class AreaLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` holding the locks of `areas` (taken in sorted order, so two callers never wait on each other in a cycle). */
  async withAreas<T>(areas: Iterable<string | null>, fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set([...areas].filter((a): a is string => !!a))].sort();
    const releases: Array<() => void> = [];
    try {
      for (const area of sorted) releases.push(await this.take(area));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async take(area: string): Promise<() => void> {
    const before = this.tails.get(area) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(area, tail);
    await before;
    return () => {
      release();
      if (this.tails.get(area) === tail) this.tails.delete(area);
    };
  }
}
