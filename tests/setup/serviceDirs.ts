/**
 * Temp folders of throwaway servers, each tagged with the process that owns it, so that servers left behind by a
 * killed test process are found and stopped later — without touching servers of other test runs still alive.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRoot } from './install.js';

export type ServiceKind = 'postgres' | 'redis';

interface OwnerFile {
  ownerPid: number;
  kind: ServiceKind;
  port: number;
}

const PREFIX: Record<ServiceKind, string> = { postgres: 'enlace-pg-', redis: 'enlace-redis-' };
const OWNER = 'owner.json';

/** As root the folder must be reachable by the postgres user, so use /tmp rather than a possibly private TMPDIR. */
function baseDir(): string {
  return isRoot() ? '/tmp' : tmpdir();
}

/** A fresh temp folder for one server, tagged with this process as its owner. */
export function makeServiceDir(kind: ServiceKind, port: number): string {
  const dir = mkdtempSync(join(baseDir(), PREFIX[kind]));
  tagServiceDir(dir, kind, port);
  return dir;
}

/** Records (again) which process owns the server in `dir` and on which port it listens. */
export function tagServiceDir(dir: string, kind: ServiceKind, port: number): void {
  const owner: OwnerFile = { ownerPid: process.pid, kind, port };
  writeFileSync(join(dir, OWNER), JSON.stringify(owner));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  const file = `/proc/${pid}/cmdline`;
  return existsSync(file) ? readFileSync(file, 'utf8').replace(/\0/g, ' ') : '';
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Kills the server process of a folder if it is still the one we started (checked via its command line). */
function killServer(dir: string, owner: OwnerFile): void {
  if (owner.kind === 'postgres') {
    const pid = readPid(join(dir, 'data', 'postmaster.pid'));
    // SIGQUIT = immediate shutdown: the postmaster takes its backends down with it.
    if (pid && isAlive(pid) && cmdline(pid).includes(dir)) process.kill(pid, 'SIGQUIT');
  } else {
    const pid = readPid(join(dir, 'redis.pid'));
    if (pid && isAlive(pid) && cmdline(pid).includes(`:${owner.port}`)) process.kill(pid, 'SIGKILL');
  }
}

/** Stops servers whose owning process is gone and removes their folders; returns how many it swept. */
export function sweepOrphans(): number {
  const base = baseDir();
  let swept = 0;
  for (const name of readdirSync(base)) {
    if (!Object.values(PREFIX).some((p) => name.startsWith(p))) continue;
    const dir = join(base, name);
    const ownerFile = join(dir, OWNER);
    if (!existsSync(ownerFile)) {
      // A folder being created right now has no owner file yet; only old untagged ones are debris.
      const st = statSync(dir, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as OwnerFile;
    if (isAlive(owner.ownerPid)) continue;
    killServer(dir, owner);
    // The server may still be writing while it dies; retry the removal briefly.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    swept++;
  }
  return swept;
}
