import { describe, expect, it } from '@jest/globals';
import {
  aggregateApplications,
  type ApplicationScores,
  type EvaluationRules,
} from '../../../src/evaluation/scoring/aggregation.js';
import { memberZScores } from '../../../src/evaluation/scoring/normalisation.js';
import { roundScore } from '../../../src/evaluation/scoring/precision.js';
import { rankApplications } from '../../../src/evaluation/scoring/ranking.js';

describe('per-member z-scores', () => {
  /*
   * member  A   B   C    mean  stddev (population)             z
   * x      60  80        70    √((100 + 100) / 2) = 10          A −1, B +1
   * y      90  90        90    0 → flagged noSpread              0, 0
   * z      50            50    one sheet → flagged singleSheet  0
   * w      70  80  90    80    √((100 + 0 + 100) / 3) = 8.1650  A −1.2247, B 0, C +1.2247
   */
  const entries = [
    { memberId: 'x', applicationId: 'A', total: 60 },
    { memberId: 'y', applicationId: 'A', total: 90 },
    { memberId: 'z', applicationId: 'A', total: 50 },
    { memberId: 'w', applicationId: 'A', total: 70 },
    { memberId: 'x', applicationId: 'B', total: 80 },
    { memberId: 'y', applicationId: 'B', total: 90 },
    { memberId: 'w', applicationId: 'B', total: 80 },
    { memberId: 'w', applicationId: 'C', total: 90 },
  ];

  it('standardises each member over the applications they scored, in input order', () => {
    expect(
      memberZScores(entries).map(({ memberId, applicationId, z, flag }) => [
        memberId,
        applicationId,
        roundScore(z),
        flag,
      ]),
    ).toEqual([
      ['x', 'A', -1, null],
      ['y', 'A', 0, 'noSpread'],
      ['z', 'A', 0, 'singleSheet'],
      ['w', 'A', -1.2247, null],
      ['x', 'B', 1, null],
      ['y', 'B', 0, 'noSpread'],
      ['w', 'B', 0, null],
      ['w', 'C', 1.2247, null],
    ]);
  });

  it('treats totals equal as published as no spread', () => {
    const [first] = memberZScores([
      { memberId: 'v', applicationId: 'A', total: 0.1 + 0.2 },
      { memberId: 'v', applicationId: 'B', total: 0.3 },
    ]);
    expect(first).toMatchObject({ z: 0, flag: 'noSpread' });
  });
});

describe('normalised aggregates beside the raw ones', () => {
  const rules: EvaluationRules = {
    criteria: [{ code: 'q', maxPoints: 100, naAllowed: false }],
    totalMethod: 'sum',
  };
  const application = (
    applicationId: string,
    totals: Record<string, number>,
    recusedMemberIds: string[] = [],
  ): ApplicationScores => ({
    applicationId,
    submittedAt: new Date('2026-03-01T00:00:00Z'),
    recusedMemberIds,
    sheets: Object.entries(totals).map(([memberId, q]) => ({
      memberId,
      points: { q },
      submitted: true,
    })),
  });

  it('uses the members z-scores of the same sheets (table above)', () => {
    const [a, b, c] = aggregateApplications(
      ['x', 'y', 'z', 'w'],
      [
        application('A', { x: 60, y: 90, z: 50, w: 70 }),
        application('B', { x: 80, y: 90, w: 80 }, ['z']),
        application('C', { w: 90 }, ['x', 'y', 'z']),
      ],
      rules,
    );
    // A raw (60 + 90 + 50 + 70) / 4 = 67.5; z (−1 + 0 + 0 − 1.224745) / 4 = −0.556186
    expect([a.aggregate, a.normalisedAggregate]).toEqual([67.5, -0.5562]);
    // B raw (80 + 90 + 80) / 3 = 83.3333; z (1 + 0 + 0) / 3 = 0.3333
    expect([b.aggregate, b.normalisedAggregate]).toEqual([83.3333, 0.3333]);
    // C raw 90; z 1.224745
    expect([c.aggregate, c.normalisedAggregate]).toEqual([90, 1.2247]);
    expect(a.sheets).toEqual([
      { memberId: 'x', total: 60, z: -1, zFlag: null },
      { memberId: 'y', total: 90, z: 0, zFlag: 'noSpread' },
      { memberId: 'z', total: 50, z: 0, zFlag: 'singleSheet' },
      { memberId: 'w', total: 70, z: -1.2247, zFlag: null },
    ]);
  });

  it('ranks on the raw aggregate unless asked for the normalised one', () => {
    /*
     * Lenient l scores P 80, Q 90 (mean 85, stddev 5): P −1, Q +1.
     * Strict s scores Q 40, R 60 (mean 50, stddev 10): Q −1, R +1.
     * Raw: P 80, Q (90 + 40) / 2 = 65, R 60 → P, Q, R.
     * Normalised: P −1, Q (1 − 1) / 2 = 0, R +1 → R, Q, P.
     */
    const aggregates = aggregateApplications(
      ['l', 's'],
      [
        application('P', { l: 80 }, ['s']),
        application('Q', { l: 90, s: 40 }),
        application('R', { s: 60 }, ['l']),
      ],
      rules,
    );
    const order = (basis?: 'raw' | 'normalised') =>
      rankApplications(aggregates, { tieRule: 'earliestSubmission', basis }).entries.map(
        ({ applicationId, score }) => [applicationId, score],
      );
    expect(order()).toEqual([
      ['P', 80],
      ['Q', 65],
      ['R', 60],
    ]);
    expect(order('normalised')).toEqual([
      ['R', 1],
      ['Q', 0],
      ['P', -1],
    ]);
  });
});
