/**
 * One process at a time on an embedded database folder. PGlite runs inside the process and takes no lock of its
 * own: a second `npm start` on the same DATA_DIR opened the same files (and wrote them when it gave up on the
 * busy port), which can leave a database that no longer opens. A lock file beside the folder names its owner's
 * pid and, where the system tells, when that process started; a lock whose process is gone (kill -9, power
 * loss) is taken over, also when its pid now belongs to another process (pids are reused, in containers soon).
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/** Lock files this process holds: opening a held folder a second time in one process is refused too. */
const held = new Set<string>();

/** The folder is in use by another live process (or already open in this one). */
export class DataDirInUse extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** Whether the lock file was written in the last few seconds (a missing file is not). */
function justMade(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 5000;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** A process's /proc stat fields after its command name (state first); undefined where the system does not say. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch (err) {
    void err; // no /proc (another system) or the process is gone: identity by pid alone
    return undefined;
  }
}

/** When a process started, in clock ticks since boot (Linux /proc); undefined where the system does not say. */
export function processStartOf(pid: number): string | undefined {
  return procStat(pid)?.[19]; // the 22nd field
}

/** Whether the process has exited and only waits for its parent to collect it (a zombie holds no files). */
function isZombie(pid: number): boolean {
  const state = procStat(pid)?.[0];
  return state === 'Z' || state === 'X';
}

function ownerOf(path: string): { pid: number; start: string | undefined } | undefined {
  try {
    const [pidText, start] = readFileSync(path, 'utf8').trim().split(/\s+/);
    const pid = Number(pidText);
    return Number.isInteger(pid) && pid > 0 ? { pid, start } : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // released meanwhile
    throw err;
  }
}

/** Whether the lock's owner still runs: its pid is alive and, when both are known, started when the lock says. */
function ownerRuns(owner: { pid: number; start: string | undefined }): boolean {
  // A server killed with -9 whose parent has not yet collected it still answers signal 0, but it is gone.
  if (!isAlive(owner.pid) || isZombie(owner.pid)) return false;
  const start = owner.start && processStartOf(owner.pid);
  return !start || start === owner.start;
}

/** Locks `dir` for this process; returns the release. Throws DataDirInUse when another live process holds it. */
export function lockDataDir(dir: string): () => void {
  const path = `${dir}.lock`;
  if (held.has(path)) throw new DataDirInUse(`${dir} is already open in this process`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${[process.pid, processStartOf(process.pid)].filter(Boolean).join(' ')}\n`);
      } finally {
        closeSync(fd);
      }
      held.add(path);
      return () => {
        if (!held.delete(path)) return;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = ownerOf(path);
      if (owner !== undefined && owner.pid !== process.pid && ownerRuns(owner)) {
        throw new DataDirInUse(`Another process (pid ${owner.pid}) is using the database in ${dir}: stop it first, or delete ${path} if that process is not Enlace`);
      }
      // No pid yet in a lock just made: another process is between creating it and writing its pid.
      if (owner === undefined && justMade(path)) throw new DataDirInUse(`Another process is opening the database in ${dir}: stop it first, or delete ${path} if none is`);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirInUse(`Could not lock ${dir}: ${path} keeps coming back`);
}
