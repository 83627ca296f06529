import { describe, expect, it } from '@jest/globals';
import {
  selectAwards,
  type AwardSelectionInput,
} from '../../../src/evaluation/scoring/award-selection.js';
import type { RankEntry, ResolvedRanking } from '../../../src/evaluation/scoring/ranking.js';

/** A resolved ranking from [id, rank] pairs; a shared rank is a split group. */
const ranking = (...ranks: [string, number][]): ResolvedRanking => ({
  status: 'ranked',
  notRanked: [],
  entries: ranks.map(([applicationId, rank]): RankEntry => ({
    applicationId,
    rank,
    score: 100 - rank,
    tiedWith: [],
    tieBrokenBy: null,
    splitWith: ranks.filter(([id, r]) => r === rank && id !== applicationId).map(([id]) => id),
  })),
});

const amounts = (selection: ReturnType<typeof selectAwards>) =>
  selection.awards.map(({ applicationId, amount }) => [applicationId, amount]);
const reasons = (selection: ReturnType<typeof selectAwards>) =>
  selection.unfunded.map(({ applicationId, reason }) => [applicationId, reason]);

describe('funding in rank order within the lot budget', () => {
  // budget 1,000; requests A 400, B 500, C 300, D 100 (minor units)
  const base: AwardSelectionInput = {
    ranking: ranking(['A', 1], ['B', 2], ['C', 3], ['D', 4]),
    requested: { A: 400, B: 500, C: 300, D: 100 },
    budget: 1_000,
    mode: 'multiple',
  };

  it('stops at the first that does not fit by default', () => {
    // A 400 → 600 left; B 500 → 100 left; C 300 > 100: stop; D is not funded ahead of C
    const selection = selectAwards(base);
    expect(amounts(selection)).toEqual([
      ['A', 400],
      ['B', 500],
    ]);
    expect(reasons(selection)).toEqual([
      ['C', 'doesNotFit'],
      ['D', 'afterStop'],
    ]);
    expect([selection.awarded, selection.remaining]).toEqual([900, 100]);
  });

  it('skips one that does not fit and funds the next that does, when asked', () => {
    // … C 300 > 100 skipped; D 100 ≤ 100 → 0 left
    const selection = selectAwards({ ...base, overflow: 'skip' });
    expect(amounts(selection)).toEqual([
      ['A', 400],
      ['B', 500],
      ['D', 100],
    ]);
    expect(reasons(selection)).toEqual([['C', 'doesNotFit']]);
    expect([selection.awarded, selection.remaining]).toEqual([1_000, 0]);
  });

  it('passes over an application that declined', () => {
    // B declined: A 400, C 300, D 100 → 200 left
    const selection = selectAwards({ ...base, declined: ['B'] });
    expect(amounts(selection)).toEqual([
      ['A', 400],
      ['C', 300],
      ['D', 100],
    ]);
    expect(reasons(selection)).toEqual([['B', 'declined']]);
    expect(selection.remaining).toBe(200);
  });
});

describe('a single-winner lot', () => {
  const base: AwardSelectionInput = {
    ranking: ranking(['A', 1], ['B', 2], ['C', 3]),
    requested: { A: 900, B: 700, C: 300 },
    budget: 1_000,
    mode: 'single',
  };

  it('awards the top-ranked only', () => {
    const selection = selectAwards(base);
    expect(amounts(selection)).toEqual([['A', 900]]);
    expect(reasons(selection)).toEqual([
      ['B', 'winnerChosen'],
      ['C', 'winnerChosen'],
    ]);
    expect(selection.remaining).toBe(100);
  });

  it('passes the award to the next in rank when the winner declines', () => {
    expect(amounts(selectAwards({ ...base, declined: ['A'] }))).toEqual([['B', 700]]);
    expect(amounts(selectAwards({ ...base, declined: ['A', 'B'] }))).toEqual([['C', 300]]);
    expect(selectAwards({ ...base, declined: ['A', 'B', 'C'] }).awards).toEqual([]);
  });

  it('follows the overflow rule when the top request exceeds the budget', () => {
    const tooMuch = { ...base, requested: { A: 1_200, B: 700, C: 300 } };
    expect(selectAwards(tooMuch).awards).toEqual([]);
    expect(reasons(selectAwards(tooMuch))).toEqual([
      ['A', 'doesNotFit'],
      ['B', 'afterStop'],
      ['C', 'afterStop'],
    ]);
    expect(amounts(selectAwards({ ...tooMuch, overflow: 'skip' }))).toEqual([['B', 700]]);
  });
});

