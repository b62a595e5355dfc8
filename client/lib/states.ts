/** Names of Mexico's states (INEGI codes) for display. */
import { STATES } from '../../shared/constants.js';

const byCode = new Map(STATES.map((s) => [s.code, s.name]));

/** "Chiapas" for "07"; an unknown code is shown as is. */
export function stateName(code: string): string {
  return byCode.get(code) ?? code;
}
