/** Every handler a load generator can run, by name. */
import type { Handler } from './common.js';
import { fanoutHandlers } from './fanoutRoles.js';
import { throughputHandlers } from './throughputRoles.js';
import { roomsHandlers } from './roomsRoles.js';
import { planHandlers } from './planRoles.js';
import { awarenessHandlers } from './awarenessRoles.js';
import { durableHandlers } from './durableRoles.js';
import { smokeHandlers } from './smokeRoles.js';

export const handlers: Record<string, Handler> = {
  ...fanoutHandlers,
  ...throughputHandlers,
  ...roomsHandlers,
  ...planHandlers,
  ...awarenessHandlers,
  ...durableHandlers,
  ...smokeHandlers,
};
