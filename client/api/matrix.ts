/** Who does what where: the coordination matrix across visible plans. */
import { query, request } from './http.js';
import type { MatrixActivity } from './types.js';

export interface MatrixFilters {
  mandateArea?: string;
  stateCode?: string;
  organizationId?: string;
}

/** Activities matching the filters, from every plan the caller may see. */
export async function getMatrix(filters: MatrixFilters, signal?: AbortSignal): Promise<MatrixActivity[]> {
  return (await request<{ activities: MatrixActivity[] }>('GET', `/api/matrix${query({ ...filters })}`, undefined, signal)).activities;
}

/** Link to the same rows as HXL-tagged CSV. */
export function matrixCsvUrl(filters: MatrixFilters): string {
  return `/api/matrix.csv${query({ ...filters })}`;
}
