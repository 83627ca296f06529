/**
 * Kyrgyz territories as plans write them ("Ошская обл.", "Джалал-Абад. обл.", "Иссык-Кул.
 * обл.", "г. Бишкек", the seed's own "Джала-Абадская"), recognised as ISO 3166-2:KG codes.
 * Names stay as written; the code is what checks and searches use.
 */

interface TerritoryPattern {
  code: string;
  /** Cities of republican significance are not oblasts: "7 областей" does not count them. */
  city: boolean;
  pattern: RegExp;
}

const NOT_LETTER_BEFORE = '(?<!\\p{L})';
const NOT_LETTER_AFTER = '(?!\\p{L})';

const TERRITORIES: readonly TerritoryPattern[] = [
  { code: 'KG-GB', city: true, pattern: /бишкек|bishkek/iu },
  {
    code: 'KG-GO',
    city: true,
    pattern: new RegExp(
      `(?:${NOT_LETTER_BEFORE}г\\.?\\s*|город\\p{L}*\\s+)ош${NOT_LETTER_AFTER}|${NOT_LETTER_BEFORE}ош\\s+шаар|osh\\s+city|city\\s+of\\s+osh`,
      'iu',
    ),
  },
  {
    code: 'KG-O',
    city: false,
    pattern: /ошск|(?<!\p{L})ош\.?\s+обл|osh\s+(?:oblast|region)/iu,
  },
  { code: 'KG-B', city: false, pattern: /баткен|batken/iu },
  { code: 'KG-J', city: false, pattern: /д?жалал?\s*-?\s*абад|jalal?-?abad/iu },
  { code: 'KG-T', city: false, pattern: /талас|talas/iu },
  { code: 'KG-N', city: false, pattern: /нарын|naryn/iu },
  { code: 'KG-Y', city: false, pattern: /иссык|ысык|issyk|ysyk/iu },
  { code: 'KG-C', city: false, pattern: /чуй|чүй|chu[iy]|chüy/iu },
];

const LABELS: Record<string, string> = {
  'KG-GB': 'Bishkek city',
  'KG-GO': 'Osh city',
  'KG-O': 'Osh oblast',
  'KG-B': 'Batken oblast',
  'KG-J': 'Jalal-Abad oblast',
  'KG-T': 'Talas oblast',
  'KG-N': 'Naryn oblast',
  'KG-Y': 'Issyk-Kul oblast',
  'KG-C': 'Chüy oblast',
};

/** "Osh oblast (KG-O)", for messages. */
export function territoryLabel(code: string): string {
  return LABELS[code] ? `${LABELS[code]} (${code})` : code;
}

const CITY_CODES = new Set(TERRITORIES.filter((t) => t.city).map((t) => t.code));

export function isCity(code: string): boolean {
  return CITY_CODES.has(code);
}

/** The code of one territory name ("Ошская обл." → KG-O); null when none or several match. */
export function recogniseTerritory(name: string): string | null {
  const text = name.replace(/ё/g, 'е');
  const codes = TERRITORIES.filter((t) => t.pattern.test(text)).map((t) => t.code);
  return codes.length === 1 ? codes[0] : null;
}

/** What a territory column says: the territories it names, and "7 областей" if it counts them. */
export interface TerritoryMention {
  codes: Set<string>;
  /** "7 областей республики" → 7; null when it does not say. */
  oblastCount: number | null;
  /** "По республике": the whole country, nothing to compare. */
  wholeCountry: boolean;
}

export function readTerritoryText(text: string): TerritoryMention {
  const normalised = text.replace(/ё/g, 'е');
  const codes = new Set<string>();
  for (const territory of TERRITORIES) {
    if (territory.pattern.test(normalised)) codes.add(territory.code);
  }
  const count = /(\d+)\s*(?:-?\s*(?:х|ти|и|ми)\s+)?\s*област/iu.exec(normalised);
  return {
    codes,
    oblastCount: count ? Number(count[1]) : null,
    wholeCountry: /по\s+(?:всей\s+)?республик|вся\s+республик|nationwide/iu.test(normalised),
  };
}
