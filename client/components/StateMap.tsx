/** A map of Mexico shading each state by how many activities touch it; a click filters by that state. */
import mexico from '@svg-maps/mexico';
import { useTranslation } from 'react-i18next';
import { STATES } from '../../shared/constants.js';

/** @svg-maps ids (ISO 3166-2:MX suffixes) to INEGI state codes. */
const INEGI_BY_MAP_ID: Record<string, string> = {
  agu: '01', bcn: '02', bcs: '03', cam: '04', coa: '05', col: '06', chp: '07', chh: '08', cmx: '09', dur: '10', gua: '11',
  gro: '12', hid: '13', jal: '14', mex: '15', mic: '16', mor: '17', nay: '18', nle: '19', oax: '20', pue: '21', que: '22',
  roo: '23', slp: '24', sin: '25', son: '26', tab: '27', tam: '28', tla: '29', ver: '30', yuc: '31', zac: '32',
};

interface MapLocation {
  id: string;
  name: string;
  path: string;
}

interface Props {
  counts: Map<string, number>;
  selected: string;
  onSelect: (stateCode: string) => void;
}

/** Shade from pale to the primary colour, proportional to the busiest state. */
function fill(count: number, max: number): string {
  if (!count || !max) return '#e9edf1';
  const t = 0.25 + 0.75 * (count / max);
  return `rgba(32, 94, 110, ${t.toFixed(2)})`;
}

/** The map; keyboard users filter with the state select next to it, so the map itself is one image. */
export function StateMap({ counts, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const max = Math.max(0, ...counts.values());
  const locations = (mexico as { viewBox: string; locations: MapLocation[] }).locations;
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const summary = busiest.length
    ? t('matrix.mapSummary', { states: busiest.map(([code, n]) => `${STATES.find((s) => s.code === code)?.name ?? code} (${n})`).join(', ') })
    : t('matrix.mapEmpty');

  return (
    <figure className="state-map">
      <svg viewBox={(mexico as { viewBox: string }).viewBox} role="img" aria-label={`${t('matrix.mapTitle')}. ${summary}`}>
        {locations.map((loc) => {
          const code = INEGI_BY_MAP_ID[loc.id];
          const n = counts.get(code) ?? 0;
          return (
            <path
              key={loc.id}
              d={loc.path}
              fill={fill(n, max)}
              className={code === selected ? 'state state-selected' : 'state'}
              onClick={() => onSelect(code === selected ? '' : code)}
            >
              <title>{`${STATES.find((s) => s.code === code)?.name ?? loc.name}: ${t('matrix.activitiesCount', { count: n })}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
