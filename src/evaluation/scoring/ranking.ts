import type { ApplicationAggregate, ApplicationStatus, ThresholdReason } from './aggregation.js';
import { scoreKey } from './precision.js';
import type { TieRule } from './scoring.types.js';

/** What the ranking orders on: the raw aggregate (default) or the z-score aggregate. */
export type RankBasis = 'raw' | 'normalised';

/**
 * The commission's recorded vote on tied applications: votes per application (more ranks
 * higher), or the order it decided (first ranks highest).
 */
export type CommissionVote =
  { readonly votes: Readonly<Record<string, number>> } | { readonly order: readonly string[] };

export interface RankingRules {
  readonly tieRule: TieRule;
  /** The criterion code that breaks ties under 'priorityCriterion'. */
  readonly priorityCriterion?: string | null;
  /**
   * Needed under 'commissionVote'; under 'earliestSubmission' and 'priorityCriterion' it breaks
   * what the rule leaves tied (equal instants, equal or not applicable criterion means).
   */
  readonly vote?: CommissionVote | null;
  /** Default 'raw'. */
  readonly basis?: RankBasis;
}

/** How a tie was broken. */
export type TieBreaker = 'earliestSubmission' | 'priorityCriterion' | 'commissionVote';

export interface RankEntry {
  readonly applicationId: string;
  /** 1 + the number ranked strictly ahead: tied applications share it (1, 2, 2, 4). */
  readonly rank: number;
  /** The score ranked on, as published. */
  readonly score: number;
  /** The others with the same score, in their final order. */
  readonly tiedWith: string[];
  /** What separated it from the applications it was tied with; null if untied or unresolved. */
  readonly tieBrokenBy: TieBreaker | null;
  /** Under 'splitEqually': the others sharing its rank and the amount. */
  readonly splitWith: string[];
}

export interface NotRanked {
  readonly applicationId: string;
  readonly status: Exclude<ApplicationStatus, 'qualified'>;
  readonly reasons: ThresholdReason[];
}

/** A ranking every tie of which is resolved (or split): awards may be selected from it. */
export interface ResolvedRanking {
  readonly status: 'ranked';
  readonly entries: RankEntry[];
  readonly notRanked: NotRanked[];
}

/**
 * Ties the rule could not break and no vote did: the commission must record a vote on each
 * group (the entries show them sharing a rank meanwhile).
 */
export interface UnresolvedRanking {
  readonly status: 'tieUnresolved';
  readonly entries: RankEntry[];
  readonly notRanked: NotRanked[];
  readonly unresolvedTies: string[][];
}

export type Ranking = ResolvedRanking | UnresolvedRanking;

/** The parts of an aggregate the ranking reads. */
export type RankableAggregate = Pick<
  ApplicationAggregate,
  | 'applicationId'
  | 'submittedAt'
  | 'status'
  | 'reasons'
  | 'aggregate'
  | 'normalisedAggregate'
  | 'criteria'
>;

/** Applications that stay together, and what last split them from their former group. */
interface Block {
  readonly members: RankableAggregate[];
  readonly brokenBy: TieBreaker | null;
}

/**
 * Splits each tied block by a key (higher first); a block in which any member has no key
 * (no vote, a criterion not applicable everywhere) stays as it is.
 */
function refine(
  blocks: readonly Block[],
  keyOf: (application: RankableAggregate) => number | null,
  breaker: TieBreaker,
): Block[] {
  return blocks.flatMap((block) => {
    if (block.members.length === 1) return [block];
    const keyed: { application: RankableAggregate; key: number }[] = [];
    for (const application of block.members) {
      const key = keyOf(application);
      if (key === null) return [block];
      keyed.push({ application, key });
    }
    const sorted = keyed.toSorted((a, b) => b.key - a.key);
    const split: RankableAggregate[][] = [];
    sorted.forEach(({ application, key }, index) => {
      if (index > 0 && key === sorted[index - 1].key) split[split.length - 1].push(application);
      else split.push([application]);
    });
    if (split.length === 1) return [block];
    return split.map((members) => ({ members, brokenBy: breaker }));
  });
}

