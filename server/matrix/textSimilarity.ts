/**
 * Spanish-aware text similarity for overlap detection: normalization, stop words, light stemming,
 * and a similarity in [0,1] that blends stem overlap (meaning) with character trigrams (typos, variants).
 */

/** Spanish and English function words that carry no topic; titles are mixed-language in practice. */
const STOP_WORDS = new Set(
  (
    // Spanish
    'a al ante bajo con contra de del desde durante e el en entre esta este estos estas hacia hasta ' +
    'la las le les lo los mas mediante ni o os para pero por que se segun sin sobre su sus tras u ' +
    'un una unas unos y ya cual cuales como donde cuando muy tambien otro otra otros otras ' +
    // English
    'the of and for in on to a an at by from with into about as or its is are be this that these those ' +
    'via per within across between among'
  ).split(/\s+/),
);

/** Derivational suffixes, tried longest first, so "capacitaciones" and "capacitación" share the stem "capacit". */
const SUFFIXES = [
  'amientos', 'imientos', 'aciones', 'iciones', 'amiento', 'imiento', 'idades', 'adoras', 'adores',
  'ancias', 'encias', 'mente', 'acion', 'icion', 'idad', 'adora', 'ador', 'ancia', 'encia',
  'ismos', 'istas', 'ables', 'ibles', 'ismo', 'ista', 'able', 'ible', 'ivas', 'ivos', 'iva', 'ivo',
  'anzas', 'anza', 'ciones', 'siones', 'cion', 'sion', 'ias', 'ia', 'ings', 'ing', 'tions', 'tion',
].sort((x, y) => y.length - x.length);
/** A stem shorter than this is too ambiguous ("red" vs "redes" is fine, "a" is not). */
const MIN_STEM = 3;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Lowercases, strips accents (NFD) and punctuation, and collapses whitespace: "Capacitación, Trata" → "capacitacion trata". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Light Spanish stemmer: one derivational suffix, then plural, then a final gender vowel. */
export function stemToken(token: string): string {
  let t = token;
  if (/^\d+$/.test(t)) return t; // quantities matter as-is ("200" ≠ "20")
  for (const suffix of SUFFIXES) {
    if (t.endsWith(suffix) && t.length - suffix.length >= MIN_STEM) {
      t = t.slice(0, -suffix.length);
      break;
    }
  }
  // Plural: "-es" after a consonant (mujeres, leyes), else a bare "-s" (personas, apoyos).
  if (t.length > 4 && t.endsWith('es') && !VOWELS.has(t[t.length - 3])) t = t.slice(0, -2);
  else if (t.length > MIN_STEM && t.endsWith('s') && !t.endsWith('ss')) t = t.slice(0, -1);
  // Infinitive ("capacitar", "prevenir") meets its noun; the stem must keep 4 letters so "mujer" survives.
  if (t.length >= 6 && /(ar|er|ir)$/.test(t)) t = t.slice(0, -2);
  // Gender/number vowel: "organizado"/"organizada", "persona"/"personas" meet at the same stem.
  else if (t.length > MIN_STEM + 1 && (t.endsWith('a') || t.endsWith('o') || t.endsWith('e'))) t = t.slice(0, -1);
  return t;
}

/** Content tokens of a text: normalized, stop words dropped, stemmed. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const token of normalizeText(text).split(' ')) {
    if (!token || STOP_WORDS.has(token)) continue;
    out.push(stemToken(token));
  }
  return out;
}

/** Precomputed features of one text, so repeated comparisons don't re-normalize. */
export interface TextFeatures {
  /** Distinct stems. */
  stems: ReadonlySet<string>;
  /** Distinct character trigrams over the stems, each padded with spaces so word edges count. */
  trigrams: ReadonlySet<string>;
  /** The same without the stems that hold no letter (numbers), or null when every stem holds one. */
  words: { stems: ReadonlySet<string>; trigrams: ReadonlySet<string> } | null;
}

