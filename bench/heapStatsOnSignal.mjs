// Preload for bench/roomsMemory.ts: on SIGWINCH, prints V8's heap spaces to stderr (the server log) as one HEAPSTAT line.
import v8 from 'node:v8';

const mib = (n) => (n / 2 ** 20).toFixed(1);
process.on('SIGWINCH', () => {
  const spaces = v8.getHeapSpaceStatistics().filter((s) => s.physical_space_size > 0);
  const text = spaces.map((s) => `${s.space_name} ${mib(s.space_used_size)}/${mib(s.physical_space_size)}`).join(' ');
  console.error(`HEAPSTAT used/resident MiB: ${text}`);
});
