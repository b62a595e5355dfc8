import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir, processStartOf } from './dataDirLock.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(d);
  return join(d, 'pglite');
}

/** The first line a child prints. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
  });
}

const stateOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
};

describe('lockDataDir', () => {
  it('refuses a folder held in this process or by another live one, and takes it back once released', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    release();
    lockDataDir(dir)();
  });

  it('refuses a lock whose owner runs', async () => {
    const dir = freshDir();
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    await new Promise((r) => sleeper.once('spawn', r));
    writeFileSync(`${dir}.lock`, `${sleeper.pid} ${processStartOf(sleeper.pid!)}\n`);
    expect(() => lockDataDir(dir)).toThrow(/Another process \(pid \d+\) is using the database/);
  });

  it('takes over the lock of a server killed but not yet collected by its parent (a zombie)', async () => {
    const dir = freshDir();
    // The background sleep ends soon; its parent is then `sleep 30` (sh exec'd it), which never collects it.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const pid = Number(await firstLine(parent));
    await expect.poll(() => stateOf(pid), { timeout: 5000 }).toBe('Z');
    writeFileSync(`${dir}.lock`, `${pid} ${processStartOf(pid)}\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8').split(' ')[0]).toBe(String(process.pid));
    release();
  });
});
