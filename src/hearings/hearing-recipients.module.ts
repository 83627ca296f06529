import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { HearingRecipients } from './hearing-recipients.js';

/**
 * The resolver alone, for every process that sends notifications: the API (ROLE=api/all) through
 * HearingsModule, and the worker (ROLE=worker), which imports this module.
 */
@Module({
  imports: [NotificationsModule],
  providers: [HearingRecipients],
})
export class HearingRecipientsModule {}
