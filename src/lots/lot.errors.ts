import { ProblemException } from '../common/problem.js';

/** Stable codes of the lot feature; clients may switch on them. */
export const LotErrorCode = {
  LotNotFound: 'lot-not-found',
  UnknownEvent: 'unknown-event',
  EventNotAccepted: 'event-not-accepted',
  EventRefused: 'event-refused',
  VersionConflict: 'version-conflict',
  FactsUnavailable: 'facts-unavailable',
  NotDraft: 'lot-not-draft',
} as const;

export const lotError = {
  notFound: (id: string) => new ProblemException(404, LotErrorCode.LotNotFound, `No lot ${id}`),
  unknownEvent: (type: string, known: readonly string[]) =>
    new ProblemException(400, LotErrorCode.UnknownEvent, `No lot event is called ${type}`, {
      knownEvents: known,
    }),
  eventNotAccepted: (type: string, state: string, acceptedEvents: readonly string[]) =>
    new ProblemException(
      409,
      LotErrorCode.EventNotAccepted,
      `A lot in state ${state} does not accept ${type}` +
        (acceptedEvents.length > 0 ? `; you may send ${acceptedEvents.join(', ')}` : ''),
      { state, acceptedEvents },
    ),
  eventRefused: (type: string, state: string, facts: Record<string, unknown>) =>
    new ProblemException(
      422,
      LotErrorCode.EventRefused,
      `${type} is handled in state ${state}, but its conditions do not hold for these facts`,
      { state, facts },
    ),
  versionConflict: (currentVersion: number | null, expected: number) =>
    new ProblemException(
      409,
      LotErrorCode.VersionConflict,
      `The lot changed meanwhile (you had version ${expected}); reload it and try again`,
      { currentVersion },
    ),
  factsUnavailable: (type: string, facts: readonly string[]) =>
    new ProblemException(
      409,
      LotErrorCode.FactsUnavailable,
      `${type} needs ${facts.join(', ')}, which no installed module can tell yet`,
      { missingFacts: facts },
    ),
  notDraft: (state: string) =>
    new ProblemException(
      409,
      LotErrorCode.NotDraft,
      `The lot is in ${state}; only a draft can be edited`,
      {
        state,
      },
    ),
};
