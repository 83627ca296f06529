/**
 * A procedure profile: the data that makes one jurisdiction's competition differ from another's.
 * Profiles are declarative; the lot machine is built from one (workflows/lot.machine.ts).
 * Figures are defaults a programme publishes with its call, not law: the comments in each profile
 * say which ones come from the sources in DOMAIN.md.
 */

export type Jurisdiction = 'KG' | 'KZ' | 'UA';

/** Kazakhstan counts working days (with its public holidays); Kyrgyzstan and Ukraine calendar days. */
export type DayCounting = 'calendar' | 'working';

/** The deadlines a lot can arm; each names the deadline row and its job (`lot-<id>-<kind>-g<n>`). */
export type DeadlineKind =
  | 'hearingRegistration'
  | 'callClose'
  | 'admissibility'
  | 'scoring'
  | 'secondRoundScoring'
  | 'standstill';

/** How long a deadline runs, in the profile's day counting. */
export interface DeadlineDuration {
  /** The default the engine proposes. */
  readonly days: number;
  /** Bounds a buyer's own choice must respect (e.g. a call of 20 to 30 days). */
  readonly minDays?: number;
  readonly maxDays?: number;
}

/** An exact fraction (2/3 stays 2/3): quorum is checked with integers, never floats. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** Who names a commission member: a state body, NGOs, or the grant operator. */
export type CommissionNominator = 'state' | 'ngo' | 'operator';

/** A nominator's share of a commission's members, inclusive bounds in exact fractions. */
export interface NominatorShare {
  readonly min?: Fraction;
  readonly max?: Fraction;
}

/** What the law asks of each round's commission (checked when the buyer composes or draws it). */
export interface CommissionComposition {
  /** An odd number of members, so that a vote cannot tie. */
  readonly oddSize?: boolean;
  readonly minSize?: number;
  readonly maxSize?: number;
  /**
   * The nominators that may name members, each with its share. When given, every member states
   * who named them, and only the nominators listed here may.
   */
  readonly nominatorShares?: Readonly<Partial<Record<CommissionNominator, NominatorShare>>>;
}

/**
 * How a grant agreement's reports are scheduled: an interim report for each period of
 * `interimEveryMonths` from the agreement's start, and a final report for the rest of it; each is
 * due at the end of the day `dueDaysAfterPeriod` days (the profile's counting) after its period ends.
 */
export interface ReportingSchedule {
  readonly interimEveryMonths: number;
  readonly dueDaysAfterPeriod: number;
  /** Reminders to the grantee this many calendar days before a report is due. */
  readonly reminders: readonly number[];
}

export interface ProcedureProfile {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: Jurisdiction;
  /** The buyer's zone unless the programme names its own. */
  readonly timeZone: string;
  readonly dayCounting: DayCounting;
  /** A public hearing on the draft comes before the call. */
  readonly hasHearing: boolean;
  /** Two rounds: a first (e.g. regional) selection, then a second (e.g. republican) commission. */
  readonly rounds: 1 | 2;
  /** Fewer applications than this when the call closes make the lot unsuccessful. */
  readonly minApplications: number;
  /** Share of the commission that must be present to close an evaluation. */
  readonly quorum: Fraction;
  /** The complaint window after an award decision, before the agreement may be signed. */
  readonly standstillDays: number;
  /** An amendment to the call must leave at least this many days before the call closes. */
  readonly minDaysRemainingAfterAmendment: number;
  /** Clarification questions close this many days before the call does (null: open until it closes). */
  readonly enquiriesCloseDaysBeforeCallClose: number | null;
  readonly durations: {
    /** Required when `hasHearing`. */
    readonly hearingRegistration?: DeadlineDuration;
    readonly callClose: DeadlineDuration;
    readonly admissibility: DeadlineDuration;
    readonly scoring: DeadlineDuration;
    /** Required when `rounds` is 2. */
    readonly secondRoundScoring?: DeadlineDuration;
  };
  /**
   * Two rounds: how many of round one's ranking go on to round two (the top N by rank; a tie
   * shared at the N-th rank goes on whole). 3 when absent.
   */
  readonly shortlistSize?: number;
  /** Limits on each round's commission; none when absent. */
  readonly commission?: CommissionComposition;
  /** Reminders sent this many days before a deadline, e.g. `callClose: [3, 1]`. */
  readonly reminders: Readonly<Partial<Record<DeadlineKind, readonly number[]>>>;
  /** The agreement's reports; without it the buyer states the schedule with each agreement. */
  readonly reporting?: ReportingSchedule;
}
