import { describe, expect, it } from '@jest/globals';
import {
  aggregateApplications,
  type ApplicationScores,
  type EvaluationRules,
  type ScoreSheet,
} from '../../../src/evaluation/scoring/aggregation.js';
import { selectAwards } from '../../../src/evaluation/scoring/award-selection.js';
import { rankApplications } from '../../../src/evaluation/scoring/ranking.js';
import { checkScoreSheet } from '../../../src/evaluation/scoring/score-sheet.js';

/*
 * The e2e scenario as pure arithmetic. Five members m1…m5; m4 is recused on A2;
 * m5 is late: a draft on A1, nothing submitted by the deadline. Four admitted applications.
 *
 * Criteria (weighted mean, scale 0–100; Σw = 4, or 3 when budget is NA):
 *   experience max 10, weight 2
 *   plan       max 20, weight 1, minimum 8
 *   budget     max 10, weight 1, NA allowed
 * Call: minTotal 70, tie rule earliestSubmission, aggregate = mean.
 * Member total = 100 · (2·e/10 + p/20 + b/10) / Σw.
 *
 * A1 (submitted 2 March 10:00)
 *   m1  e8 p16 b8   1.6 + 0.8 + 0.8 = 3.2 / 4   → 80
 *   m2  e7 p14 b6   1.4 + 0.7 + 0.6 = 2.7 / 4   → 67.5
 *   m3  e9 p18 NA   1.8 + 0.9       = 2.7 / 3   → 90
 *   m4  e8 p12 b7   1.6 + 0.6 + 0.7 = 2.9 / 4   → 72.5
 *   mean 310 / 4 = 77.5; min 67.5, max 90; stddev √((6.25 + 100 + 156.25 + 25) / 4) = √71.875
 *   = 8.4779 (≤ 15) and range 22.5 (≤ 25): no high spread. plan mean 60 / 4 = 15.
 *   experience mean 32 / 4 = 8; budget mean over 3: 21 / 3 = 7.
 * A2 (submitted 1 March 09:00), m4 recused
 *   m1  e9 p16 b9   1.8 + 0.8 + 0.9  = 3.5  / 4 → 87.5
 *   m2  e6 p15 b8   1.2 + 0.75 + 0.8 = 2.75 / 4 → 68.75
 *   m3  e8 p14 b6   1.6 + 0.7 + 0.6  = 2.9  / 4 → 72.5
 *   mean 228.75 / 3 = 76.25; stddev √((126.5625 + 56.25 + 14.0625) / 3) = √65.625 = 8.1009
 * A3 (submitted 1 March 12:00, earlier than A1)
 *   m1  e7 p16 b8   1.4 + 0.8 + 0.8 = 3.0 / 4   → 75
 *   m2  e8 p16 b7   1.6 + 0.8 + 0.7 = 3.1 / 4   → 77.5
 *   m3  e8 p14 b9   1.6 + 0.7 + 0.9 = 3.2 / 4   → 80
 *   m4  e8 p16 b7                     3.1 / 4   → 77.5
 *   mean 310 / 4 = 77.5: equal to A1. experience mean 31 / 4 = 7.75.
 *   stddev √((6.25 + 0 + 6.25 + 0) / 4) = √3.125 = 1.7678
 * A4 (submitted 28 February)
 *   m1  e9 p6 b9    1.8 + 0.3 + 0.9 = 3.0 / 4   → 75
 *   m2  e8 p8 b8    1.6 + 0.4 + 0.8 = 2.8 / 4   → 70
 *   m3  e9 p7 NA    1.8 + 0.35      = 2.15 / 3  → 71.6667
 *   m4  e10 p9 b10  2 + 0.45 + 1    = 3.45 / 4  → 86.25
 *   mean 302.9167 / 4 = 75.7292 ≥ 70, but plan mean (6 + 8 + 7 + 9) / 4 = 7.5 < 8 → below threshold
 *   stddev: deviations −0.7292, −5.7292, −4.0625, 10.5208 → squares 0.5317 + 32.8234 + 16.5039
 *   + 110.6879 = 160.5469 / 4 = 40.1367 → 6.3354; range 16.25
 *
 * Ranking: A1 and A3 tie at 77.5; A3 was submitted earlier → 1. A3, 2. A1, 3. A2; A4 not ranked.
 * Award (budget 1,000,000; requests A3 500,000, A1 400,000, A2 300,000; several winners):
 *   A3 → 500,000 left; A1 → 100,000 left; A2 300,000 does not fit → stop. Remaining 100,000.
 * Single winner: A3; if A3 declines, A1.
 */
