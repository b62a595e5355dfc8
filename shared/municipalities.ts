/**
 * Mexican municipalities' names by their INEGI code (entidad + municipio, 5 digits), from INEGI's Catálogo Único de
 * Claves de Áreas Geoestadísticas. For reading only: a well-formed code missing here is still accepted (new
 * municipalities are created now and then) and is shown as its code.
 */
import catalog from './catalogs/municipalities.json';
import { STATES } from './constants.js';

const NAMES: Readonly<Record<string, string>> = catalog;

/** The municipality's name, or undefined when the catalog does not hold the code. */
export function municipalityName(code: string): string | undefined {
  return Object.hasOwn(NAMES, code) ? NAMES[code] : undefined;
}

/** "Tapachula (07089)": the name people know and the code the data keeps; the code alone when not in the catalog. */
export function municipalityLabel(code: string): string {
  const name = municipalityName(code);
  return name ? `${name} (${code})` : code;
}

const STATE_NAMES = new Map(STATES.map((s) => [s.code, s.name]));

/** "Chiapas" for "07": a state's name by its INEGI code; an unknown code is shown as is. */
export function stateName(code: string): string {
  return STATE_NAMES.get(code) ?? code;
}

/** "Tapachula, Chiapas": where a municipality is, as cells, suggestions and search results say it. */
export function municipalityPlace(code: string, name: string): string {
  return `${name}, ${stateName(code.slice(0, 2))}`;
}

/**
 * Where an activity happens, in words: its municipalities as places («Tapachula, Chiapas; 07999»), or its states'
 * names when it lists no municipality.
 */
export function placesText(stateCodes: readonly string[], municipalityCodes: readonly string[]): string {
  if (!municipalityCodes.length) return stateCodes.map(stateName).join(', ');
  return municipalityCodes
    .map((code) => {
      const name = municipalityName(code);
      return name ? municipalityPlace(code, name) : code;
    })
    .join('; ');
}

// One collator for every sort: localeCompare with a locale builds one per call (2,478 names, ~25,000 comparisons).
const byName = new Intl.Collator('es');

/** A municipality as a picker offers it. */
export interface MunicipalityChoice {
  code: string;
  name: string;
}

/** The catalog's municipalities in `states` (every state when none), by state then name, as a picker lists them. */
export function municipalitiesIn(states: readonly string[]): MunicipalityChoice[] {
  const wanted = states.length ? new Set(states) : null;
  const out: MunicipalityChoice[] = [];
  for (const [code, name] of Object.entries(NAMES)) if (!wanted || wanted.has(code.slice(0, 2))) out.push({ code, name });
  return out.sort((a, b) => a.code.slice(0, 2).localeCompare(b.code.slice(0, 2)) || byName.compare(a.name, b.name));
}
