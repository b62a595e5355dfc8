/**
 * Makes an embedded PGlite commit reach the disk before it returns, as PostgreSQL's does. PGlite starts its
 * backend with fsync off (`-F`), and Emscripten's Node filesystem has no fsync of its own: a commit lived in the
 * OS page cache, which survives `kill -9` but not a power cut or a kernel crash, after the user was told "saved".
 * Here fsync is on, the WAL is flushed with fsync() (the one sync call that reaches the filesystem layer; PGlite's
 * fdatasync() is a stub), and that layer's fsync calls the real one.
 */
import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

let syncs = 0;

/** How many times an embedded database has synced a file to disk in this process (tests and metrics). */
export function embeddedDiskSyncs(): number {
  return syncs;
}

/** PGlite's start parameters with fsync on and the WAL synced by fsync(). */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

interface NodeStream {
  nfd?: number;
}
interface NodeFsModule {
  NODEFS: { stream_ops: { fsync?: (stream: NodeStream) => number }; tryFSOperation<T>(op: () => T): T };
}

/** A data folder on disk whose files are really synced when PostgreSQL asks (see the file's comment). */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: unknown) => {
        const { NODEFS } = mod as NodeFsModule;
        // Errors become the filesystem's errno (PostgreSQL then refuses the commit), never a thrown Node error.
        NODEFS.stream_ops.fsync = (stream) => {
          if (stream.nfd === undefined) return 0;
          NODEFS.tryFSOperation(() => fsyncSync(stream.nfd as number));
          syncs++;
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } as typeof emscriptenOpts };
  }
}