const members = ['m1', 'm2', 'm3', 'm4', 'm5'];

const rules: EvaluationRules = {
  criteria: [
    { code: 'experience', maxPoints: 10, weight: 2, minimum: null, naAllowed: false },
    { code: 'plan', maxPoints: 20, weight: 1, minimum: 8, naAllowed: false },
    { code: 'budget', maxPoints: 10, weight: 1, minimum: null, naAllowed: true },
  ],
  totalMethod: 'weightedMean',
  aggregateMethod: 'mean',
  minTotal: 70,
};

type Row = [member: string, e: number, p: number, b: number | 'NA', submitted?: boolean];

/** Every sheet goes through the same check the API applies on submission. */
const application = (
  applicationId: string,
  submittedAt: string,
  rows: Row[],
  recusedMemberIds: string[] = [],
): ApplicationScores => ({
  applicationId,
  submittedAt: new Date(submittedAt),
  recusedMemberIds,
  sheets: rows.map(([memberId, experience, plan, budget, submitted = true]): ScoreSheet => {
    const check = checkScoreSheet(rules.criteria, { experience, plan, budget });
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    return { memberId, points: check.points, submitted };
  }),
});

const lot = [
  application('A1', '2026-03-02T10:00:00Z', [
    ['m1', 8, 16, 8],
    ['m2', 7, 14, 6],
    ['m3', 9, 18, 'NA'],
    ['m4', 8, 12, 7],
    ['m5', 10, 20, 10, false],
  ]),
  application(
    'A2',
    '2026-03-01T09:00:00Z',
    [
      ['m1', 9, 16, 9],
      ['m2', 6, 15, 8],
      ['m3', 8, 14, 6],
    ],
    ['m4'],
  ),
  application('A3', '2026-03-01T12:00:00Z', [
    ['m1', 7, 16, 8],
    ['m2', 8, 16, 7],
    ['m3', 8, 14, 9],
    ['m4', 8, 16, 7],
  ]),
  application('A4', '2026-02-28T15:00:00Z', [
    ['m1', 9, 6, 9],
    ['m2', 8, 8, 8],
    ['m3', 9, 7, 'NA'],
    ['m4', 10, 9, 10],
  ]),
];

