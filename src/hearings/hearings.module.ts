import { Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module.js';
import { EmailSender } from '../notifications/email-sender.service.js';
import { HearingParticipationService } from './hearing-participation.service.js';
import { HearingRecipientsModule } from './hearing-recipients.module.js';
import { HearingsController } from './hearings.controller.js';
import { HearingsService } from './hearings.service.js';
import { PublicHearingsController } from './public-hearings.controller.js';

/**
 * Public hearings: the notice (published with PUBLISH_FOR_HEARING through the lot engine),
 * registrations with emailed confirmation, comments and answers, and the protocol. Exports
 * HearingsService for the call module (approvedProtocolOf).
 */
@Module({
  imports: [LotsModule, HearingRecipientsModule],
  controllers: [HearingsController, PublicHearingsController],
  providers: [HearingsService, HearingParticipationService, EmailSender],
  exports: [HearingsService],
})
export class HearingsModule {}
