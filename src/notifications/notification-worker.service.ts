import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { NotificationSpec } from '../../workflows/index.js';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { OutboxRelay } from '../deadlines/outbox-relay.service.js';
import {
  QueueName,
  queueOptions,
  type DeliveryJobData,
  type NotifyJobData,
} from '../queue/queues.js';
import { NotificationJob, NotificationQueues } from './notification-queues.js';
import { NotificationProcessor } from './notification.processor.js';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor.js';

/** The outbox topic the lot engine writes a machine's `notify` effect to. */
export const NOTIFY_TOPIC = 'lot.notify';

function isNotificationSpec(value: unknown): value is NotificationSpec {
  const spec = value as Partial<NotificationSpec> | undefined;
  return (
    typeof spec?.name === 'string' &&
    spec.name.startsWith('lot.') &&
    Array.isArray(spec.recipients) &&
    spec.recipients.every((group) => typeof group === 'string')
  );
}

/**
 * The worker role's notification machinery: turns 'lot.notify' outbox rows into jobs (the
 * dispatcher is registered before the relay starts), and runs the notification and webhook
 * queues. Closes gracefully: running jobs finish.
 */
@Injectable()
export class NotificationWorker
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('NotificationWorker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly runtime: Runtime,
    private readonly environment: Environment,
    private readonly relay: OutboxRelay,
    private readonly queues: NotificationQueues,
    private readonly processor: NotificationProcessor,
    private readonly webhooks: WebhookDeliveryProcessor,
  ) {}

  onModuleInit(): void {
    this.relay.register(NOTIFY_TOPIC, async (payload, row) => {
      const spec = payload.notification;
      if (!row.lotId || !isNotificationSpec(spec)) {
        // Retrying a malformed row cannot help; it is marked sent and the reason logged.
        this.logger.error(`outbox row ${row.id}: not a lot notification`);
        return;
      }
      await this.queues.notify(row.id, {
        lotId: row.lotId,
        name: spec.name,
        recipients: [...spec.recipients],
        dedupeKey: `outbox-${row.id}`,
      });
    });
  }

  onApplicationBootstrap(): void {
    const shared = queueOptions(this.runtime, this.environment);
    const notifications = new Worker<NotifyJobData | DeliveryJobData>(
      QueueName.Notifications,
      (job) => this.processor.process(job),
      { ...shared, concurrency: 10 },
    );
    const webhooks = new Worker<DeliveryJobData>(
      QueueName.Webhooks,
      (job) => {
        if (job.name !== NotificationJob.Deliver) {
          throw new UnrecoverableError(`No handler for job ${job.name} on the webhooks queue`);
        }
        return this.webhooks.process(job);
      },
      { ...shared, concurrency: 20 },
    );
    this.workers.push(notifications, webhooks);
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
      worker.on('failed', (job: Job | undefined, error) => {
        if (
          job &&
          (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))
        ) {
          this.logger.error(`${job.queueName} job ${job.id} gave up: ${error.message}`);
        }
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
