import {
  NOT_APPLICABLE,
  type CriterionPoints,
  type ScoringCriterion,
  type SheetPoints,
  type TotalMethod,
} from './scoring.types.js';

/** Why a sheet's field is refused; the API maps shape problems to 400 and the rest to 422. */
export type ScoreSheetProblemCode =
  /** The points are not an object keyed by criterion code. (shape) */
  | 'not-an-object'
  /** A code the call does not have. (shape) */
  | 'unknown-criterion'
  /** Neither a finite number nor 'NA'. (shape) */
  | 'not-a-number'
  /** A criterion is left unanswered on a sheet being submitted. */
  | 'unanswered'
  /** 'NA' on a criterion that does not allow it. */
  | 'not-applicable-refused'
  /** Below 0 or above the criterion's maxPoints. */
  | 'out-of-range'
  /** More than 2 decimals. */
  | 'too-many-decimals'
  /** Every criterion marked 'NA': the sheet would have no total. */
  | 'nothing-scored';

/** One refused field, shaped like the API's { field, messages } validation errors. */
export interface ScoreSheetProblem {
  /** `points.<code>`, or `points` for the sheet as a whole (with the default prefix). */
  field: string;
  code: ScoreSheetProblemCode;
  messages: string[];
}

export type ScoreSheetCheck =
  { ok: true; points: SheetPoints } | { ok: false; problems: ScoreSheetProblem[] };

export interface ScoreSheetCheckOptions {
  /** A draft being saved: unanswered criteria are allowed. Default false (a submission). */
  partial?: boolean;
  /** Field name of the points object in the request body. Default 'points'. */
  field?: string;
}

/** Whole hundredths, tolerating the float error of a decimal such as 1.15 (114.999…). */
function hasAtMostTwoDecimals(value: number): boolean {
  const hundredths = value * 100;
  return Math.abs(hundredths - Math.round(hundredths)) < 1e-6;
}

/**
 * Checks a member's points against the call's criteria: each answer a number with at most 2
 * decimals in [0, maxPoints] or 'NA' where the criterion allows it; on submission every
 * criterion answered and at least one scored. Returns every refused field, never throws.
 */
export function checkScoreSheet(
  criteria: readonly ScoringCriterion[],
  points: unknown,
  options: ScoreSheetCheckOptions = {},
): ScoreSheetCheck {
  const field = options.field ?? 'points';
  const problems: ScoreSheetProblem[] = [];
  const refuse = (at: string, code: ScoreSheetProblemCode, message: string) =>
    problems.push({ field: at, code, messages: [message] });

  if (typeof points !== 'object' || points === null || Array.isArray(points)) {
    refuse(field, 'not-an-object', `${field} must be an object keyed by criterion code`);
    return { ok: false, problems };
  }
  const answers = points as Readonly<Record<string, unknown>>;
  const byCode = new Map(criteria.map((criterion) => [criterion.code, criterion]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) {
      refuse(`${field}.${code}`, 'unknown-criterion', `the call has no criterion ${code}`);
    }
  }
  for (const criterion of criteria) {
    const at = `${field}.${criterion.code}`;
    const answer = Object.hasOwn(answers, criterion.code) ? answers[criterion.code] : undefined;
    if (answer === undefined) {
      if (!options.partial) refuse(at, 'unanswered', `criterion ${criterion.code} is not scored`);
    } else if (answer === NOT_APPLICABLE) {
      if (!criterion.naAllowed) {
        refuse(
          at,
          'not-applicable-refused',
          `criterion ${criterion.code} may not be marked not applicable`,
        );
      }
    } else if (typeof answer !== 'number' || !Number.isFinite(answer)) {
      refuse(at, 'not-a-number', `${criterion.code} must be a number of points or 'NA'`);
    } else if (answer < 0 || answer > criterion.maxPoints) {
      refuse(
        at,
        'out-of-range',
        `${criterion.code} must be from 0 to ${criterion.maxPoints} points, not ${answer}`,
      );
    } else if (!hasAtMostTwoDecimals(answer)) {
      refuse(at, 'too-many-decimals', `${criterion.code} takes at most 2 decimals, not ${answer}`);
    }
  }
  const scored = criteria.some((criterion) => typeof answers[criterion.code] === 'number');
  if (!options.partial && problems.length === 0 && !scored) {
    refuse(field, 'nothing-scored', 'at least one criterion must be scored, not all marked NA');
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, points: answers as Readonly<Record<string, CriterionPoints>> };
}

/** The points a sheet gives on a criterion; a sheet that passed checkScoreSheet has them all. */
export function pointsOn(points: SheetPoints, criterion: ScoringCriterion): CriterionPoints {
  const answer = Object.hasOwn(points, criterion.code) ? points[criterion.code] : undefined;
  if (answer === undefined) throw new RangeError(`The sheet does not score ${criterion.code}`);
  return answer;
}

/**
 * How a call's criteria add up: a weighted mean (0–100) when any criterion carries a weight
 * other than 1, else the plain sum of points. The announcement has no setting of its own yet.
 */
export function totalMethodOf(criteria: readonly ScoringCriterion[]): TotalMethod {
  return criteria.some((criterion) => (criterion.weight ?? 1) !== 1) ? 'weightedMean' : 'sum';
}

/** The most a member's total can be: the sum of the maxima, or 100 for the weighted mean. */
export function totalScale(criteria: readonly ScoringCriterion[], method: TotalMethod): number {
  return method === 'sum' ? criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0) : 100;
}

/**
 * A member's total for one application; criteria marked 'NA' are left out, never counted as
 * zero. 'sum': Σ pᵢ. 'weightedMean': 100 · Σ wᵢ·pᵢ/maxᵢ / Σ wᵢ over the scored criteria, so a
 * sheet with an 'NA' is judged on what it did score, on the same 0–100 scale as any other.
 * Expects a complete sheet (checkScoreSheet without `partial`).
 */
export function memberTotal(
  criteria: readonly ScoringCriterion[],
  points: SheetPoints,
  method: TotalMethod,
): number {
  let sum = 0;
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const answer = pointsOn(points, criterion);
    if (answer === NOT_APPLICABLE) continue;
    const weight = criterion.weight ?? 1;
    sum += answer;
    weighted += (weight * answer) / criterion.maxPoints;
    weights += weight;
  }
  if (weights === 0) throw new RangeError('A sheet with every criterion NA has no total');
  return method === 'sum' ? sum : (100 * weighted) / weights;
}
