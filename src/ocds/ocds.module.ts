import { Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module.js';
import { CacheableInterceptor } from './cacheable.interceptor.js';
import { OcdsController } from './ocds.controller.js';
import { OcdsService } from './ocds.service.js';
import { ReleaseFactsReader } from './release-facts.js';

/**
 * OCDS releases, records and packages. The worker imports it too: deadline transitions
 * publish releases wherever the engine runs.
 */
@Module({
  imports: [LotsModule],
  controllers: [OcdsController],
  providers: [OcdsService, ReleaseFactsReader, CacheableInterceptor],
  exports: [OcdsService],
})
export class OcdsModule {}
