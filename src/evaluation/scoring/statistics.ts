import type { AggregateMethod } from './scoring.types.js';

function nonEmpty(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`The ${what} of no values is undefined`);
}

export function mean(values: readonly number[]): number {
  nonEmpty(values, 'mean');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  nonEmpty(values, 'median');
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The mean without one highest and one lowest value (one each, even when several are equal).
 * Below 3 values nothing would remain to trim from both ends, so it is the plain mean.
 */
export function trimmedMean(values: readonly number[]): number {
  if (values.length < 3) return mean(values);
  return mean(values.toSorted((a, b) => a - b).slice(1, -1));
}

/** Population standard deviation (divides by n: the sheets are all there is, not a sample). */
export function populationStddev(values: readonly number[]): number {
  const centre = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - centre) ** 2)));
}

/** The members' totals for one application combined by the programme's method. */
export function aggregateOf(method: AggregateMethod, values: readonly number[]): number {
  switch (method) {
    case 'mean':
      return mean(values);
    case 'sum':
      nonEmpty(values, 'sum');
      return values.reduce((sum, value) => sum + value, 0);
    case 'median':
      return median(values);
    case 'trimmedMean':
      return trimmedMean(values);
  }
}
