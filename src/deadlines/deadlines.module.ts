import { Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module.js';
import { DeadlineQueues } from './deadline-queues.js';
import { DeadlinesService } from './deadlines.service.js';

/**
 * Deadlines as data, written in the lot engine's transactions, and the queues they are scheduled
 * on: needed by every role.
 */
@Module({
  imports: [LotsModule],
  providers: [DeadlinesService, DeadlineQueues],
  exports: [DeadlinesService, DeadlineQueues],
})
export class DeadlinesModule {}
