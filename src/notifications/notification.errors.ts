import { ProblemException } from '../common/problem.js';

/** Stable codes of the notifications feature; clients may switch on them. */
export const NotificationErrorCode = {
  NotificationNotFound: 'notification-not-found',
  WebhookNotFound: 'webhook-not-found',
  WebhookUrlRefused: 'webhook-url-refused',
  DuplicatePreference: 'duplicate-preference',
} as const;

export const notificationError = {
  /** Also for someone else's notification: its existence is not the caller's business. */
  notFound: (id: string) =>
    new ProblemException(404, NotificationErrorCode.NotificationNotFound, `No notification ${id}`),
  webhookNotFound: (id: string) =>
    new ProblemException(404, NotificationErrorCode.WebhookNotFound, `No webhook ${id} here`),
  webhookUrlRefused: (why: string) =>
    new ProblemException(422, NotificationErrorCode.WebhookUrlRefused, why),
  duplicatePreference: (event: string, channel: string) =>
    new ProblemException(
      400,
      NotificationErrorCode.DuplicatePreference,
      `The preference for ${event} on ${channel} is given twice`,
    ),
};
