/**
 * Indicator targets where the plan states them plainly: a count followed by who is counted,
 * "25 детям", "20 работающим детям", "120 ЛОВЗ", "По 84 человека". Ranges ("15-20 человек"),
 * years ("2015 -2018 гг."), territories ("в 3 регионах", "2 областях") and months are not
 * targets and are left alone; the text itself is always kept on the lot.
 */
import type { ParsedIndicatorTarget } from './types.js';

/** Who a plan counts. Stems, matched at the start of a word. */
const COUNTED =
  '(?:дет\\p{L}*|ребен\\p{L}*|ребён\\p{L}*|подрост\\p{L}*|выпускник\\p{L}*|человек\\p{L}*|граждан\\p{L}*|ЛОВЗ|лиц(?:а|ам|ами)?|семь\\p{L}*|семей|женщин\\p{L}*|молодеж\\p{L}*|молодёж\\p{L}*|клиент\\p{L}*|получател\\p{L}*|участник\\p{L}*|пострадавш\\p{L}*|инвалид\\p{L}*|children|persons?|people|families|beneficiar\\p{L}*|clients?)(?!\\p{L})';

const TARGET = new RegExp(
  // not the second half of a range ("15-20"), nor a figure glued to another
  `(?<![\\d.,]|\\d\\s*[-–—]\\s*)(?<per>(?<!\\p{L})(?:по|per)\\s+)?(?<![\\d.,])(?<count>\\d{1,6})(?!\\s*[-–—]\\s*\\d)(?![\\d.,]\\d)` +
    // "30 ти ЛОВЗ", "2-х"
    `(?:\\s*-?\\s*(?:ти|х|ми)(?!\\p{L}))?` +
    // up to two words between the count and who is counted: "20 работающим детям"
    `\\s+(?<unit>(?:\\p{L}+\\s+){0,2}?${COUNTED})`,
  'giu',
);

/** The clause a match sits in: the list item, without its bullet. */
function clauseAround(text: string, index: number, length: number): string {
  const before = text.lastIndexOf('\n', index);
  const after = text.indexOf('\n', index + length);
  return text
    .slice(before + 1, after === -1 ? text.length : after)
    .replace(/^[\s\-–—·•*]+/u, '')
    .replace(/[\s;]+$/u, '')
    .replace(/[\s\u00A0]+/gu, ' ')
    .trim();
}

/** The first few letters of who is counted: "детям" and "детей" are the same people. */
function countedKey(unit: string): string {
  const words = unit.toLowerCase().split(/\s+/u);
  return (words.at(-1) ?? '').slice(0, 4);
}

export function extractIndicatorTargets(
  fields: readonly { field: ParsedIndicatorTarget['field']; text: string | null }[],
): ParsedIndicatorTarget[] {
  const found: ParsedIndicatorTarget[] = [];
  const seen = new Set<string>();
  for (const { field, text } of fields) {
    if (!text) continue;
    for (const match of text.matchAll(TARGET)) {
      const groups = match.groups ?? {};
      const target = Number(groups.count);
      const unit = (groups.unit ?? '').replace(/\s+/gu, ' ').trim();
      if (!Number.isSafeInteger(target) || target <= 0 || !unit) continue;
      // The same count of the same people stated twice (goals, then expected results) is one target.
      const key = `${target}:${countedKey(unit)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({
        description: clauseAround(text, match.index, match[0].length),
        target,
        unit,
        perTerritory: Boolean(groups.per),
        field,
      });
    }
  }
  return found;
}
