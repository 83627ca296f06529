import { memberZScores, type ZScoreFlag } from './normalisation.js';
import { compareScores, roundScore } from './precision.js';
import { memberTotal, pointsOn, totalScale } from './score-sheet.js';
import {
  NOT_APPLICABLE,
  type AggregateMethod,
  type ScoringCriterion,
  type SheetPoints,
  type TotalMethod,
} from './scoring.types.js';
import { aggregateOf, mean, populationStddev } from './statistics.js';

/** A member's sheet for an application, as saved. */
export interface ScoreSheet {
  readonly memberId: string;
  readonly points: SheetPoints;
  /** Only submitted sheets count; a draft is as good as none. */
  readonly submitted: boolean;
}

/** One admitted application with every sheet written for it. */
export interface ApplicationScores {
  readonly applicationId: string;
  /** When the NGO submitted it: the earliestSubmission tie rule orders on it. */
  readonly submittedAt: Date;
  /** Members recused for it by their conflict-of-interest declaration. */
  readonly recusedMemberIds: readonly string[];
  readonly sheets: readonly ScoreSheet[];
}

/**
 * When the members' totals disagree enough to flag for the meeting: the population standard
 * deviation above `stddevShare` of the total's scale, or max − min above `rangeShare` of it.
 */
export interface SpreadRule {
  readonly stddevShare: number;
  readonly rangeShare: number;
}

export const DEFAULT_SPREAD_RULE: SpreadRule = { stddevShare: 0.15, rangeShare: 0.25 };

/** The programme's and call's evaluation settings. */
export interface EvaluationRules {
  readonly criteria: readonly ScoringCriterion[];
  readonly totalMethod: TotalMethod;
  /** Default 'mean'. */
  readonly aggregateMethod?: AggregateMethod;
  /** The aggregate an application must reach, in the aggregate's own scale; none when absent. */
  readonly minTotal?: number | null;
  /** Default DEFAULT_SPREAD_RULE; either share may be given alone. */
  readonly spread?: Partial<SpreadRule>;
}

/** A sheet that counted, with its member's z-score. Individual: never published. */
export interface CountedSheet {
  readonly memberId: string;
  readonly total: number;
  readonly z: number;
  readonly zFlag: ZScoreFlag | null;
}

/** The mean of one criterion over the counted sheets that scored it. */
export interface CriterionAggregate {
  readonly code: string;
  /** null when every counted sheet marked it 'NA'. */
  readonly mean: number | null;
  /** Sheets that gave points on it. */
  readonly scored: number;
  /** Sheets that marked it 'NA'. */
  readonly notApplicable: number;
}

/** Why an application does not qualify for the ranking. */
export type ThresholdReason =
  | { readonly kind: 'criterionMinimum'; criterion: string; mean: number; minimum: number }
  | { readonly kind: 'minTotal'; aggregate: number; minTotal: number };

/**
 * 'qualified': reaches every threshold (equal counts as reached); 'belowThreshold': misses at
 * least one (see reasons); 'unscored': no sheet counted, so it cannot be ranked.
 */
export type ApplicationStatus = 'qualified' | 'belowThreshold' | 'unscored';

/** Members whose sheets did not count for the application. */
export interface ExcludedMembers {
  /** Recused by their declaration: a sheet of theirs, if any, is ignored. */
  readonly recused: string[];
  /** Not recused, yet no submitted sheet (none or a draft). */
  readonly notSubmitted: string[];
  /** Submitted a sheet but are not members of the commission (e.g. replaced). */
  readonly notMember: string[];
}

/** Every number rounded as published (SCORE_DECIMALS). */
export interface ApplicationAggregate {
  readonly applicationId: string;
  readonly submittedAt: Date;
  readonly status: ApplicationStatus;
  readonly reasons: ThresholdReason[];
  readonly method: AggregateMethod;
  /** The most a member's total can be (totalScale). */
  readonly scale: number;
  /** The members' totals by the method; null when unscored. */
  readonly aggregate: number | null;
  /** The same method over the members' z-scores; shown beside the aggregate. */
  readonly normalisedAggregate: number | null;
  /** Counted sheets. */
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  /** Population standard deviation of the counted totals. */
  readonly stddev: number | null;
  readonly highSpread: boolean;
  readonly criteria: CriterionAggregate[];
  readonly sheets: CountedSheet[];
  readonly excluded: ExcludedMembers;
}

interface Counted {
  readonly application: ApplicationScores;
  readonly sheets: readonly ScoreSheet[];
  readonly excluded: ExcludedMembers;
}

