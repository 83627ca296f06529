import type { DeadlineEventType, LotEventType } from './lot.events.js';
import type { DayCounting, DeadlineKind } from './profiles/index.js';
import type { ActorRole } from './roles.js';

/**
 * What a state declares to the engine, so that adding a state never means editing a service:
 * the engine reads meta and carries out the effects the machine returns; it has no switch on
 * state names.
 */

/** Who a notification goes to; the notifications service resolves a group to people. */
export type RecipientGroup =
  /** NGOs that applied; before the call closes, NGOs following the lot. */
  | 'ngoApplicants'
  | 'hearingRegistrants'
  | 'commission'
  | 'buyerStaff'
  /** The NGO the lot is awarded to. */
  | 'grantee';

export interface NotificationSpec {
  /** Template name, e.g. 'lot.callOpened'. */
  readonly name: `lot.${string}`;
  readonly recipients: readonly RecipientGroup[];
}

/** OCDS 1.1 release tags (codelist releaseTag.csv) a lot's changes publish. */
export type ReleaseTag =
  | 'planning'
  | 'planningUpdate'
  | 'tender'
  | 'tenderAmendment'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
  | 'awardCancellation'
  | 'contract'
  | 'contractUpdate'
  | 'contractAmendment'
  | 'implementation'
  | 'implementationUpdate'
  | 'contractTermination';

export interface ReminderSpec {
  readonly daysBefore: number;
  readonly notification: NotificationSpec;
}

/** A deadline a state arms on entry and cancels on exit. */
export interface DeadlineSpec {
  readonly kind: DeadlineKind;
  /** The event the engine sends (as 'system') when the deadline falls due. */
  readonly event: DeadlineEventType;
  /** Default length, and bounds for a length the buyer chooses (the call). */
  readonly days: number;
  readonly minDays?: number;
  readonly maxDays?: number;
  readonly dayCounting: DayCounting;
  /** The event fact that states the length instead of `days` (the call's chosen period). */
  readonly daysFromFact?: 'callPeriodDays';
  readonly reminders: readonly ReminderSpec[];
  /** Clarification questions close this many days before the deadline (the call only). */
  readonly enquiriesCloseDaysBefore?: number;
}

/** The meta of one state node. */
export interface LotStateMeta {
  readonly description: string;
  readonly deadline?: DeadlineSpec;
  /** Published when the state is entered. */
  readonly release?: ReleaseTag;
  /** Sent when the state is entered. */
  readonly notifications?: readonly NotificationSpec[];
  /** The events this state node handles and who may send each (from the event catalogue). */
  readonly roles: Readonly<Partial<Record<LotEventType, readonly ActorRole[]>>>;
}

/** The meta of every active state node of a lot, merged from the outermost to the innermost. */
export interface LotMeta {
  /** Outermost first, e.g. ['Evaluation…', 'Individual scoring…']. */
  readonly descriptions: readonly string[];
  /** The deadlines that must exist while the lot is in this state (the reconciler's checklist). */
  readonly deadlines: readonly DeadlineSpec[];
  readonly releases: readonly ReleaseTag[];
  readonly notifications: readonly NotificationSpec[];
  readonly roles: Readonly<Partial<Record<LotEventType, readonly ActorRole[]>>>;
}

/** The parameters of each effect, keyed by its type (the machine's action descriptors). */
export interface LotEffectParams {
  armDeadline: { readonly deadline: DeadlineSpec };
  cancelDeadline: { readonly kind: DeadlineKind };
  /** The call's closing time changed (an amendment): recompute it and bump the generation. */
  rescheduleDeadline: { readonly kind: DeadlineKind };
  notify: { readonly notification: NotificationSpec };
  publishRelease: { readonly tag: ReleaseTag };
}

export type LotEffectType = keyof LotEffectParams;

/**
 * An effect a transition asks the engine for, in order (exits, then the transition, then entries),
 * e.g. `{ type: 'armDeadline', deadline }`. The engine writes each to the outbox in the same
 * transaction as the lot.
 */
export type LotEffect = {
  [K in LotEffectType]: { readonly type: K } & LotEffectParams[K];
}[LotEffectType];
