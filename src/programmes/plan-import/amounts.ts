/**
 * Reading the "maximum amount" cell of a plan, as in seed 001:
 *
 *   - Ошская обл.-         1 333,0 тыс. сом;
 *   -Джалал-Абад. обл.- 1 336,9;
 *   · Иссык-Кул. обл.-  443,0
 *    (2 р-на – 886,0  тыс. сом);
 *   (Всего-8475,7 тыс. сом)
 *
 * Territory lines ("name – figure [unit]"), per-district subtotals ("(2 р-на – 886,0 тыс. сом)")
 * and the stated total ("(Всего …)") are found by pattern anywhere in the cell, so lines broken
 * in the middle ("Чуйская обл. –\n 1 179,6;"), separators of any kind (-, –, "- –", ";", ".",
 * none) and bullets (-, ·) all read the same. Whatever is left over and is not punctuation is
 * returned as unparsed, never dropped. This module only reads; the checks are in lot-amounts.ts.
 */
import { parseDecimalDigits, type DecimalDigits } from './money.js';
import type { AmountUnit } from './types.js';

const SPACE = '[ \\u00A0\\u2007\\u2009\\u202F]';
/** "1 333,0", "481 692", "8475,7", "1097,2", "424.6" */
const NUMBER = `\\d{1,3}(?:${SPACE}\\d{3})+(?:[,.]\\d+)?(?!\\d)|\\d+(?:[,.]\\d+)?(?!\\d)`;
const SCALE = '(?<scale>тыс(?:яч\\p{L}*)?\\.?|млн\\.?|thousands?|millions?)';
const CURRENCY =
  '(?<currency>(?:сом(?:ов|а)?|тенге|тг|грн|гривен\\p{L}*|руб(?:лей|\\.)?|KGS|KZT|UAH|som)(?!\\p{L}))';
const UNIT = `(?<unit>\\s*(?:${SCALE}\\s*)?${CURRENCY}?)`;
const DASHES = '[-–—‐−:]';

