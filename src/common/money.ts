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
