import { describe, expect, it } from '@jest/globals';
import { compareScores, roundScore, scoreKey } from '../../../src/evaluation/scoring/precision.js';

describe('scores compared as published (4 decimals)', () => {
  it('treats 0.1 + 0.2 and 0.3 as the same score', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(compareScores(0.1 + 0.2, 0.3)).toBe(0);
  });

  it('gives a half computed just below and just above its true value the same key', () => {
    // 0.00015 · 10⁴ = 1.4999999999999998, (0.0001 + 0.00005) · 10⁴ = 1.5000000000000002:
    // a plain Math.round gives 1 and 2; both are the published 0.0002.
    expect(Math.round(0.00015 * 1e4)).not.toBe(Math.round((0.0001 + 0.00005) * 1e4));
    expect(scoreKey(0.00015)).toBe(2);
    expect(scoreKey(0.0001 + 0.00005)).toBe(2);
    // 12.34565 · 10⁴ = 123456.49999999999 rounds up like the true 123456.5.
    expect(roundScore(12.34565)).toBe(12.3457);
  });

  it('ties equal means reached by different sums', () => {
    // (80 + 67.5 + 90 + 72.5) / 4 = 77.5 = (75 + 77.5 + 80 + 77.5) / 4
    expect(compareScores((80 + 67.5 + 90 + 72.5) / 4, (75 + 77.5 + 80 + 77.5) / 4)).toBe(0);
    // 100 · 2.15 / 3 = 71.666…: the same published score as 71.6667
    expect(compareScores((100 * (1.8 + 0.35)) / 3, 71.6667)).toBe(0);
  });

  it('separates scores that differ in the 4th decimal and ties finer differences', () => {
    expect(compareScores(77.5001, 77.5)).toBeGreaterThan(0);
    expect(compareScores(77.49999, 77.5)).toBe(0);
    expect(compareScores(77.50004, 77.5)).toBe(0);
  });

  it('publishes a tiny negative as 0, not -0', () => {
    expect(Object.is(roundScore(-0.00001), 0)).toBe(true);
    expect(roundScore(-0.55618621785)).toBe(-0.5562);
  });
});
