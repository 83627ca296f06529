import { Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DeadlineProcessor } from './deadline.processor.js';
import { DeadlineReconciler } from './deadline-reconciler.service.js';
import { DeadlineWorker } from './deadline-worker.service.js';
import { DeadlinesModule } from './deadlines.module.js';
import { OutboxRelay } from './outbox-relay.service.js';

/** The worker role's part: outbox relay, deadline processor, reconciler. */
@Module({
  imports: [LotsModule, DeadlinesModule, NotificationsModule],
  providers: [OutboxRelay, DeadlineProcessor, DeadlineReconciler, DeadlineWorker],
  exports: [DeadlineReconciler, OutboxRelay],
})
export class DeadlineWorkerModule {}
