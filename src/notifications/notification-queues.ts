import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import {
  DEFAULT_JOB_OPTIONS,
  QueueName,
  queueOptions,
  type DeliveryJobData,
  type NotifyJobData,
} from '../queue/queues.js';

/** Job names of the notification queues, each with exactly one handler in the worker. */
export const NotificationJob = {
  Notify: 'notify',
  Email: 'email',
  Deliver: 'deliver',
} as const;

/** Deterministic job ids (no ':'): adding one twice adds one job. */
export const notificationJobId = {
  notify: (outboxRowId: string) => `notify-${outboxRowId}`,
  email: (deliveryId: string) => `email-${deliveryId}`,
  webhook: (deliveryId: string) => `webhook-${deliveryId}`,
};

/** The queues notifications go through, opened once per process. */
@Injectable()
export class NotificationQueues implements OnApplicationShutdown {
  readonly notifications: Queue<NotifyJobData | DeliveryJobData>;
  readonly webhooks: Queue<DeliveryJobData>;
  /** Webhook retries: exponential from WEBHOOK_BACKOFF_MS, WEBHOOK_MAX_ATTEMPTS in all. */
  readonly webhookJobOptions: JobsOptions;

  constructor(runtime: Runtime, environment: Environment) {
    const shared = queueOptions(runtime, environment);
    this.notifications = new Queue(QueueName.Notifications, {
      ...shared,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.webhookJobOptions = {
      ...DEFAULT_JOB_OPTIONS,
      attempts: environment.WEBHOOK_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: environment.WEBHOOK_BACKOFF_MS },
    };
    this.webhooks = new Queue(QueueName.Webhooks, {
      ...shared,
      defaultJobOptions: this.webhookJobOptions,
    });
  }

  async notify(outboxRowId: string, data: NotifyJobData): Promise<void> {
    await this.notifications.add(NotificationJob.Notify, data, {
      jobId: notificationJobId.notify(outboxRowId),
    });
  }

  async sendEmails(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.notifications.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: NotificationJob.Email,
        data: { deliveryId },
        opts: { jobId: notificationJobId.email(deliveryId) },
      })),
    );
  }

  async deliverWebhooks(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.webhooks.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: NotificationJob.Deliver,
        data: { deliveryId },
        opts: { jobId: notificationJobId.webhook(deliveryId) },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.notifications.close(), this.webhooks.close()]);
  }
}
