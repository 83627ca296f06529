import type { RankEntry, ResolvedRanking } from './ranking.js';

/** One winner per lot, or several funded in rank order within the lot budget. */
export type AwardMode = 'single' | 'multiple';

/**
 * What happens at an application whose request exceeds what is left of the budget: 'stop'
 * (default) funds no one ranked below it, so no lower-ranked application is funded ahead of a
 * higher-ranked one and the remainder can go to a new call; 'skip' passes it over and funds the
 * next ones that fit.
 */
export type OverflowRule = 'stop' | 'skip';

export const DEFAULT_OVERFLOW_RULE: OverflowRule = 'stop';

export interface AwardSelectionInput {
  readonly ranking: ResolvedRanking;
  /** Requested amount per application id, integer minor units. */
  readonly requested: Readonly<Record<string, number>>;
  /** The lot budget, integer minor units. */
  readonly budget: number;
  readonly mode: AwardMode;
  /** Default DEFAULT_OVERFLOW_RULE. */
  readonly overflow?: OverflowRule;
  /** Applications that declined or did not sign: the award passes to the next in rank. */
  readonly declined?: readonly string[];
}

export interface Award {
  readonly applicationId: string;
  readonly rank: number;
  readonly requested: number;
  /** Minor units; below the request only when a split share was capped by the budget. */
  readonly amount: number;
  /** Under 'splitEqually': the others the amount was split with. */
  readonly splitWith: string[];
}

/**
 * 'declined': passed over at its own request; 'doesNotFit': its request exceeds what was left;
 * 'afterStop': ranked below one that did not fit, under the 'stop' rule; 'winnerChosen': a
 * single-winner lot already has its winner.
 */
export type UnfundedReason = 'declined' | 'doesNotFit' | 'afterStop' | 'winnerChosen';

export interface Unfunded {
  readonly applicationId: string;
  readonly rank: number;
  readonly requested: number;
  readonly reason: UnfundedReason;
}

export interface AwardSelection {
  readonly awards: Award[];
  readonly unfunded: Unfunded[];
  /** The sum of the awards. */
  readonly awarded: number;
  /** budget − awarded. */
  readonly remaining: number;
}

function minorUnits(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number of minor units ≥ 0, not ${value}`);
  }
  return value;
}

/**
 * The pot in equal shares, none above its own request: the smallest requests are served in full
 * while they are below the equal share of what is left; the rest get that share. Minor units
 * that do not divide (fewer than the sharers) stay in the budget.
 */
function equalShares(
  pot: number,
  entries: readonly RankEntry[],
  requested: (id: string) => number,
): Map<string, number> {
  const shares = new Map<string, number>();
  const byRequest = entries
    .map((entry) => ({ id: entry.applicationId, request: requested(entry.applicationId) }))
    .toSorted((a, b) => a.request - b.request);
  let left = pot;
  for (const [index, { id, request }] of byRequest.entries()) {
    const level = Math.floor(left / (byRequest.length - index));
    if (request > level) {
      byRequest.slice(index).forEach((rest) => shares.set(rest.id, level));
      break;
    }
    shares.set(id, request);
    left -= request;
  }
  return shares;
}

/**
 * Who is funded and with how much, in rank order. An application is funded in full when its
 * request fits in what is left of the budget; see OverflowRule for one that does not. Under
 * 'splitEqually' the applications sharing a rank split the pot equally (each capped at its
 * request): in 'multiple' mode the pot is their requests' sum, in 'single' mode the largest of
 * their requests (the one award they share), either at most what is left of the budget.
 */
export function selectAwards(input: AwardSelectionInput): AwardSelection {
  const budget = minorUnits(input.budget, 'budget');
  const overflow = input.overflow ?? DEFAULT_OVERFLOW_RULE;
  const declined = new Set(input.declined ?? []);
  const requested = (id: string): number => {
    if (!Object.hasOwn(input.requested, id)) throw new RangeError(`No requested amount for ${id}`);
    return minorUnits(input.requested[id], `requested amount of ${id}`);
  };

  const groups = new Map<number, RankEntry[]>();
  for (const entry of input.ranking.entries) {
    groups.set(entry.rank, [...(groups.get(entry.rank) ?? []), entry]);
  }
  const awards: Award[] = [];
  const unfunded: Unfunded[] = [];
  const pass = (entry: RankEntry, reason: UnfundedReason) =>
    unfunded.push({
      applicationId: entry.applicationId,
      rank: entry.rank,
      requested: requested(entry.applicationId),
      reason,
    });
  let remaining = budget;
  let stopped = false;
  let winnerChosen = false;

  // Entries come in rank order, so the groups do too.
  for (const group of groups.values()) {
    const open = group.filter((entry) => !declined.has(entry.applicationId));
    group.filter((entry) => declined.has(entry.applicationId)).forEach((e) => pass(e, 'declined'));
    if (open.length === 0) continue;
    if (winnerChosen || stopped) {
      open.forEach((entry) => pass(entry, winnerChosen ? 'winnerChosen' : 'afterStop'));
      continue;
    }
    const requests = open.map((entry) => requested(entry.applicationId));
    const wanted =
      open.length === 1
        ? requests[0]
        : input.mode === 'single'
          ? Math.max(...requests)
          : requests.reduce((sum, request) => sum + request, 0);
    // One application fits only in full; a split group fits while anything is left to split.
    const fits = open.length === 1 ? wanted <= remaining : remaining > 0 || wanted === 0;
    if (!fits) {
      open.forEach((entry) => pass(entry, 'doesNotFit'));
      stopped = overflow === 'stop';
      continue;
    }
    const shares = equalShares(Math.min(wanted, remaining), open, requested);
    for (const entry of open) {
      const amount = shares.get(entry.applicationId) ?? 0;
      awards.push({
        applicationId: entry.applicationId,
        rank: entry.rank,
        requested: requested(entry.applicationId),
        amount,
        splitWith: open.filter((other) => other !== entry).map((other) => other.applicationId),
      });
      remaining -= amount;
    }
    winnerChosen = input.mode === 'single';
  }
  return { awards, unfunded, awarded: budget - remaining, remaining };
}
