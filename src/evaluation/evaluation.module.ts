import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { LotsModule } from '../lots/lots.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AdmissibilityController } from './admissibility.controller.js';
import { AdmissibilityService } from './admissibility.service.js';
import { CommissionController } from './commission.controller.js';
import { CommissionService } from './commission.service.js';
import { MeetingController } from './meeting.controller.js';
import { MeetingService } from './meeting.service.js';
import { ScoreSheetsController } from './score-sheets.controller.js';
import { ScoreSheetsService } from './score-sheets.service.js';

/**
 * The commission's evaluation of a lot: composition, conflict-of-interest declarations,
 * admissibility, scoring and the meeting. The worker imports it too: the facts providers for the
 * evaluation events must exist wherever the engine runs.
 */
@Module({
  imports: [LotsModule, ApplicationsModule, CallsModule, NotificationsModule],
  controllers: [
    CommissionController,
    AdmissibilityController,
    ScoreSheetsController,
    MeetingController,
  ],
  providers: [CommissionService, AdmissibilityService, ScoreSheetsService, MeetingService],
  exports: [CommissionService, AdmissibilityService],
})
export class EvaluationModule {}
