/** Finds, and on a bare Debian machine installs, the PostgreSQL, Redis and Chromium binaries the suite runs against. */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Chromium used by browser tests (Debian's package path; overridable for other machines). */
export const CHROMIUM_PATH = process.env.ENLACE_TEST_CHROMIUM ?? '/usr/bin/chromium';

const PG_ROOT = '/usr/lib/postgresql';
const SBIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
// Debian's invoke-rc.d asks this script whether a package may start its service; 101 = "no".
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** True when this process runs as root (the CI machine does). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function isExecutableFile(path: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st !== undefined && st.isFile() && (st.mode & 0o111) !== 0;
}

/** Absolute path of a program on PATH (plus the sbin folders a minimal PATH may lack), or undefined. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  return dirs.map((dir) => join(dir, name)).find(isExecutableFile);
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql, or undefined. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && isExecutableFile(join(PG_ROOT, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin');
}

/** Debian packages that provide what is missing from this machine. */
export function missingPackages(): string[] {
  const missing: string[] = [];
  if (!findPostgresBin()) missing.push('postgresql');
  if (!which('redis-server')) missing.push('redis-server');
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  return missing;
}

/** Runs a command without a TTY or stdin; rejects with the output tail when it fails. */
export function runQuiet(cmd: string, args: string[], opts: Omit<SpawnOptions, 'stdio'> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
}

let installing: Promise<void> | undefined;

/** Installs postgresql, redis-server and chromium with apt-get, only when one of them is missing. */
export function ensureInstalled(): Promise<void> {
  if (missingPackages().length === 0) return Promise.resolve();
  installing ??= install().finally(() => (installing = undefined));
  return installing;
}

async function install(): Promise<void> {
  const packages = missingPackages();
  if (!isRoot()) {
    throw new Error(`The test suite needs ${packages.join(', ')}: run it as root, or install them (apt-get install ${packages.join(' ')}).`);
  }
  const apt = which('apt-get');
  if (!apt) throw new Error(`The test suite needs ${packages.join(', ')} and this machine has no apt-get to install them.`);
  process.stderr.write(`[test setup] installing ${packages.join(', ')} with apt-get (first run on this machine)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a', APT_LISTCHANGES_FRONTEND: 'none' };
  // Keep the packages from starting their system-wide services (port 5432/6379): the suite runs its own throwaway ones.
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await runQuiet(apt, ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env });
    await runQuiet(apt, ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold',
      'install', '-y', ...packages], { env });
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  const still = missingPackages();
  if (still.length > 0) throw new Error(`apt-get ran but ${still.join(', ')} is still missing`);
  process.stderr.write('[test setup] installed.\n');
}

/** The uid/gid PostgreSQL runs as: postgres refuses root, so as root we use (and if need be create) the `postgres` user. */
export function serviceUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  if (spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
    const useradd = which('useradd');
    if (!useradd) throw new Error('No `postgres` user and no useradd to create one');
    const made = spawnSync(useradd, ['--system', '--user-group', '--no-create-home', '--home-dir', '/var/lib/postgresql',
      '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Another run may have created it in between; only the final lookup decides.
    if (made.status !== 0 && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`useradd postgres failed: ${made.stderr.toString()}`);
    }
  }
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).stdout.toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}
