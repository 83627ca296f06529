import { Module } from '@nestjs/common';
import { DeadlineWorkerModule } from '../deadlines/deadline-worker.module.js';
import { EmailDeliveryProcessor } from './email-delivery.processor.js';
import { EmailSender } from './email-sender.service.js';
import { NotificationWorker } from './notification-worker.service.js';
import { NotificationProcessor } from './notification.processor.js';
import { NotificationsModule } from './notifications.module.js';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor.js';

/** The worker role's part: the outbox dispatcher, the notification and webhook processors. */
@Module({
  imports: [NotificationsModule, DeadlineWorkerModule],
  providers: [
    EmailSender,
    EmailDeliveryProcessor,
    WebhookDeliveryProcessor,
    NotificationProcessor,
    NotificationWorker,
  ],
})
export class NotificationWorkerModule {}
