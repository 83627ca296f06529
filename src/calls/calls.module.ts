import { Module } from '@nestjs/common';
import { HearingsModule } from '../hearings/hearings.module.js';
import { LotsModule } from '../lots/lots.module.js';
import { CallQuestionsService } from './call-questions.service.js';
import { CallsController, PublicCallsController } from './calls.controller.js';
import { CallsService } from './calls.service.js';

/** The call for bids: announcement and amendments, clarification questions, public view. */
@Module({
  imports: [LotsModule, HearingsModule],
  controllers: [CallsController, PublicCallsController],
  providers: [CallsService, CallQuestionsService],
  exports: [CallsService],
})
export class CallsModule {}
