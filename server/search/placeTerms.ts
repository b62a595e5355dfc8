/**
 * The places a search word names. Activities keep where they happen as INEGI codes («07089»), which nobody types:
 * a search for «Tapachula» or «Chiapas» should still find the activities there. A word names a state or a
 * municipality when it begins one of the words of its name (accents and case aside, as the text search matches) and
 * has at least three letters, or when it is a municipality's five-digit code.
 */
import { STATES } from '../../shared/constants.js';
import { municipalitiesIn } from '../../shared/municipalities.js';
import { foldText } from '../../shared/textFold.js';

/** The codes one search word names. */
export interface PlaceCodes {
  states: string[];
  /** Municipalities named, and those of the states named (an activity may list only its municipalities). */
  municipalities: string[];
}

interface NamedPlace {
  code: string;
  words: string[];
}

interface PlaceIndex {
  states: NamedPlace[];
  municipalities: NamedPlace[];
  municipalityCodes: Set<string>;
}

let index: PlaceIndex | undefined;

/** The shortest word taken as the beginning of a place's name. */
const MIN_NAME_PREFIX = 3;

const wordsOf = (name: string) => foldText(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

// Built on the first search that needs it: 2,478 names, folded once.
function placeIndex(): PlaceIndex {
  index ??= (() => {
    const municipalities = municipalitiesIn([]).map((m) => ({ code: m.code, words: wordsOf(m.name) }));
    return {
      states: STATES.map((s) => ({ code: s.code, words: wordsOf(s.name) })),
      municipalities,
      municipalityCodes: new Set(municipalities.map((m) => m.code)),
    };
  })();
  return index;
}

/** The states and municipalities a folded query word names (both empty when it names none). */
export function placesNamed(word: string): PlaceCodes {
  const { states, municipalities, municipalityCodes } = placeIndex();
  if (/^\d{5}$/.test(word)) return { states: [], municipalities: municipalityCodes.has(word) ? [word] : [] };
  // «de», «la», «el» begin hundreds of names and name no place: almost every query has one.
  if (word.length < MIN_NAME_PREFIX) return { states: [], municipalities: [] };
  const begins = (p: NamedPlace) => p.words.some((w) => w.startsWith(word));
  const stateCodes = states.filter(begins).map((s) => s.code);
  const inStates = new Set(stateCodes);
  const municipalityHits = municipalities.filter((m) => inStates.has(m.code.slice(0, 2)) || begins(m)).map((m) => m.code);
  return { states: stateCodes, municipalities: municipalityHits };
}
