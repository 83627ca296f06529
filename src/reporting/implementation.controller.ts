import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import {
  MonitoringVisitView,
  NewMonitoringVisit,
  NewTranchePayment,
  TranchePaymentView,
} from './dto/implementation.dto.js';
import { ImplementationService } from './implementation.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('lots/:id')
export class ImplementationController {
  constructor(private readonly implementation: ImplementationService) {}

  /** The buyer records a tranche of the plan as paid. */
  @Post('tranches')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: TranchePaymentView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  pay(
    @Param('id', uuid) id: string,
    @Body() request: NewTranchePayment,
    @CurrentActor() actor: Actor,
  ): Promise<TranchePaymentView> {
    return this.implementation.recordPayment(id, request, actor);
  }

  /** The monitoring officer records a visit to the service. */
  @Post('monitoring-visits')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: MonitoringVisitView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  visit(
    @Param('id', uuid) id: string,
    @Body() request: NewMonitoringVisit,
    @CurrentActor() actor: Actor,
  ): Promise<MonitoringVisitView> {
    return this.implementation.recordVisit(id, request, actor);
  }
}