function voteKey(vote: CommissionVote | null | undefined) {
  return (application: RankableAggregate): number | null => {
    if (!vote) return null;
    if ('order' in vote) {
      const position = vote.order.indexOf(application.applicationId);
      return position === -1 ? null : -position;
    }
    return Object.hasOwn(vote.votes, application.applicationId)
      ? vote.votes[application.applicationId]
      : null;
  };
}

function priorityKey(code: string | null | undefined) {
  return (application: RankableAggregate): number | null => {
    const criterion = application.criteria.find((aggregate) => aggregate.code === code);
    if (!criterion) throw new RangeError(`No priority criterion ${code} among the aggregates`);
    return criterion.mean === null ? null : scoreKey(criterion.mean);
  };
}

/** Orders one group of equal scores by the tie rule, then by the vote for what is left. */
function breakTie(group: RankableAggregate[], rules: RankingRules): Block[] {
  let blocks: Block[] = [{ members: group, brokenBy: null }];
  if (rules.tieRule === 'earliestSubmission') {
    blocks = refine(blocks, (a) => -a.submittedAt.getTime(), 'earliestSubmission');
  } else if (rules.tieRule === 'priorityCriterion') {
    blocks = refine(blocks, priorityKey(rules.priorityCriterion), 'priorityCriterion');
  }
  return refine(blocks, voteKey(rules.vote), 'commissionVote');
}

/**
 * Ranks the qualified applications by score, highest first, compared as published
 * (SCORE_DECIMALS), and orders equal scores by the call's tie rule:
 * - earliestSubmission: the earlier submittedAt first;
 * - priorityCriterion: the higher mean on that criterion first;
 * - commissionVote: by the recorded vote;
 * - splitEqually: they share the rank (and the award amount, see selectAwards).
 * What the first two leave tied goes to the vote when one is given. Any tie left makes the
 * result 'tieUnresolved'. Applications that did not qualify are listed in notRanked. The order
 * of the input does not matter.
 */
export function rankApplications(
  aggregates: readonly RankableAggregate[],
  rules: RankingRules,
): Ranking {
  const basis = rules.basis ?? 'raw';
  const scoreOf = (application: RankableAggregate): number => {
    const score = basis === 'raw' ? application.aggregate : application.normalisedAggregate;
    if (score === null) throw new RangeError(`${application.applicationId} has no score`);
    return score;
  };
  const notRanked = aggregates.flatMap(({ applicationId, status, reasons }): NotRanked[] =>
    status === 'qualified' ? [] : [{ applicationId, status, reasons }],
  );
  const qualified = aggregates
    .filter(({ status }) => status === 'qualified')
    .toSorted(
      (a, b) =>
        scoreKey(scoreOf(b)) - scoreKey(scoreOf(a)) ||
        (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
    );
  const groups: RankableAggregate[][] = [];
  qualified.forEach((application, index) => {
    const previous = qualified[index - 1];
    if (previous && scoreKey(scoreOf(previous)) === scoreKey(scoreOf(application))) {
      groups[groups.length - 1].push(application);
    } else groups.push([application]);
  });

  const entries: RankEntry[] = [];
  const unresolvedTies: string[][] = [];
  for (const group of groups) {
    const ids = (members: readonly RankableAggregate[]) => members.map((a) => a.applicationId);
    const blocks: Block[] =
      rules.tieRule === 'splitEqually' || group.length === 1
        ? [{ members: group, brokenBy: null }]
        : breakTie(group, rules);
    const order = blocks.flatMap((block) => ids(block.members));
    for (const block of blocks) {
      const rank = entries.length + 1;
      const shared = block.members.length > 1;
      if (shared && rules.tieRule !== 'splitEqually') unresolvedTies.push(ids(block.members));
      for (const application of block.members) {
        const others = (list: string[]) => list.filter((id) => id !== application.applicationId);
        entries.push({
          applicationId: application.applicationId,
          rank,
          score: scoreOf(application),
          tiedWith: others(order),
          tieBrokenBy: shared ? null : block.brokenBy,
          splitWith: rules.tieRule === 'splitEqually' ? others(ids(block.members)) : [],
        });
      }
    }
  }
  return unresolvedTies.length > 0
    ? { status: 'tieUnresolved', entries, notRanked, unresolvedTies }
    : { status: 'ranked', entries, notRanked };
}