describe('the commission scenario of issue #6', () => {
  const aggregates = aggregateApplications(members, lot, rules);

  it('aggregates each application as computed by hand', () => {
    expect(
      aggregates.map(
        ({ applicationId, status, aggregate, count, min, max, stddev, highSpread }) => ({
          applicationId,
          status,
          aggregate,
          count,
          min,
          max,
          stddev,
          highSpread,
        }),
      ),
    ).toEqual([
      {
        applicationId: 'A1',
        status: 'qualified',
        aggregate: 77.5,
        count: 4,
        min: 67.5,
        max: 90,
        stddev: 8.4779,
        highSpread: false,
      },
      {
        applicationId: 'A2',
        status: 'qualified',
        aggregate: 76.25,
        count: 3,
        min: 68.75,
        max: 87.5,
        stddev: 8.1009,
        highSpread: false,
      },
      {
        applicationId: 'A3',
        status: 'qualified',
        aggregate: 77.5,
        count: 4,
        min: 75,
        max: 80,
        stddev: 1.7678,
        highSpread: false,
      },
      {
        applicationId: 'A4',
        status: 'belowThreshold',
        aggregate: 75.7292,
        count: 4,
        min: 70,
        max: 86.25,
        stddev: 6.3354,
        highSpread: false,
      },
    ]);
    expect(aggregates[0].sheets.map(({ total }) => total)).toEqual([80, 67.5, 90, 72.5]);
    expect(aggregates[3].sheets.map(({ total }) => total)).toEqual([75, 70, 71.6667, 86.25]);
  });

  it('leaves out the recused and the late member, per application', () => {
    expect(aggregates.map(({ excluded }) => excluded)).toEqual([
      { recused: [], notSubmitted: ['m5'], notMember: [] },
      { recused: ['m4'], notSubmitted: ['m5'], notMember: [] },
      { recused: [], notSubmitted: ['m5'], notMember: [] },
      { recused: [], notSubmitted: ['m5'], notMember: [] },
    ]);
  });

  it('keeps the NA out of the criterion means and gives the reason A4 fails', () => {
    expect(aggregates[0].criteria).toEqual([
      { code: 'experience', mean: 8, scored: 4, notApplicable: 0 },
      { code: 'plan', mean: 15, scored: 4, notApplicable: 0 },
      { code: 'budget', mean: 7, scored: 3, notApplicable: 1 },
    ]);
    expect(aggregates[3].reasons).toEqual([
      { kind: 'criterionMinimum', criterion: 'plan', mean: 7.5, minimum: 8 },
    ]);
  });

  it('ranks A3 before A1 on the earlier submission, then A2', () => {
    const ranking = rankApplications(aggregates, { tieRule: 'earliestSubmission' });
    expect(ranking).toEqual({
      status: 'ranked',
      entries: [
        {
          applicationId: 'A3',
          rank: 1,
          score: 77.5,
          tiedWith: ['A1'],
          tieBrokenBy: 'earliestSubmission',
          splitWith: [],
        },
        {
          applicationId: 'A1',
          rank: 2,
          score: 77.5,
          tiedWith: ['A3'],
          tieBrokenBy: 'earliestSubmission',
          splitWith: [],
        },
        {
          applicationId: 'A2',
          rank: 3,
          score: 76.25,
          tiedWith: [],
          tieBrokenBy: null,
          splitWith: [],
        },
      ],
      notRanked: [
        {
          applicationId: 'A4',
          status: 'belowThreshold',
          reasons: [{ kind: 'criterionMinimum', criterion: 'plan', mean: 7.5, minimum: 8 }],
        },
      ],
    });
  });

  it('ranks A1 first under a priority on experience (8 against 7.75)', () => {
    const ranking = rankApplications(aggregates, {
      tieRule: 'priorityCriterion',
      priorityCriterion: 'experience',
    });
    expect(ranking.entries.map(({ applicationId, rank }) => [applicationId, rank])).toEqual([
      ['A1', 1],
      ['A3', 2],
      ['A2', 3],
    ]);
  });

  it('funds in rank order within the budget; the award passes on when the winner declines', () => {
    const ranking = rankApplications(aggregates, { tieRule: 'earliestSubmission' });
    if (ranking.status !== 'ranked') throw new Error('the scenario has no unresolved tie');
    const resolved = ranking;
    const requested = { A3: 500_000, A1: 400_000, A2: 300_000 };
    const several = selectAwards({
      ranking: resolved,
      requested,
      budget: 1_000_000,
      mode: 'multiple',
    });
    expect(several.awards.map(({ applicationId, amount }) => [applicationId, amount])).toEqual([
      ['A3', 500_000],
      ['A1', 400_000],
    ]);
    expect(several.unfunded).toEqual([
      { applicationId: 'A2', rank: 3, requested: 300_000, reason: 'doesNotFit' },
    ]);
    expect(several.remaining).toBe(100_000);

    const single = { ranking: resolved, requested, budget: 1_000_000, mode: 'single' } as const;
    expect(selectAwards(single).awards.map(({ applicationId }) => applicationId)).toEqual(['A3']);
    expect(
      selectAwards({ ...single, declined: ['A3'] }).awards.map(
        ({ applicationId }) => applicationId,
      ),
    ).toEqual(['A1']);
  });
});
