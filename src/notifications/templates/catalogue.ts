import type { DeadlineKind } from '../../../workflows/index.js';

/** A message before rendering: `{lotNumber}`, `{lotTheme}`, `{dueAt}`… are filled in. */
export interface MessageTemplate {
  readonly title: string;
  readonly body: string;
}

/** The notifications the lot machine sends on its transitions (workflows/lot.machine.ts). */
export const LOT_EVENT_NOTIFICATIONS = [
  'lot.hearingAnnounced',
  'lot.hearingRegistrationClosed',
  'lot.draftReturnedForRevision',
  'lot.callOpened',
  'lot.callAmended',
  'lot.callClosed',
  'lot.admissibilityOverdue',
  'lot.scoringOpened',
  'lot.meetingConvened',
  'lot.secondRoundOpened',
  'lot.winnerDeclined',
  'lot.awarded',
  'lot.awardHeldByComplaints',
  'lot.awardAnnulled',
  'lot.contractingOpened',
  'lot.agreementSigned',
  'lot.closed',
  'lot.agreementTerminated',
  'lot.reportOverdue',
  'lot.unsuccessful',
  'lot.cancelled',
] as const;
export type LotEventNotification = (typeof LOT_EVENT_NOTIFICATIONS)[number];

/** Notifications a feature sends to the people a decision concerns, not on a lot's transition. */
export const FEATURE_NOTIFICATIONS = ['application.rejected'] as const;
export type FeatureNotification = (typeof FEATURE_NOTIFICATIONS)[number];

/**
 * Every deadline a reminder can precede: `lot.<kind>Reminder`. Besides the states' deadlines,
 * `report`: the due dates of an agreement's reports (rows `report-<seq>`, src/reporting).
 */
export const REMINDED_DEADLINES = [
  'hearingRegistration',
  'callClose',
  'admissibility',
  'scoring',
  'secondRoundScoring',
  'standstill',
  'report',
] as const satisfies readonly (DeadlineKind | 'report')[];
export type RemindedDeadline = (typeof REMINDED_DEADLINES)[number];

export const reminderName = (kind: RemindedDeadline) => `lot.${kind}Reminder` as const;

/** The deadline kind of a reminder's name, or null when the name is not a reminder's. */
export function reminderKindOf(name: string): RemindedDeadline | null {
  const match = /^lot\.(\w+)Reminder$/.exec(name);
  const kind = match?.[1];
  return (REMINDED_DEADLINES as readonly string[]).includes(kind ?? '')
    ? (kind as RemindedDeadline)
    : null;
}

/** Notifications of a state's opening or change that name the deadline it runs to. */
const DEADLINE_OF_EVENT: Readonly<Partial<Record<LotEventNotification, RemindedDeadline>>> = {
  'lot.callOpened': 'callClose',
  'lot.callAmended': 'callClose',
};

/** The deadline whose instant a notification shows as `{dueAt}`: a reminder's, or the call's. */
export function deadlineKindOf(name: string): RemindedDeadline | null {
  const reminded = reminderKindOf(name);
  if (reminded) return reminded;
  return Object.hasOwn(DEADLINE_OF_EVENT, name)
    ? (DEADLINE_OF_EVENT[name as LotEventNotification] ?? null)
    : null;
}

/** Every notification name with a template of its own. */
export const NOTIFICATION_NAMES: readonly string[] = [
  ...LOT_EVENT_NOTIFICATIONS,
  ...FEATURE_NOTIFICATIONS,
  ...REMINDED_DEADLINES.map(reminderName),
];

/** One locale's wording; the reminder template names its deadline as `{deadline}`. */
export interface LocaleCatalogue {
  readonly events: Readonly<Record<LotEventNotification | FeatureNotification, MessageTemplate>>;
  readonly reminder: MessageTemplate;
  readonly deadlines: Readonly<Record<RemindedDeadline, string>>;
  /** For a name nobody wrote a template for yet: `{event}` is the name. */
  readonly generic: MessageTemplate;
  /** BCP 47 tag for dates in messages. */
  readonly dateLocale: string;
}
