import { describe, expect, it } from '@jest/globals';
import {
  rankApplications,
  type RankableAggregate,
  type RankingRules,
} from '../../../src/evaluation/scoring/ranking.js';

interface Candidate {
  score: number;
  submittedAt?: string;
  priority?: number | null;
  status?: RankableAggregate['status'];
}

const candidate = (applicationId: string, options: Candidate): RankableAggregate => ({
  applicationId,
  submittedAt: new Date(options.submittedAt ?? '2026-03-01T09:00:00Z'),
  status: options.status ?? 'qualified',
  reasons: [],
  aggregate: options.score,
  normalisedAggregate: 0,
  criteria: [
    {
      code: 'impact',
      mean: options.priority === undefined ? 5 : options.priority,
      scored: 3,
      notApplicable: 0,
    },
  ],
});

const summary = (aggregates: RankableAggregate[], rules: RankingRules) => {
  const ranking = rankApplications(aggregates, rules);
  return {
    status: ranking.status,
    order: ranking.entries.map(({ applicationId, rank, tieBrokenBy }) => [
      applicationId,
      rank,
      tieBrokenBy,
    ]),
    unresolved: ranking.status === 'tieUnresolved' ? ranking.unresolvedTies : [],
  };
};

describe('ranking by aggregate', () => {
  it('orders qualified applications by score and lists the others apart', () => {
    const ranking = rankApplications(
      [
        candidate('low', { score: 61 }),
        candidate('high', { score: 88.5 }),
        candidate('below', { score: 90, status: 'belowThreshold' }),
        candidate('none', { score: 0, status: 'unscored' }),
        candidate('mid', { score: 74.25 }),
      ],
      { tieRule: 'earliestSubmission' },
    );
    expect(ranking).toEqual({
      status: 'ranked',
      entries: [
        {
          applicationId: 'high',
          rank: 1,
          score: 88.5,
          tiedWith: [],
          tieBrokenBy: null,
          splitWith: [],
        },
        {
          applicationId: 'mid',
          rank: 2,
          score: 74.25,
          tiedWith: [],
          tieBrokenBy: null,
          splitWith: [],
        },
        {
          applicationId: 'low',
          rank: 3,
          score: 61,
          tiedWith: [],
          tieBrokenBy: null,
          splitWith: [],
        },
      ],
      notRanked: [
        { applicationId: 'below', status: 'belowThreshold', reasons: [] },
        { applicationId: 'none', status: 'unscored', reasons: [] },
      ],
    });
  });

  it('sees equal scores reached through floating-point noise as a tie, and finer steps as none', () => {
    const rules: RankingRules = { tieRule: 'splitEqually' };
    // (80 + 67.5 + 90 + 72.5) / 4 and (75 + 77.5 + 80 + 77.5) / 4 are both 77.5;
    // 0.1 + 0.2 = 0.30000000000000004 against 0.3
    expect(
      summary(
        [
          candidate('a', { score: (80 + 67.5 + 90 + 72.5) / 4 }),
          candidate('b', { score: (75 + 77.5 + 80 + 77.5) / 4 }),
          candidate('c', { score: 0.1 + 0.2 }),
          candidate('d', { score: 0.3 }),
        ],
        rules,
      ).order,
    ).toEqual([
      ['a', 1, null],
      ['b', 1, null],
      ['c', 3, null],
      ['d', 3, null],
    ]);
    // 77.5001 ranks above 77.5: different as published
    expect(
      summary([candidate('a', { score: 77.5 }), candidate('b', { score: 77.5001 })], rules).order,
    ).toEqual([
      ['b', 1, null],
      ['a', 2, null],
    ]);
  });

  it('does not depend on the order of the input', () => {
    const all = [
      candidate('a', { score: 80, submittedAt: '2026-03-02T00:00:00Z' }),
      candidate('b', { score: 80, submittedAt: '2026-03-01T00:00:00Z' }),
      candidate('c', { score: 70 }),
      candidate('d', { score: 90 }),
    ];
    const rules: RankingRules = { tieRule: 'earliestSubmission' };
    expect(rankApplications(all.toReversed(), rules)).toEqual(rankApplications(all, rules));
  });
});

