import type { ConnectionOptions, JobsOptions } from 'bullmq';
import type { Environment } from '../config/environment.js';
import type { Runtime } from '../config/runtime.js';

/** Every queue of the service, named once. */
export const QueueName = {
  /** Delayed jobs that fire lot deadlines. */
  Deadlines: 'deadlines',
  /** Recurring housekeeping: the deadline reconciler. */
  Maintenance: 'maintenance',
  /** 'notify' (resolve recipients, write inboxes) and 'email' (send one message). */
  Notifications: 'notifications',
  /** 'deliver': one signed POST to an organisation's webhook, retried with backoff. */
  Webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/**
 * On the deadlines queue: 'fire' (the deadline falls due; job id `lot-<lotId>-<kind>-g<n>`) and
 * 'remind' (a reminder `daysBefore` it; job id `reminder-<lotId>-<kind>-g<n>-d<days>`).
 */
export interface DeadlineJobData {
  lotId: string;
  kind: string;
  generation: number;
  daysBefore?: number;
}

/**
 * On the notifications queue: 'notify' sends one notification to recipient groups (job id
 * `notify-<outboxRowId>`); `dedupeKey` makes it at most once per recipient.
 */
export interface NotifyJobData {
  lotId: string;
  /** Template name, e.g. 'lot.callOpened'. */
  name: string;
  recipients: string[];
  dedupeKey: string;
  data?: Record<string, unknown>;
}

/** 'email' on the notifications queue (`email-<deliveryId>`), 'deliver' on webhooks (`webhook-<id>`). */
export interface DeliveryJobData {
  deliveryId: string;
}

/** Retries with backoff, and enough retention to inspect what ran; set once, not at each call. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** BullMQ needs a connection that retries forever (maxRetriesPerRequest: null) for its workers. */
export function queueConnection(runtime: Runtime): ConnectionOptions {
  const url = new URL(runtime.redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Connection and key prefix shared by every queue and worker of this deployment. */
export function queueOptions(
  runtime: Runtime,
  environment: Pick<Environment, 'QUEUE_PREFIX'>,
): { connection: ConnectionOptions; prefix: string } {
  return { connection: queueConnection(runtime), prefix: environment.QUEUE_PREFIX };
}
