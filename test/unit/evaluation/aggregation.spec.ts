import { describe, expect, it } from '@jest/globals';
import {
  aggregateApplications,
  type ApplicationScores,
  type EvaluationRules,
  type ScoreSheet,
} from '../../../src/evaluation/scoring/aggregation.js';
import type { SheetPoints } from '../../../src/evaluation/scoring/scoring.types.js';

const members = ['m1', 'm2', 'm3', 'm4', 'm5'];

const rules: EvaluationRules = {
  criteria: [
    { code: 'q', maxPoints: 10, minimum: 4, naAllowed: false },
    { code: 'r', maxPoints: 10, naAllowed: true },
    { code: 's', maxPoints: 5, naAllowed: false },
  ],
  totalMethod: 'sum', // scale 10 + 10 + 5 = 25
  minTotal: 14,
};

const sheet = (memberId: string, points: SheetPoints, submitted = true): ScoreSheet => ({
  memberId,
  points,
  submitted,
});

const application = (
  applicationId: string,
  sheets: ScoreSheet[],
  recusedMemberIds: string[] = [],
): ApplicationScores => ({
  applicationId,
  submittedAt: new Date('2026-03-01T09:00:00Z'),
  recusedMemberIds,
  sheets,
});

/*
 * m5 never submits (a draft on A); m4 is recused on B, yet a sheet of theirs is there.
 *
 * A      q   r   s   total (sum)
 * m1     8   7   4   19
 * m2     6  NA   3    9
 * m3     7   9   5   21
 * m4     5   6   2   13
 * m5    10  10   5   (draft: not counted)
 * mean 62 / 4 = 15.5, min 9, max 21, range 12
 * stddev: deviations 3.5, −6.5, 5.5, −2.5 → 12.25 + 42.25 + 30.25 + 6.25 = 91 / 4 = 22.75
 *   → √22.75 = 4.7697; 4.7697 > 15% of 25 = 3.75 and 12 > 25% of 25 = 6.25 → high spread
 * q mean (8 + 6 + 7 + 5) / 4 = 6.5; r mean over the 3 who scored it (7 + 9 + 6) / 3 = 7.3333;
 * s mean (4 + 3 + 5 + 2) / 4 = 3.5. 15.5 ≥ 14 and 6.5 ≥ 4 → qualified.
 *
 * B      q   r   s   total
 * m1     9   8   5   22
 * m2     8   8   4   20
 * m3     9   7   4   20
 * m4     1   1   1   (recused: ignored)
 * mean 62 / 3 = 20.6667, median 20, stddev √((1.7778 + 0.4444 + 0.4444) / 3) = 0.9428
 *
 * C      q   r   s   total
 * m1     3   8   5   16
 * m2     4   9   5   18
 * m3     2  NA   4    6
 * m4     4   7   4   15
 * mean 55 / 4 = 13.75 < 14; q mean 13 / 4 = 3.25 < 4 → below threshold, two reasons
 *
 * D: only m5's draft → unscored
 */
const lot = [
  application('A', [
    sheet('m1', { q: 8, r: 7, s: 4 }),
    sheet('m2', { q: 6, r: 'NA', s: 3 }),
    sheet('m3', { q: 7, r: 9, s: 5 }),
    sheet('m4', { q: 5, r: 6, s: 2 }),
    sheet('m5', { q: 10, r: 10, s: 5 }, false),
  ]),
  application(
    'B',
    [
      sheet('m1', { q: 9, r: 8, s: 5 }),
      sheet('m2', { q: 8, r: 8, s: 4 }),
      sheet('m3', { q: 9, r: 7, s: 4 }),
      sheet('m4', { q: 1, r: 1, s: 1 }),
    ],
    ['m4'],
  ),
  application('C', [
    sheet('m1', { q: 3, r: 8, s: 5 }),
    sheet('m2', { q: 4, r: 9, s: 5 }),
    sheet('m3', { q: 2, r: 'NA', s: 4 }),
    sheet('m4', { q: 4, r: 7, s: 4 }),
  ]),
  application('D', [sheet('m5', { q: 1, r: 1, s: 1 }, false)]),
];

