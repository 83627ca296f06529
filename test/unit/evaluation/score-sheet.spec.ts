import { describe, expect, it } from '@jest/globals';
import {
  checkScoreSheet,
  memberTotal,
  totalScale,
} from '../../../src/evaluation/scoring/score-sheet.js';
import type { ScoringCriterion } from '../../../src/evaluation/scoring/scoring.types.js';

const criteria: ScoringCriterion[] = [
  { code: 'experience', maxPoints: 10, weight: 2, naAllowed: false },
  { code: 'plan', maxPoints: 20, weight: 1, minimum: 8, naAllowed: false },
  { code: 'budget', maxPoints: 10, naAllowed: true }, // weight 1 by default
];

const problemsOf = (points: unknown, options = {}) => {
  const check = checkScoreSheet(criteria, points, options);
  return check.ok ? [] : check.problems.map(({ field, code }) => ({ field, code }));
};

describe('checking a score sheet', () => {
  it('accepts points with up to 2 decimals, the bounds, and NA where allowed', () => {
    expect(checkScoreSheet(criteria, { experience: 7.25, plan: 0, budget: 'NA' })).toEqual({
      ok: true,
      points: { experience: 7.25, plan: 0, budget: 'NA' },
    });
    // 1.15 · 100 = 114.99999999999999 in floating point: still 2 decimals
    expect(problemsOf({ experience: 1.15, plan: 20, budget: 10 })).toEqual([]);
  });

  it('names every refused field with its reason', () => {
    expect(
      problemsOf({ experience: 'NA', plan: 20.5, budget: 7.125, extra: 3 }).toSorted((a, b) =>
        a.field.localeCompare(b.field),
      ),
    ).toEqual([
      { field: 'points.budget', code: 'too-many-decimals' },
      { field: 'points.experience', code: 'not-applicable-refused' },
      { field: 'points.extra', code: 'unknown-criterion' },
      { field: 'points.plan', code: 'out-of-range' },
    ]);
    expect(problemsOf({ experience: -1, plan: '12', budget: Infinity })).toEqual([
      { field: 'points.experience', code: 'out-of-range' },
      { field: 'points.plan', code: 'not-a-number' },
      { field: 'points.budget', code: 'not-a-number' },
    ]);
  });

  it('requires every criterion on submission and lets a draft leave some out', () => {
    expect(problemsOf({ experience: 5 })).toEqual([
      { field: 'points.plan', code: 'unanswered' },
      { field: 'points.budget', code: 'unanswered' },
    ]);
    expect(problemsOf({ experience: 5 }, { partial: true })).toEqual([]);
    expect(problemsOf({}, { partial: true })).toEqual([]);
  });

  it('refuses a submission that marks every criterion NA', () => {
    const allOptional = criteria.map((criterion) => ({ ...criterion, naAllowed: true }));
    const check = checkScoreSheet(allOptional, { experience: 'NA', plan: 'NA', budget: 'NA' });
    expect(check.ok ? [] : check.problems).toEqual([
      { field: 'points', code: 'nothing-scored', messages: [expect.any(String)] },
    ]);
  });

  it('refuses points that are not an object, under the field name given', () => {
    expect(problemsOf([1, 2, 3])).toEqual([{ field: 'points', code: 'not-an-object' }]);
    expect(problemsOf(null, { field: 'sheet.points' })).toEqual([
      { field: 'sheet.points', code: 'not-an-object' },
    ]);
  });

  it('does not take inherited keys for answers', () => {
    const tricky = [{ code: 'constructor', maxPoints: 5, naAllowed: false }];
    expect(checkScoreSheet(tricky, {}).ok).toBe(false);
  });
});

describe("a member's total", () => {
  it('sum adds the points given and leaves NA out', () => {
    // 8 + 16 + 8 = 32; with budget NA: 8 + 16 = 24
    expect(memberTotal(criteria, { experience: 8, plan: 16, budget: 8 }, 'sum')).toBe(32);
    expect(memberTotal(criteria, { experience: 8, plan: 16, budget: 'NA' }, 'sum')).toBe(24);
    expect(totalScale(criteria, 'sum')).toBe(40); // 10 + 20 + 10
  });

  it('weighted mean is 100 · Σ wᵢ·pᵢ/maxᵢ / Σ wᵢ over the scored criteria', () => {
    // 2·8/10 + 1·16/20 + 1·8/10 = 1.6 + 0.8 + 0.8 = 3.2; / (2 + 1 + 1) = 0.8 → 80
    expect(memberTotal(criteria, { experience: 8, plan: 16, budget: 8 }, 'weightedMean')).toBe(80);
    // budget NA: (1.8 + 0.9) / (2 + 1) = 0.9 → 90, not (1.8 + 0.9 + 0) / 4 = 67.5
    expect(
      memberTotal(criteria, { experience: 9, plan: 18, budget: 'NA' }, 'weightedMean'),
    ).toBeCloseTo(90, 12);
    expect(totalScale(criteria, 'weightedMean')).toBe(100);
  });

  it('refuses a sheet that misses a criterion or scores none', () => {
    expect(() => memberTotal(criteria, { experience: 8, plan: 16 }, 'sum')).toThrow(RangeError);
    const optional = [{ code: 'budget', maxPoints: 10, naAllowed: true }];
    expect(() => memberTotal(optional, { budget: 'NA' }, 'weightedMean')).toThrow(RangeError);
  });
});
