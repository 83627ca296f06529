/**
 * The inputs of the pure scoring functions. They mirror the call announcement's fields
 * (src/calls/call-announcement.entity.ts) structurally, so an announcement can be passed as is
 * without this folder depending on the entity.
 */

/** One criterion as the call announced it; extra fields (title) are ignored. */
export interface ScoringCriterion {
  /** Unique within the call. */
  readonly code: string;
  /** More than 0. */
  readonly maxPoints: number;
  /** More than 0; 1 when absent. Used only by the weighted mean total. */
  readonly weight?: number;
  /** Points the application's mean on this criterion must reach, or none. */
  readonly minimum?: number | null;
  /** A member may mark it not applicable: left out, never counted as zero. */
  readonly naAllowed: boolean;
}

/** The mark of a criterion a member found not applicable. */
export const NOT_APPLICABLE = 'NA';

/** What a member gave on one criterion. */
export type CriterionPoints = number | typeof NOT_APPLICABLE;

/** A member's answer per criterion code. */
export type SheetPoints = Readonly<Record<string, CriterionPoints>>;

export const TOTAL_METHODS = ['sum', 'weightedMean'] as const;
/**
 * How a member's sheet becomes one number: 'sum' of the points given (scale: the sum of every
 * criterion's maxPoints), or 'weightedMean' of the points as a share of each maximum, scaled to
 * 0–100.
 */
export type TotalMethod = (typeof TOTAL_METHODS)[number];

export const AGGREGATE_METHODS = ['mean', 'sum', 'median', 'trimmedMean'] as const;
/** How the members' totals for one application become its score. */
export type AggregateMethod = (typeof AGGREGATE_METHODS)[number];

/** The tie rule the call published (the announcement's TieRule). */
export type TieRule =
  'earliestSubmission' | 'priorityCriterion' | 'commissionVote' | 'splitEqually';
