/**
 * Scores are published and compared at 4 decimal places: two applications tie exactly when
 * their published scores are equal, so what the protocol shows is what ranked them.
 */
export const SCORE_DECIMALS = 4;

const UNITS_PER_POINT = 10 ** SCORE_DECIMALS;

/**
 * The score as a whole number of the last published decimal. The nudge of a millionth of that
 * unit makes a value that floating-point arithmetic left just below a half round the same way
 * as one that landed on or just above it, so equal scores computed along different paths
 * (80 + 75 vs 77.5 · 2, 0.1 + 0.2 vs 0.3) always get the same key.
 */
export function scoreKey(value: number): number {
  return Math.round(value * UNITS_PER_POINT + 1e-6);
}

/** The score as published (adding 0 turns -0 into 0). */
export function roundScore(value: number): number {
  return scoreKey(value) / UNITS_PER_POINT + 0;
}

/** Negative when a is below b, 0 when they are equal as published, positive when above. */
export function compareScores(a: number, b: number): number {
  return scoreKey(a) - scoreKey(b);
}