describe('aggregating the sheets of a lot', () => {
  const [a, b, c, d] = aggregateApplications(members, lot, rules);

  it('counts only submitted sheets and names who was left out', () => {
    expect(a).toMatchObject({
      count: 4,
      aggregate: 15.5,
      min: 9,
      max: 21,
      stddev: 4.7697,
      highSpread: true,
      scale: 25,
      status: 'qualified',
      reasons: [],
      excluded: { recused: [], notSubmitted: ['m5'], notMember: [] },
    });
    expect(a.sheets.map(({ memberId, total }) => [memberId, total])).toEqual([
      ['m1', 19],
      ['m2', 9],
      ['m3', 21],
      ['m4', 13],
    ]);
  });

  it('leaves NA out of the criterion mean instead of counting it as zero', () => {
    expect(a.criteria).toEqual([
      { code: 'q', mean: 6.5, scored: 4, notApplicable: 0 },
      { code: 'r', mean: 7.3333, scored: 3, notApplicable: 1 },
      { code: 's', mean: 3.5, scored: 4, notApplicable: 0 },
    ]);
  });

  it("ignores a recused member's sheet and reports the recusal", () => {
    expect(b).toMatchObject({
      count: 3,
      aggregate: 20.6667,
      min: 20,
      max: 22,
      stddev: 0.9428,
      highSpread: false,
      excluded: { recused: ['m4'], notSubmitted: ['m5'], notMember: [] },
    });
    expect(b.sheets.map(({ memberId }) => memberId)).toEqual(['m1', 'm2', 'm3']);
  });

  it('marks an application below a criterion minimum and the minimum total, with both reasons', () => {
    expect(c.status).toBe('belowThreshold');
    expect(c.aggregate).toBe(13.75);
    expect(c.reasons).toEqual([
      { kind: 'criterionMinimum', criterion: 'q', mean: 3.25, minimum: 4 },
      { kind: 'minTotal', aggregate: 13.75, minTotal: 14 },
    ]);
  });

  it('marks an application no counted sheet scored as unscored', () => {
    expect(d).toMatchObject({
      status: 'unscored',
      count: 0,
      aggregate: null,
      normalisedAggregate: null,
      min: null,
      max: null,
      stddev: null,
      highSpread: false,
      excluded: { recused: [], notSubmitted: ['m1', 'm2', 'm3', 'm4', 'm5'] },
    });
    expect(d.criteria[0]).toEqual({ code: 'q', mean: null, scored: 0, notApplicable: 0 });
  });

  it('aggregates by the programme method: sum, median of an even count, trimmed mean', () => {
    const by = (aggregateMethod: EvaluationRules['aggregateMethod']) =>
      aggregateApplications(members, lot, { ...rules, aggregateMethod }).map(
        ({ aggregate }) => aggregate,
      );
    // A 19 + 9 + 21 + 13 = 62, B 22 + 20 + 20 = 62, C 16 + 18 + 6 + 15 = 55
    expect(by('sum')).toEqual([62, 62, 55, null]);
    // A sorted 9, 13, 19, 21 → (13 + 19) / 2 = 16; B 20; C 6, 15, 16, 18 → 15.5
    expect(by('median')).toEqual([16, 20, 15.5, null]);
    // A drop 9 and 21 → 16; B drop 20 and 22 → 20; C drop 6 and 18 → (15 + 16) / 2 = 15.5
    expect(by('trimmedMean')).toEqual([16, 20, 15.5, null]);
  });

  it('applies a criterion minimum on the mean of those who scored it, and none when all said NA', () => {
    const strict: EvaluationRules = {
      ...rules,
      criteria: [
        { code: 'q', maxPoints: 10, naAllowed: false },
        { code: 'r', maxPoints: 10, minimum: 8, naAllowed: true },
      ],
      minTotal: null,
    };
    const [scoredLow, allNa] = aggregateApplications(
      ['m1', 'm2'],
      [
        // r: (7 + NA) → mean 7 over 1 sheet < 8; a zero for the NA would give 3.5
        application('X', [sheet('m1', { q: 5, r: 7 }), sheet('m2', { q: 5, r: 'NA' })]),
        application('Y', [sheet('m1', { q: 5, r: 'NA' }), sheet('m2', { q: 5, r: 'NA' })]),
      ],
      strict,
    );
    expect(scoredLow.reasons).toEqual([
      { kind: 'criterionMinimum', criterion: 'r', mean: 7, minimum: 8 },
    ]);
    expect(allNa.status).toBe('qualified');
    expect(allNa.criteria[1]).toEqual({ code: 'r', mean: null, scored: 0, notApplicable: 2 });
  });

  it('reaching a threshold exactly qualifies', () => {
    // A's mean is exactly 15.5; q mean exactly 6.5
    const exact: EvaluationRules = {
      ...rules,
      minTotal: 15.5,
      criteria: rules.criteria.map((c) => (c.code === 'q' ? { ...c, minimum: 6.5 } : c)),
    };
    expect(aggregateApplications(members, [lot[0]], exact)[0].status).toBe('qualified');
  });

  it('flags spread by the configured shares, strictly above', () => {
    const flag = (spread: EvaluationRules['spread']) =>
      aggregateApplications(members, [lot[0]], { ...rules, spread })[0].highSpread;
    // A: stddev 4.7697, range 12 on scale 25
    expect(flag({ stddevShare: 0.5, rangeShare: 0.5 })).toBe(false); // 12.5, 12.5
    expect(flag({ stddevShare: 0.19, rangeShare: 1 })).toBe(true); // 4.7697 > 4.75
    expect(flag({ stddevShare: 0.2, rangeShare: 1 })).toBe(false); // 4.7697 ≤ 5
    expect(flag({ stddevShare: 1, rangeShare: 0.48 })).toBe(false); // 12 = 0.48 · 25: not above
    expect(flag({ stddevShare: 1, rangeShare: 0.47 })).toBe(true); // 12 > 11.75
    expect(flag({ stddevShare: 1 })).toBe(true); // rangeShare default 0.25 → 6.25
  });

  it('reports a submitted sheet of someone no longer on the commission and does not count it', () => {
    const [x] = aggregateApplications(
      ['m1', 'm2'],
      [application('X', [sheet('m1', { q: 8, r: 8, s: 4 }), sheet('old', { q: 1, r: 1, s: 1 })])],
      rules,
    );
    expect(x).toMatchObject({
      count: 1,
      aggregate: 20,
      excluded: { recused: [], notSubmitted: ['m2'], notMember: ['old'] },
    });
  });

  it('refuses two submitted sheets of one member for one application', () => {
    const twice = application('X', [
      sheet('m1', { q: 1, r: 1, s: 1 }),
      sheet('m1', { q: 2, r: 2, s: 2 }),
    ]);
    expect(() => aggregateApplications(members, [twice], rules)).toThrow(RangeError);
  });
});
