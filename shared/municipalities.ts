/**
 * Mexican municipalities' names by their INEGI code (entidad + municipio, 5 digits), from INEGI's Catálogo Único de
 * Claves de Áreas Geoestadísticas. For reading only: a well-formed code missing here is still accepted (new
 * municipalities are created now and then) and is shown as its code.
 */
import catalog from './catalogs/municipalities.json';

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
