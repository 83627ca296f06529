import { Module } from '@nestjs/common';
import { InboxService } from './inbox.service.js';
import { MembershipRecipients } from './membership-recipients.js';
import { NotificationQueues } from './notification-queues.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { PreferencesService } from './preferences.service.js';
import { RecipientResolvers } from './recipient-resolvers.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Notifications for every role: notify() and its recipient resolvers, the queues, and the
 * inbox, preferences and webhook endpoints (served by the API role).
 */
@Module({
  controllers: [NotificationsController, WebhooksController],
  providers: [
    RecipientResolvers,
    MembershipRecipients,
    NotificationQueues,
    NotificationsService,
    PreferencesService,
    InboxService,
    WebhooksService,
  ],
  exports: [RecipientResolvers, NotificationsService, NotificationQueues],
})
export class NotificationsModule {}
