/** The coordination feature: matrix, pivots, downloads, rebuild, and overlap flags. */
import type { RouteFn } from '../../http/pipeline.js';
import { registerOverlapRoutes } from './overlaps.js';
import { registerMatrixRoutes } from './routes.js';

/** Registers every matrix and overlap route. */
export function registerMatrixFeature(route: RouteFn): void {
  registerMatrixRoutes(route);
  registerOverlapRoutes(route);
}
