import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module.js';
import { LotsModule } from '../lots/lots.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProgrammesModule } from '../programmes/programmes.module.js';
import { AwardsController, PublicResultsController } from './awards.controller.js';
import { AwardsService } from './awards.service.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';
import { ReannouncementService } from './reannouncement.service.js';

/**
 * The award stage: awards kept in step with the lot, declines, complaints and their decisions,
 * published results, re-announcement of an unsuccessful lot. The worker imports it too: the
 * facts of STANDSTILL_ENDS and the award listener must exist wherever the engine runs.
 */
@Module({
  imports: [LotsModule, CallsModule, NotificationsModule, ProgrammesModule],
  controllers: [AwardsController, PublicResultsController, ComplaintsController],
  providers: [AwardsService, ComplaintsService, ReannouncementService],
  exports: [AwardsService],
})
export class AwardsModule {}
