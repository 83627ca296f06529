import { describe, expect, it } from '@jest/globals';
import {
  aggregateOf,
  mean,
  median,
  populationStddev,
  trimmedMean,
} from '../../../src/evaluation/scoring/statistics.js';

describe('statistics of members totals', () => {
  it('median of an odd count is the middle value, of an even count the mean of the middle two', () => {
    expect(median([20, 22, 20])).toBe(20);
    // sorted 9, 13, 19, 21 → (13 + 19) / 2 = 16
    expect(median([19, 9, 21, 13])).toBe(16);
  });

  it('trimmed mean drops one highest and one lowest from 3 values on', () => {
    // 10, 12, 15, 20, 24 → (12 + 15 + 20) / 3 = 15.666…
    expect(trimmedMean([24, 10, 15, 20, 12])).toBeCloseTo(47 / 3, 12);
    // 20, 20, 22 → 20 (one 20 dropped as the lowest, 22 as the highest)
    expect(trimmedMean([22, 20, 20])).toBe(20);
    // equal highest values: only one is dropped: 5, 9, 9, 9 → (9 + 9) / 2
    expect(trimmedMean([9, 5, 9, 9])).toBe(9);
  });

  it('trimmed mean below 3 values is the plain mean', () => {
    expect(trimmedMean([10, 20])).toBe(15);
    expect(trimmedMean([7])).toBe(7);
  });

  it('standard deviation is the population one (divides by n)', () => {
    // 19, 9, 21, 13: mean 15.5; squares 12.25 + 42.25 + 30.25 + 6.25 = 91; 91 / 4 = 22.75
    expect(populationStddev([19, 9, 21, 13])).toBeCloseTo(Math.sqrt(22.75), 12);
    expect(populationStddev([5])).toBe(0);
  });

  it('aggregates by the chosen method', () => {
    const totals = [19, 9, 21, 13];
    expect(aggregateOf('mean', totals)).toBe(15.5);
    expect(aggregateOf('sum', totals)).toBe(62);
    expect(aggregateOf('median', totals)).toBe(16);
    // drop 9 and 21 → (13 + 19) / 2
    expect(aggregateOf('trimmedMean', totals)).toBe(16);
  });

  it('refuses to aggregate nothing', () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => aggregateOf('sum', [])).toThrow(RangeError);
  });
});
