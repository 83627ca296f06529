import type { LocaleCatalogue } from './catalogue.js';

const lot = 'Lot {lotNumber} “{lotTheme}”';

export const en: LocaleCatalogue = {
  dateLocale: 'en-GB',
  events: {
    'lot.hearingAnnounced': {
      title: 'Public hearing announced — lot {lotNumber}',
      body: `${lot}: the draft is open for public hearing; participants may register.`,
    },
    'lot.hearingRegistrationClosed': {
      title: 'Hearing registration closed — lot {lotNumber}',
      body: `${lot}: registration for the public hearing has closed; the discussion begins.`,
    },
    'lot.draftReturnedForRevision': {
      title: 'Draft returned for revision — lot {lotNumber}',
      body: `${lot}: after the hearing the draft was returned for revision.`,
    },
    'lot.callOpened': {
      title: 'Call for applications opened — lot {lotNumber}',
      body: `${lot}: applications are now accepted until {dueAt}.`,
    },
    'lot.callAmended': {
      title: 'Call amended — lot {lotNumber}',
      body: `${lot}: the call has been amended; applications are now accepted until {dueAt}.`,
    },
    'lot.callClosed': {
      title: 'Call closed — lot {lotNumber}',
      body: `${lot}: the call has closed; the admissibility check begins.`,
    },
    'lot.admissibilityOverdue': {
      title: 'Admissibility check overdue — lot {lotNumber}',
      body: `${lot}: the time for the admissibility check has passed.`,
    },
    'lot.scoringOpened': {
      title: 'Scoring opened — lot {lotNumber}',
      body: `${lot}: commission members may score the applications; declare any conflict of interest first.`,
    },
    'lot.meetingConvened': {
      title: 'Commission meeting — lot {lotNumber}',
      body: `${lot}: scoring is complete; the commission meets to rank the applications.`,
    },
    'lot.secondRoundOpened': {
      title: 'Second round — lot {lotNumber}',
      body: `${lot}: the competition has moved to the second round of evaluation.`,
    },
    'lot.winnerDeclined': {
      title: 'Winner declined — lot {lotNumber}',
      body: `${lot}: the winner declined; the award passes to the next in rank.`,
    },
    'lot.awarded': {
      title: 'Award decision — lot {lotNumber}',
      body: `${lot}: the award decision is published; complaints may be filed during the standstill period.`,
    },
    'lot.awardHeldByComplaints': {
      title: 'Award held by complaints — lot {lotNumber}',
      body: `${lot}: the standstill has ended, but no agreement is signed until the open complaints are resolved.`,
    },
    'lot.awardAnnulled': {
      title: 'Award annulled — lot {lotNumber}',
      body: `${lot}: the award decision was annulled; the commission will reconsider the applications.`,
    },
    'lot.contractingOpened': {
      title: 'Agreement in preparation — lot {lotNumber}',
      body: `${lot}: the award is final; the agreement may be prepared and signed.`,
    },
    'lot.agreementSigned': {
      title: 'Agreement signed — lot {lotNumber}',
      body: `${lot}: the agreement is signed; implementation and reporting begin.`,
    },
    'lot.closed': {
      title: 'Lot closed — {lotNumber}',
      body: `${lot}: the final report is accepted and the lot is closed.`,
    },
    'lot.agreementTerminated': {
      title: 'Agreement terminated — lot {lotNumber}',
      body: `${lot}: the agreement was terminated early.`,
    },
    'lot.reportOverdue': {
      title: 'Report overdue — lot {lotNumber}',
      body: `${lot}: a report under the agreement was not submitted by its due date.`,
    },
    'lot.unsuccessful': {
      title: 'Competition unsuccessful — lot {lotNumber}',
      body: `${lot}: the competition ended without an award.`,
    },
    'lot.cancelled': {
      title: 'Lot cancelled — {lotNumber}',
      body: `${lot}: the buyer cancelled the lot.`,
    },
    'application.rejected': {
      title: 'Application not admitted — lot {lotNumber}',
      body: `${lot}: your application was not admitted to the evaluation. Reason: {reason}`,
    },
  },
  reminder: {
    title: 'Reminder: {deadline} — lot {lotNumber}',
    body: `${lot}: the {deadline} deadline is {dueAt}.`,
  },
  deadlines: {
    hearingRegistration: 'hearing registration',
    callClose: 'call for applications',
    admissibility: 'admissibility check',
    scoring: 'scoring',
    secondRoundScoring: 'second-round scoring',
    standstill: 'standstill period',
    report: 'report submission',
  },
  generic: {
    title: 'Update on lot {lotNumber}',
    body: `${lot}: {event}.`,
  },
};