describe('tie rules', () => {
  it('earliestSubmission ranks the earlier submission first', () => {
    expect(
      summary(
        [
          candidate('late', { score: 80, submittedAt: '2026-03-02T10:00:00Z' }),
          candidate('early', { score: 80, submittedAt: '2026-03-01T10:00:00Z' }),
          candidate('top', { score: 81 }),
        ],
        { tieRule: 'earliestSubmission' },
      ),
    ).toEqual({
      status: 'ranked',
      order: [
        ['top', 1, null],
        ['early', 2, 'earliestSubmission'],
        ['late', 3, 'earliestSubmission'],
      ],
      unresolved: [],
    });
  });

  it('earliestSubmission leaves equal instants to a vote', () => {
    const same = [candidate('a', { score: 80 }), candidate('b', { score: 80 })];
    expect(summary(same, { tieRule: 'earliestSubmission' })).toMatchObject({
      status: 'tieUnresolved',
      order: [
        ['a', 1, null],
        ['b', 1, null],
      ],
      unresolved: [['a', 'b']],
    });
    expect(
      summary(same, { tieRule: 'earliestSubmission', vote: { order: ['b', 'a'] } }).order,
    ).toEqual([
      ['b', 1, 'commissionVote'],
      ['a', 2, 'commissionVote'],
    ]);
  });

  it('priorityCriterion ranks the higher mean on that criterion first', () => {
    expect(
      summary(
        [candidate('a', { score: 80, priority: 7.25 }), candidate('b', { score: 80, priority: 8 })],
        { tieRule: 'priorityCriterion', priorityCriterion: 'impact' },
      ),
    ).toEqual({
      status: 'ranked',
      order: [
        ['b', 1, 'priorityCriterion'],
        ['a', 2, 'priorityCriterion'],
      ],
      unresolved: [],
    });
  });

  it('priorityCriterion still tied is flagged unresolved, and a vote settles it', () => {
    // a 9 on impact goes first; b and c both 8 (one as 7.99999 + 0.00001): still tied
    const three = [
      candidate('a', { score: 80, priority: 9 }),
      candidate('b', { score: 80, priority: 7.99999 + 0.00001 }),
      candidate('c', { score: 80, priority: 8 }),
    ];
    const rules: RankingRules = { tieRule: 'priorityCriterion', priorityCriterion: 'impact' };
    expect(summary(three, rules)).toEqual({
      status: 'tieUnresolved',
      order: [
        ['a', 1, 'priorityCriterion'],
        ['b', 2, null],
        ['c', 2, null],
      ],
      unresolved: [['b', 'c']],
    });
    expect(summary(three, { ...rules, vote: { votes: { b: 2, c: 3 } } })).toEqual({
      status: 'ranked',
      order: [
        ['a', 1, 'priorityCriterion'],
        ['c', 2, 'commissionVote'],
        ['b', 3, 'commissionVote'],
      ],
      unresolved: [],
    });
  });

  it('priorityCriterion marked NA by every member cannot order the tie', () => {
    expect(
      summary(
        [candidate('a', { score: 80, priority: null }), candidate('b', { score: 80, priority: 6 })],
        { tieRule: 'priorityCriterion', priorityCriterion: 'impact' },
      ).unresolved,
    ).toEqual([['a', 'b']]);
  });

  it('commissionVote without a recorded vote lists every tied group for the API to ask', () => {
    const aggregates = [
      candidate('a', { score: 90 }),
      candidate('b', { score: 90 }),
      candidate('c', { score: 85 }),
      candidate('d', { score: 70 }),
      candidate('e', { score: 70 }),
      candidate('f', { score: 70 }),
    ];
    expect(summary(aggregates, { tieRule: 'commissionVote' })).toEqual({
      status: 'tieUnresolved',
      order: [
        ['a', 1, null],
        ['b', 1, null],
        ['c', 3, null],
        ['d', 4, null],
        ['e', 4, null],
        ['f', 4, null],
      ],
      unresolved: [
        ['a', 'b'],
        ['d', 'e', 'f'],
      ],
    });
  });

  it('commissionVote follows the recorded votes or order', () => {
    const aggregates = [
      candidate('a', { score: 90 }),
      candidate('b', { score: 90 }),
      candidate('c', { score: 85 }),
    ];
    expect(
      summary(aggregates, { tieRule: 'commissionVote', vote: { votes: { a: 2, b: 5 } } }).order,
    ).toEqual([
      ['b', 1, 'commissionVote'],
      ['a', 2, 'commissionVote'],
      ['c', 3, null],
    ]);
    expect(
      summary(aggregates, { tieRule: 'commissionVote', vote: { order: ['a', 'b'] } }).order,
    ).toEqual([
      ['a', 1, 'commissionVote'],
      ['b', 2, 'commissionVote'],
      ['c', 3, null],
    ]);
  });

  it('commissionVote with equal votes or a tied application left out stays unresolved', () => {
    const aggregates = [
      candidate('a', { score: 90 }),
      candidate('b', { score: 90 }),
      candidate('c', { score: 90 }),
    ];
    // a 4 first; b and c 3 each: still tied
    expect(
      summary(aggregates, { tieRule: 'commissionVote', vote: { votes: { a: 4, b: 3, c: 3 } } }),
    ).toMatchObject({
      status: 'tieUnresolved',
      order: [
        ['a', 1, 'commissionVote'],
        ['b', 2, null],
        ['c', 2, null],
      ],
      unresolved: [['b', 'c']],
    });
    expect(
      summary(aggregates, { tieRule: 'commissionVote', vote: { order: ['c', 'a'] } }).unresolved,
    ).toEqual([['a', 'b', 'c']]);
  });

  it('splitEqually lets tied applications share the rank (1, 2, 2, 4) and says so', () => {
    const ranking = rankApplications(
      [
        candidate('a', { score: 90 }),
        candidate('b', { score: 80 }),
        candidate('c', { score: 80 }),
        candidate('d', { score: 70 }),
      ],
      { tieRule: 'splitEqually', vote: { order: ['c', 'b'] } }, // a vote does not apply
    );
    expect(ranking.status).toBe('ranked');
    expect(ranking.entries).toEqual([
      { applicationId: 'a', rank: 1, score: 90, tiedWith: [], tieBrokenBy: null, splitWith: [] },
      {
        applicationId: 'b',
        rank: 2,
        score: 80,
        tiedWith: ['c'],
        tieBrokenBy: null,
        splitWith: ['c'],
      },
      {
        applicationId: 'c',
        rank: 2,
        score: 80,
        tiedWith: ['b'],
        tieBrokenBy: null,
        splitWith: ['b'],
      },
      { applicationId: 'd', rank: 4, score: 70, tiedWith: [], tieBrokenBy: null, splitWith: [] },
    ]);
  });

  it('reports whom a broken tie was with', () => {
    const ranking = rankApplications(
      [
        candidate('a', { score: 80, submittedAt: '2026-03-03T00:00:00Z' }),
        candidate('b', { score: 80, submittedAt: '2026-03-01T00:00:00Z' }),
      ],
      { tieRule: 'earliestSubmission' },
    );
    expect(ranking.entries.map(({ applicationId, tiedWith }) => [applicationId, tiedWith])).toEqual(
      [
        ['b', ['a']],
        ['a', ['b']],
      ],
    );
  });
});