function countedSheets(memberIds: readonly string[], application: ApplicationScores): Counted {
  const members = new Set(memberIds);
  const recused = new Set(application.recusedMemberIds);
  const submitted = application.sheets.filter((sheet) => sheet.submitted);
  const seen = new Set<string>();
  for (const sheet of submitted) {
    if (seen.has(sheet.memberId)) {
      throw new RangeError(
        `Member ${sheet.memberId} submitted two sheets for ${application.applicationId}`,
      );
    }
    seen.add(sheet.memberId);
  }
  const sheets = submitted.filter(
    (sheet) => members.has(sheet.memberId) && !recused.has(sheet.memberId),
  );
  const counted = new Set(sheets.map((sheet) => sheet.memberId));
  return {
    application,
    sheets,
    excluded: {
      recused: [...recused],
      notSubmitted: memberIds.filter((id) => !recused.has(id) && !counted.has(id)),
      notMember: submitted
        .filter((sheet) => !members.has(sheet.memberId) && !recused.has(sheet.memberId))
        .map((sheet) => sheet.memberId),
    },
  };
}

function criterionAggregate(
  criterion: ScoringCriterion,
  sheets: readonly ScoreSheet[],
): CriterionAggregate {
  const answers = sheets.map((sheet) => pointsOn(sheet.points, criterion));
  const scored = answers.filter((answer): answer is number => answer !== NOT_APPLICABLE);
  return {
    code: criterion.code,
    mean: scored.length > 0 ? roundScore(mean(scored)) : null,
    scored: scored.length,
    notApplicable: answers.length - scored.length,
  };
}

/**
 * The thresholds an application misses. A criterion's minimum applies to its mean over the
 * sheets that scored it; a criterion every sheet marked 'NA' has no mean, so its minimum does
 * not apply.
 */
function thresholdReasons(
  rules: EvaluationRules,
  criteria: readonly CriterionAggregate[],
  aggregate: number,
): ThresholdReason[] {
  const reasons: ThresholdReason[] = [];
  rules.criteria.forEach((criterion, index) => {
    const { mean: criterionMean } = criteria[index];
    const minimum = criterion.minimum ?? null;
    if (minimum !== null && criterionMean !== null && compareScores(criterionMean, minimum) < 0) {
      reasons.push({
        kind: 'criterionMinimum',
        criterion: criterion.code,
        mean: criterionMean,
        minimum,
      });
    }
  });
  const minTotal = rules.minTotal ?? null;
  if (minTotal !== null && compareScores(aggregate, minTotal) < 0) {
    reasons.push({ kind: 'minTotal', aggregate, minTotal });
  }
  return reasons;
}

/**
 * Aggregates every admitted application of a lot over the sheets that count: submitted, by a
 * member of the commission, not recused for that application. Reports who was left out, the
 * spread of the totals, each criterion's mean, the thresholds missed, and the aggregate of the
 * members' z-scores (computed over all the applications given, so pass the whole lot or round).
 */
export function aggregateApplications(
  memberIds: readonly string[],
  applications: readonly ApplicationScores[],
  rules: EvaluationRules,
): ApplicationAggregate[] {
  const method = rules.aggregateMethod ?? 'mean';
  const scale = totalScale(rules.criteria, rules.totalMethod);
  const spread = { ...DEFAULT_SPREAD_RULE, ...rules.spread };
  const counted = applications.map((application) => countedSheets(memberIds, application));
  const totals = counted.flatMap(({ application, sheets }) =>
    sheets.map((sheet) => ({
      memberId: sheet.memberId,
      applicationId: application.applicationId,
      total: memberTotal(rules.criteria, sheet.points, rules.totalMethod),
    })),
  );
  const zScores = memberZScores(totals);

  let offset = 0;
  return counted.map(({ application, sheets, excluded }): ApplicationAggregate => {
    const own = zScores.slice(offset, offset + sheets.length);
    offset += sheets.length;
    const criteria = rules.criteria.map((criterion) => criterionAggregate(criterion, sheets));
    const base = {
      applicationId: application.applicationId,
      submittedAt: application.submittedAt,
      method,
      scale,
      count: own.length,
      criteria,
      excluded,
      sheets: own.map(({ memberId, total, z, flag }) => ({
        memberId,
        total: roundScore(total),
        z: roundScore(z),
        zFlag: flag,
      })),
    };
    if (own.length === 0) {
      return {
        ...base,
        status: 'unscored',
        reasons: [],
        aggregate: null,
        normalisedAggregate: null,
        min: null,
        max: null,
        stddev: null,
        highSpread: false,
      };
    }
    const values = own.map(({ total }) => total);
    const aggregate = roundScore(aggregateOf(method, values));
    const min = Math.min(...values);
    const max = Math.max(...values);
    const stddev = populationStddev(values);
    const zs = own.map(({ z }) => z);
    const reasons = thresholdReasons(rules, criteria, aggregate);
    return {
      ...base,
      status: reasons.length > 0 ? 'belowThreshold' : 'qualified',
      reasons,
      aggregate,
      normalisedAggregate: roundScore(aggregateOf(method, zs)),
      min: roundScore(min),
      max: roundScore(max),
      stddev: roundScore(stddev),
      highSpread:
        compareScores(stddev, spread.stddevShare * scale) > 0 ||
        compareScores(max - min, spread.rangeShare * scale) > 0,
    };
  });
}