describe('splitting equally among applications sharing a rank', () => {
  it('splits what is left of the budget when the group does not fit in full', () => {
    // X 300 → 700 left. Y 500 and Z 400 share rank 2: 900 > 700, so 700 is split:
    // equal share ⌊700 / 2⌋ = 350 is below both requests → 350 each, 0 left; W does not fit.
    const selection = selectAwards({
      ranking: ranking(['X', 1], ['Y', 2], ['Z', 2], ['W', 4]),
      requested: { X: 300, Y: 500, Z: 400, W: 100 },
      budget: 1_000,
      mode: 'multiple',
    });
    expect(selection.awards).toEqual([
      { applicationId: 'X', rank: 1, requested: 300, amount: 300, splitWith: [] },
      { applicationId: 'Y', rank: 2, requested: 500, amount: 350, splitWith: ['Z'] },
      { applicationId: 'Z', rank: 2, requested: 400, amount: 350, splitWith: ['Y'] },
    ]);
    expect(reasons(selection)).toEqual([['W', 'doesNotFit']]);
    expect(selection.remaining).toBe(0);
  });

  it('caps a share at its request and gives the rest to the others', () => {
    // Y 700, Z 150, V 700 share rank 1; budget 1,000 < 1,550.
    // Z: ⌊1000 / 3⌋ = 333 ≥ 150 → 150 in full, 850 left; Y, V: ⌊850 / 2⌋ = 425 each.
    const selection = selectAwards({
      ranking: ranking(['Y', 1], ['Z', 1], ['V', 1]),
      requested: { Y: 700, Z: 150, V: 700 },
      budget: 1_000,
      mode: 'multiple',
    });
    expect(amounts(selection)).toEqual([
      ['Y', 425],
      ['Z', 150],
      ['V', 425],
    ]);
    expect(selection.remaining).toBe(0);
  });

  it('keeps minor units that do not divide in the budget', () => {
    // 1,001 among three requests of 1,000: ⌊1001 / 3⌋ = 333 each, 2 left
    const selection = selectAwards({
      ranking: ranking(['a', 1], ['b', 1], ['c', 1]),
      requested: { a: 1_000, b: 1_000, c: 1_000 },
      budget: 1_001,
      mode: 'multiple',
    });
    expect(amounts(selection)).toEqual([
      ['a', 333],
      ['b', 333],
      ['c', 333],
    ]);
    expect(selection.remaining).toBe(2);
  });

  it('funds a group that fits in full without cutting it', () => {
    // Y 700 + Z 200 = 900 ≤ 1,000
    const selection = selectAwards({
      ranking: ranking(['Y', 1], ['Z', 1]),
      requested: { Y: 700, Z: 200 },
      budget: 1_000,
      mode: 'multiple',
    });
    expect(amounts(selection)).toEqual([
      ['Y', 700],
      ['Z', 200],
    ]);
    expect(selection.remaining).toBe(100);
  });

  it('shares the one award in a single-winner lot', () => {
    // the larger request, 600 (≤ budget), split: ⌊600 / 2⌋ = 300 < 400 → 300 each
    const selection = selectAwards({
      ranking: ranking(['Y', 1], ['Z', 1], ['N', 3]),
      requested: { Y: 600, Z: 400, N: 100 },
      budget: 1_000,
      mode: 'single',
    });
    expect(amounts(selection)).toEqual([
      ['Y', 300],
      ['Z', 300],
    ]);
    expect(reasons(selection)).toEqual([['N', 'winnerChosen']]);
  });

  it('gives the whole share to the one left when the other declines', () => {
    const selection = selectAwards({
      ranking: ranking(['Y', 1], ['Z', 1]),
      requested: { Y: 600, Z: 400 },
      budget: 1_000,
      mode: 'single',
      declined: ['Y'],
    });
    expect(selection.awards).toEqual([
      { applicationId: 'Z', rank: 1, requested: 400, amount: 400, splitWith: [] },
    ]);
  });
});

describe('amounts', () => {
  it('refuses amounts that are not whole minor units, and a missing request', () => {
    const input: AwardSelectionInput = {
      ranking: ranking(['A', 1]),
      requested: { A: 10 },
      budget: 100,
      mode: 'single',
    };
    expect(() => selectAwards({ ...input, budget: 100.5 })).toThrow(RangeError);
    expect(() => selectAwards({ ...input, requested: { A: -1 } })).toThrow(RangeError);
    expect(() => selectAwards({ ...input, requested: {} })).toThrow(RangeError);
  });
});
