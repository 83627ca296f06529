import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AwardsModule } from './awards/awards.module.js';
import { CallsModule } from './calls/calls.module.js';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';
import { CoreModule } from './core.module.js';
import { DeadlineWorkerModule } from './deadlines/deadline-worker.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { HealthModule } from './health/health.module.js';
import { HearingsModule } from './hearings/hearings.module.js';
import { LotsModule } from './lots/lots.module.js';
import { NotificationWorkerModule } from './notifications/notification-worker.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OcdsModule } from './ocds/ocds.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { ReportingModule } from './reporting/reporting.module.js';

/** The HTTP API (ROLE=api), with the worker's modules in the same process for ROLE=all. */
@Module({})
export class AppModule {
  static forRoot(
    environment: Environment,
    runtime: Runtime,
    options: { withWorker: boolean },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(environment, runtime),
        AuthModule,
        HealthModule,
        LotsModule,
        DeadlinesModule,
        ProgrammesModule,
        NotificationsModule,
        HearingsModule,
        CallsModule,
        ApplicationsModule,
        EvaluationModule,
        AwardsModule,
        ReportingModule,
        OcdsModule,
        ...(options.withWorker ? [DeadlineWorkerModule, NotificationWorkerModule] : []),
      ],
    };
  }
}
