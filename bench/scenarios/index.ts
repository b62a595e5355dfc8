/** All scenarios by name. */
import type { Scenario } from './types.js';
import { fanout } from './fanout.js';
import { throughput } from './throughput.js';
import { rooms } from './rooms.js';
import { coldload } from './coldload.js';
import { joiners } from './joiners.js';
import { awareness } from './awareness.js';
import { durable } from './durable.js';
import { smoke } from './smoke.js';

export const scenarios: Record<string, Scenario> = Object.fromEntries(
  [fanout, throughput, rooms, coldload, joiners, awareness, durable, smoke].map((s) => [s.name, s]),
);
