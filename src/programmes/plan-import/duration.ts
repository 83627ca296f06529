import type { ParsedDuration } from './types.js';

export type DurationReading =
  { ok: true; duration: ParsedDuration } | { ok: false; reason: 'missing' | 'unparsed' };

const UP_TO = '(?<upTo>до|не\\s+более|up\\s+to|max(?:imum)?\\.?)?';
const MONTHS = new RegExp(
  `^${UP_TO}\\s*(?<count>\\d+)\\s*(?:-?\\s*(?:ти|х|и)\\s+)?(?:мес(?:яц\\p{L}*)?\\.?|months?)$`,
  'iu',
);
const YEARS = new RegExp(`^${UP_TO}\\s*(?<count>\\d+)\\s*(?:год\\p{L}*|лет|years?)\\.?$`, 'iu');

/** "12 мес." → 12; "До 6 мес." → up to 6; "1 год" → 12. Anything else is not guessed at. */
export function readDuration(cell: string | undefined): DurationReading {
  const raw = (cell ?? '').replace(/[\s\u00A0]+/gu, ' ').trim();
  if (raw === '') return { ok: false, reason: 'missing' };
  const months = MONTHS.exec(raw);
  const years = months ? null : YEARS.exec(raw);
  const match = months ?? years;
  if (!match?.groups) return { ok: false, reason: 'unparsed' };
  const count = Number(match.groups.count);
  return {
    ok: true,
    duration: { raw, months: years ? count * 12 : count, upTo: Boolean(match.groups.upTo) },
  };
}