/** Builds the features of a text once; compare them with `featureSimilarity`. */
export function textFeatures(text: string): TextFeatures {
  // Each overlap pass indexes a whole neighbourhood (thousands of rows) whose titles rarely change: stemming them
  // again every pass was a tenth of the node's time under many activity edits. Features are never mutated.
  const known = featureCache.get(text);
  if (known) return known;
  const features = computeFeatures(text);
  if (featureCache.size >= FEATURE_CACHE_SIZE) featureCache.delete(featureCache.keys().next().value as string);
  featureCache.set(text, features);
  return features;
}

/** Texts whose features are kept (titles and targets of the activities passes compare). */
const FEATURE_CACHE_SIZE = 50_000;
const featureCache = new Map<string, TextFeatures>();

function trigramsOf(stems: Iterable<string>): Set<string> {
  const trigrams = new Set<string>();
  for (const stem of stems) {
    const padded = ` ${stem} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}

const HAS_LETTER = /\p{L}/u;

function computeFeatures(text: string): TextFeatures {
  const stems = new Set(contentStems(text));
  const wordStems = [...stems].filter((stem) => HAS_LETTER.test(stem));
  const words = wordStems.length === stems.size ? null : { stems: new Set(wordStems), trigrams: trigramsOf(wordStems) };
  return { stems, trigrams: trigramsOf(stems), words };
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Weight of stem overlap in the blend. Stems capture meaning; trigrams forgive typos and
 * stems the light stemmer missed ("capacitar" vs "capacitación"), but alone they over-reward
 * short shared fragments, so they get the smaller share.
 */
const STEM_WEIGHT = 0.6;

/** Similarity in [0,1] of two precomputed texts; 0 when either has no content words. */
export function featureSimilarity(a: TextFeatures, b: TextFeatures): number {
  if (a.stems.size === 0 || b.stems.size === 0) return 0;
  // A number two titles share says nothing alone: "Taller 2027" and "Foro 2027" are not one activity. Unless they
  // share a word too, they are compared on their words only (both must have some).
  if (a.words || b.words) {
    const wa = a.words ?? a;
    const wb = b.words ?? b;
    if (wa.stems.size > 0 && wb.stems.size > 0 && !sharesAny(wa.stems, wb.stems)) return blend(wa, wb);
  }
  return blend(a, b);
}

function blend(a: { stems: ReadonlySet<string>; trigrams: ReadonlySet<string> }, b: { stems: ReadonlySet<string>; trigrams: ReadonlySet<string> }): number {
  const s = STEM_WEIGHT * dice(a.stems, b.stems) + (1 - STEM_WEIGHT) * dice(a.trigrams, b.trigrams);
  return Math.min(1, Math.max(0, s));
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/**
 * Placeholders people type in a target before it is agreed ("Por definir", "N/A", "TBD"), normalized: two of them
 * are not the same target, so they read as no target at all.
 */
const PLACEHOLDER_TARGETS = new Set(
  [
    'por definir', 'por determinar', 'sin definir', 'a definir', 'pendiente', 'pendiente de definir', 'no aplica', 'n a', 'na', 'nd', 'n d',
    'sin meta', 'ninguno', 'ninguna', 'tbd', 'tbc', 'to be defined', 'to be determined', 'to be confirmed', 'pending', 'none', 'not applicable', 'x',
  ],
);
const NO_FEATURES: TextFeatures = { stems: new Set(), trigrams: new Set(), words: null };

/** The features of an activity's target: none for a placeholder, or for a bare number ("100%") that names nothing. */
export function targetFeatures(text: string): TextFeatures {
  const normal = normalizeText(text);
  if (PLACEHOLDER_TARGETS.has(normal) || !/\p{L}/u.test(normal)) return NO_FEATURES;
  return textFeatures(text);
}

/** Similarity in [0,1] of two texts (accent-, case-, stop-word- and plural-insensitive). */
export function textSimilarity(a: string, b: string): number {
  return featureSimilarity(textFeatures(a), textFeatures(b));
}
