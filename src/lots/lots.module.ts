import { Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { LotEngine } from './lot-engine.service.js';
import { LotEffectHandlers, LotFactsRegistry, LotTransitionListeners } from './lot-facts.js';
import { LotViewSuppliers } from './lot-view-supplements.js';
import { LotsController } from './lots.controller.js';
import { LotsService } from './lots.service.js';
import { PublicLotsController } from './public-lots.controller.js';
import { WorkflowsController } from './workflows.controller.js';

@Module({
  controllers: [LotsController, PublicLotsController, WorkflowsController],
  providers: [
    LotEngine,
    LotsService,
    AuditService,
    LotFactsRegistry,
    LotEffectHandlers,
    LotTransitionListeners,
    LotViewSuppliers,
  ],
  exports: [
    LotEngine,
    LotsService,
    LotFactsRegistry,
    LotEffectHandlers,
    LotTransitionListeners,
    LotViewSuppliers,
  ],
})
export class LotsModule {}
