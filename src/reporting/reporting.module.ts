import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { LotsModule } from '../lots/lots.module.js';
import { OcdsModule } from '../ocds/ocds.module.js';
import { AgreementsController } from './agreements.controller.js';
import { AgreementsService } from './agreements.service.js';
import { ImplementationController } from './implementation.controller.js';
import { ImplementationService } from './implementation.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * Agreement, reporting and closure. The worker imports it too: its transition listener keeps
 * the agreement in step with every transition (a report overdue, a cancellation), wherever the
 * engine runs.
 */
@Module({
  imports: [LotsModule, DeadlinesModule, OcdsModule],
  controllers: [AgreementsController, ReportsController, ImplementationController],
  providers: [AgreementsService, ReportsService, ImplementationService],
})
export class ReportingModule {}
