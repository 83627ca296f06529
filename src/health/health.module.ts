import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { RedisHealthIndicator } from './redis.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DeadlinesModule],
  controllers: [HealthController, MetricsController],
  providers: [RedisHealthIndicator, MetricsService],
})
export class HealthModule {}
