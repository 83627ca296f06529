import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { RecipientGroup } from '../../workflows/index.js';
import type { DeliveryJobData, NotifyJobData } from '../queue/queues.js';
import { EmailDeliveryProcessor } from './email-delivery.processor.js';
import { NotificationJob } from './notification-queues.js';
import { NotificationsService, UnknownLotError } from './notifications.service.js';

/** The handlers of the notifications queue, one per job name. */
@Injectable()
export class NotificationProcessor {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly emails: EmailDeliveryProcessor,
  ) {}

  async process(job: Job<NotifyJobData | DeliveryJobData>): Promise<unknown> {
    switch (job.name) {
      case NotificationJob.Notify: {
        const data = job.data as NotifyJobData;
        try {
          return await this.notifications.notify({
            ...data,
            recipients: data.recipients as RecipientGroup[],
          });
        } catch (error) {
          if (error instanceof UnknownLotError) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
      case NotificationJob.Email:
        return this.emails.process(job as Job<DeliveryJobData>);
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on the notifications queue`);
    }
  }
}
