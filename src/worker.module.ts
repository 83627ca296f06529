import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';
import { ApplicationsModule } from './applications/applications.module.js';
import { AwardsModule } from './awards/awards.module.js';
import { HearingRecipientsModule } from './hearings/hearing-recipients.module.js';
import { CoreModule } from './core.module.js';
import { DeadlineWorkerModule } from './deadlines/deadline-worker.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { NotificationWorkerModule } from './notifications/notification-worker.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { OcdsModule } from './ocds/ocds.module.js';

/**
 * The background worker (ROLE=worker): no HTTP server. It migrates the schema like the API and
 * runs the outbox relay, the deadline processor, the reconciler and the notification processors.
 */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment, runtime: Runtime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(environment, runtime),
        DeadlinesModule,
        DeadlineWorkerModule,
        NotificationsModule,
        ApplicationsModule,
        EvaluationModule,
        AwardsModule,
        ReportingModule,
        OcdsModule,
        HearingRecipientsModule,
        NotificationWorkerModule,
      ],
    };
  }
}