/** "(2 р-на – 886,0  тыс. сом)" */
const DISTRICTS = new RegExp(
  `\\(\\s*(?<count>\\d+)\\s*(?:-?\\s*(?:х|ти|ми)\\s+)?(?:р-н\\p{L}*|район\\p{L}*)\\.?\\s*${DASHES}*\\s*(?<number>${NUMBER})${UNIT}\\s*\\)`,
  'dgiu',
);
/** "(Всего-8475,7 тыс. сом)", "(всего 2152,0 тыс. сомов)", "Итого: 500,0" */
const TOTAL = new RegExp(
  `\\(?\\s*(?:всего|итого|total)\\s*${DASHES}*\\s*(?<number>${NUMBER})${UNIT}\\s*\\.?\\s*\\)?`,
  'dgiu',
);
/** "Ошская обл.- 1 333,0 тыс. сом", "г. Бишкек - 362,0", "Нарынская - – 307,4" */
const ENTRY = new RegExp(
  `(?<name>\\p{L}[\\p{L}\\p{M} .'’\\-‐]*?)(?:\\s*${DASHES}+)*\\s*(?<number>${NUMBER})${UNIT}`,
  'dgu',
);
/** A figure with no name before it. */
const BARE = new RegExp(`(?<![\\p{L}\\d])(?<number>${NUMBER})${UNIT}`, 'dgu');
/** What may be left between the parts of a cell without meaning anything. */
const FILLER = /(?<!\p{L})(?:и|and|тыс|сом\p{L}*)(?!\p{L})\.?|[\s;.,:()\-–—‐−·•*"'«»]/giu;

/** One figure as written, not yet converted. */
export interface Figure {
  /** The figure and its unit as written, e.g. "1 333,0 тыс. сом". */
  raw: string;
  digits: DecimalDigits;
  /** The scale written on the figure, null when none is. */
  writtenUnit: AmountUnit | null;
  /** "сом" → KGS, null when no currency is written. */
  writtenCurrency: string | null;
  start: number;
  end: number;
}

export interface TerritoryLine {
  name: string;
  /** The line as written, name and figure. */
  raw: string;
  figure: Figure;
  districts?: { count: number; subtotal: Figure; raw: string };
}

export interface AmountCellReading {
  lines: TerritoryLine[];
  /** Figures without a territory name. */
  bare: Figure[];
  /** "(Всего …)" figures: normally one. */
  totals: Figure[];
  /** "(2 р-на – …)" that follows no territory line. */
  orphanDistricts: string[];
  /** Text left over that is neither a figure nor punctuation. */
  unparsed: string[];
}

function scaleOf(scale: string | undefined): AmountUnit | null {
  if (!scale) return null;
  const lower = scale.toLowerCase();
  if (lower.startsWith('тыс') || lower.startsWith('thousand')) return 'thousands';
  return 'millions';
}

export function currencyOf(word: string | undefined): string | null {
  if (!word) return null;
  const lower = word.toLowerCase();
  if (lower.startsWith('сом') || lower === 'som' || lower === 'kgs') return 'KGS';
  if (lower === 'тенге' || lower === 'тг' || lower === 'kzt') return 'KZT';
  if (lower === 'грн' || lower.startsWith('гривен') || lower === 'uah') return 'UAH';
  return 'RUB';
}

function figureOf(match: RegExpExecArray): Figure | null {
  const groups = match.groups ?? {};
  const numberSpan = match.indices?.groups?.number;
  const digits = parseDecimalDigits(groups.number ?? '');
  if (!digits || !numberSpan) return null;
  const unitText = (groups.unit ?? '').replace(/\s+$/u, '');
  const [start, numberEnd] = numberSpan;
  const end = numberEnd + unitText.length;
  const scale = scaleOf(groups.scale);
  const currency = currencyOf(groups.currency);
  return {
    raw: (groups.number + unitText).replace(/\s+/gu, ' ').trim(),
    digits,
    // "сом" alone is units; "тыс. сом" thousands; no word at all: unknown.
    writtenUnit: scale ?? (currency ? 'units' : null),
    writtenCurrency: currency,
    start,
    end,
  };
}

/** Marks [start, end) as read, so that later patterns and the left-over check skip it. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function cleanName(name: string): string {
  return name
    .replace(/^(?:и|and)\s+/iu, '')
    .replace(/[\s\-‐]+$/u, '')
    .trim();
}

export function readAmountCell(cell: string): AmountCellReading {
  let text = cell;
  const totals: Figure[] = [];
  const districtSpans: {
    start: number;
    end: number;
    count: number;
    subtotal: Figure;
    raw: string;
  }[] = [];

  for (const match of cell.matchAll(DISTRICTS)) {
    const subtotal = figureOf(match);
    if (!subtotal) continue;
    const end = match.index + match[0].length;
    districtSpans.push({
      start: match.index,
      end,
      count: Number(match.groups?.count),
      subtotal,
      raw: match[0].trim(),
    });
    text = blank(text, match.index, end);
  }

  for (const match of text.matchAll(TOTAL)) {
    const figure = figureOf(match);
    if (!figure) continue;
    totals.push(figure);
    text = blank(text, match.index, match.index + match[0].length);
  }

  const lines: TerritoryLine[] = [];
  const covered: { start: number; end: number; line: TerritoryLine }[] = [];
  for (const match of text.matchAll(ENTRY)) {
    const figure = figureOf(match);
    if (!figure) continue;
    const name = cleanName(match.groups?.name ?? '');
    const line: TerritoryLine = {
      name,
      raw: cell.slice(match.index, figure.end).replace(/\s+/gu, ' ').trim(),
      figure,
    };
    lines.push(line);
    covered.push({ start: match.index, end: figure.end, line });
  }
  for (const entry of covered) text = blank(text, entry.start, entry.end);

  // A district subtotal belongs to the territory line just before it.
  const orphanDistricts: string[] = [];
  for (const span of districtSpans) {
    const before = covered.filter((entry) => entry.end <= span.start);
    const owner = before.at(-1);
    const between = owner ? cell.slice(owner.end, span.start) : '';
    if (!owner || owner.line.districts || /\p{L}|\d/u.test(between.replace(FILLER, ''))) {
      orphanDistricts.push(span.raw);
      continue;
    }
    owner.line.districts = { count: span.count, subtotal: span.subtotal, raw: span.raw };
  }

  // Figures without a name count only in a cell that has no territory lines ("500,0 тыс. сом");
  // next to territory lines they are left over, and so reported with what surrounds them.
  const bare: Figure[] = [];
  for (const match of lines.length ? [] : text.matchAll(BARE)) {
    const figure = figureOf(match);
    if (!figure) continue;
    bare.push(figure);
    text = blank(text, figure.start, figure.end);
  }

  const unparsed = text
    .split(/\n|;/u)
    .map((fragment) => fragment.replace(/\s+/gu, ' ').trim())
    .filter((fragment) => fragment.replace(FILLER, '') !== '');

  return { lines, bare, totals, orphanDistricts, unparsed };
}
