import { type AmountUnit, UNIT_EXPONENT } from '../../common/money.js';

/** A decimal figure as digit strings: "1 333,0" is { integer: '1333', fraction: '0' }. */
export interface DecimalDigits {
  integer: string;
  fraction: string;
}

/** Group separators used in Russian-format numbers: space, no-break, thin, narrow no-break. */
const GROUP_SEPARATORS = /[ \u00A0\u2007\u2009\u202F]/g;

/**
 * Reads a number token as written in a Russian document: groups of three separated by spaces
 * (any kind), a decimal comma (a decimal point is accepted too). Null if it is not one.
 */
export function parseDecimalDigits(token: string): DecimalDigits | null {
  const compact = token.replace(GROUP_SEPARATORS, '');
  const match = /^(\d+)(?:[,.](\d+))?$/.exec(compact);
  if (!match) return null;
  return { integer: match[1], fraction: match[2] ?? '' };
}

/** "1333.0" for display and comparison; keeps the digits written after the comma. */
export function decimalString(digits: DecimalDigits): string {
  const integer = digits.integer.replace(/^0+(?=\d)/, '');
  return digits.fraction ? `${integer}.${digits.fraction}` : integer;
}

export type MinorResult =
  { ok: true; minor: number } | { ok: false; reason: 'precision' | 'range' };

/**
 * Exact conversion of a decimal figure in a unit to integer minor units, with BigInt: "1 333,0"
 * thousands of som is 133,300,000 tyiyn. Refuses (never rounds) a figure finer than a minor unit
 * or beyond Number.MAX_SAFE_INTEGER.
 */
export function toMinorUnits(
  digits: DecimalDigits,
  unit: AmountUnit,
  minorDigits: number,
): MinorResult {
  const scale = UNIT_EXPONENT[unit] + minorDigits;
  const all = BigInt(digits.integer + digits.fraction);
  const shift = scale - digits.fraction.length;
  let minor: bigint;
  if (shift >= 0) {
    minor = all * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (all % divisor !== 0n) return { ok: false, reason: 'precision' };
    minor = all / divisor;
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'range' };
  return { ok: true, minor: Number(minor) };
}

/** Converts minor units from one unit's reading to another's, exactly (BigInt). */
export function rescaleMinor(minor: number, from: AmountUnit, to: AmountUnit): bigint {
  const delta = UNIT_EXPONENT[to] - UNIT_EXPONENT[from];
  const value = BigInt(minor);
  return delta >= 0 ? value / 10n ** BigInt(delta) : value * 10n ** BigInt(-delta);
}

/** Sum of safe integers, exactly; null if it leaves the safe range. */
export function sumMinor(values: readonly number[]): number | null {
  const total = values.reduce((sum, value) => sum + BigInt(value), 0n);
  return total > BigInt(Number.MAX_SAFE_INTEGER) || total < -BigInt(Number.MAX_SAFE_INTEGER)
    ? null
    : Number(total);
}
