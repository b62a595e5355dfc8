/** Reads CPU time and memory of another process from /proc (Linux), so every server is measured alike. */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond = 0;
function clockTicks(): number {
  if (ticksPerSecond === 0) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch (err) {
      // getconf missing: Linux has used 100 ticks per second on every common platform.
      void err;
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User and system CPU time of a process in milliseconds (all its threads). */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields start after the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: (Number(fields[11]) * 1000) / clockTicks(), system: (Number(fields[12]) * 1000) / clockTicks() };
}

/** User + system CPU time of a process in milliseconds (all its threads). */
export function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/**
 * On-CPU time of a process's live threads in milliseconds, from the scheduler's nanosecond counters: for small
 * amounts (an idle server) where /proc/<pid>/stat's 10 ms ticks are too coarse. Threads that ended are not counted.
 */
export function preciseCpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch (err) {
      // The thread ended between listing and reading: it no longer counts.
      void err;
    }
  }
  return ns / 1e6;
}

/** Resident set size and its high-water mark, in MiB. */
export function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : Number.NaN;
  };
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak seen. */
export function rssSampler(pid: number, everyMs = 50): { stop(): number; peak(): number } {
  let peak = 0;
  const sample = (): void => {
    try {
      peak = Math.max(peak, memoryMiB(pid).rss);
    } catch (err) {
      // The process ended between samples; keep the last peak.
      void err;
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
    peak: () => peak,
  };
}

/** CPU time used by a set of processes between start and stop, in ms; `system` is the kernel's part of the last stop. */
export function cpuMeter(pids: number[]): { stop(): number; system(): number } {
  const read = (): { user: number; system: number } =>
    pids.reduce((sum, pid) => {
      const t = safeCpu(pid);
      return { user: sum.user + t.user, system: sum.system + t.system };
    }, { user: 0, system: 0 });
  const start = read();
  let end = start;
  return {
    stop: () => {
      end = read();
      return end.user - start.user + (end.system - start.system);
    },
    system: () => end.system - start.system,
  };
}

function safeCpu(pid: number): { user: number; system: number } {
  try {
    return cpuSplitMs(pid);
  } catch (err) {
    void err;
    return { user: 0, system: 0 };
  }
}
