import type { ValueTransformer } from 'typeorm';

/**
 * Money is integer minor units (tyiyn, tiyn, kopiyka) with an ISO 4217 currency. PostgreSQL
 * bigint arrives as a string; amounts here stay far below 2^53, and anything above is refused
 * rather than rounded.
 */
export const minorUnits: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const amount = Number(value);
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${value} is out of range`);
    return amount;
  },
};

/**
 * The scale a figure is written in, in major units of the currency: "тыс. сом" is thousands,
 * "сом" is units, "млн" is millions.
 */
export type AmountUnit = 'units' | 'thousands' | 'millions';

/** Powers of ten of each unit, in major units of the currency. */
export const UNIT_EXPONENT: Record<AmountUnit, number> = { units: 0, thousands: 3, millions: 6 };

const UNIT_LABEL: Record<AmountUnit, string> = {
  units: '',
  thousands: ' thousand',
  millions: ' million',
};

/** Known currencies' minor digits: building an Intl formatter costs more than the rest. */
const minorDigits = new Map<string, number>();

/** Digits of the currency's minor unit (2 for KGS, KZT, UAH), from ICU. */
export function minorDigitsOf(currency: string): number {
  const known = minorDigits.get(currency);
  if (known !== undefined) return known;
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError(`currency must be an ISO 4217 code, got "${currency}"`);
  }
  const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
  const digits = options.maximumFractionDigits ?? 2;
  minorDigits.set(currency, digits);
  return digits;
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Exact decimal rendering of minor units in a unit, for messages: 847570000 tyiyn in thousands
 * is "8,475.7 thousand KGS"; trailing zeros beyond the first decimal are dropped.
 */
export function formatAmount(
  minor: number,
  unit: AmountUnit,
  minorDigits: number,
  currency: string,
): string {
  const negative = minor < 0;
  const digits = (negative ? -BigInt(minor) : BigInt(minor)).toString();
  const scale = UNIT_EXPONENT[unit] + minorDigits;
  const padded = digits.padStart(scale + 1, '0');
  const integer = padded.slice(0, padded.length - scale);
  let fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
  if (unit !== 'units' && fraction === '') fraction = '0';
  if (unit === 'units' && fraction !== '') fraction = fraction.padEnd(minorDigits, '0');
  const number = groupThousands(integer) + (fraction ? `.${fraction}` : '');
  return `${negative ? '−' : ''}${number}${UNIT_LABEL[unit]} ${currency}`;
}

/** "847,570,000 minor units" */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '−' : '';
  return `${sign}${groupThousands(Math.abs(minor).toString())} minor units`;
}
