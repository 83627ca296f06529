import { compareScores } from './precision.js';
import { mean, populationStddev } from './statistics.js';

/** One counted total: a member's submitted, non-recused sheet for an application. */
export interface MemberTotalEntry {
  readonly memberId: string;
  readonly applicationId: string;
  readonly total: number;
}

/** Why a member's z-scores are all 0: nothing to compare their totals with. */
export type ZScoreFlag = 'singleSheet' | 'noSpread';

export interface MemberZScore extends MemberTotalEntry {
  /** (total − the member's mean) / the member's population standard deviation. */
  readonly z: number;
  readonly flag: ZScoreFlag | null;
}

/**
 * Each member's totals as z-scores over the applications that member scored, which evens out
 * lenient and strict members. A member with one sheet, or with all totals equal (as published),
 * gets z = 0 and a flag. Shown beside the raw scores, never instead of them.
 */
export function memberZScores(entries: readonly MemberTotalEntry[]): MemberZScore[] {
  const indicesOf = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    indicesOf.set(entry.memberId, [...(indicesOf.get(entry.memberId) ?? []), index]);
  });
  const scores: MemberZScore[] = [];
  for (const indices of indicesOf.values()) {
    const totals = indices.map((index) => entries[index].total);
    const centre = mean(totals);
    const stddev = populationStddev(totals);
    const flag: ZScoreFlag | null =
      totals.length === 1 ? 'singleSheet' : compareScores(stddev, 0) === 0 ? 'noSpread' : null;
    for (const index of indices) {
      const entry = entries[index];
      scores[index] = { ...entry, z: flag === null ? (entry.total - centre) / stddev : 0, flag };
    }
  }
  return scores;
}
