import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { ComplaintsService } from './complaints.service.js';
import {
  ComplaintDecisionRequest,
  ComplaintView,
  DecidedComplaintView,
  NewComplaint,
} from './dto/complaint.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('awards')
@ApiBearerAuth()
@Controller('lots/:id/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  /** An applicant complains about the award, during the standstill only. */
  @Post()
  @Roles('ngo_member')
  @ApiCreatedResponse({ type: ComplaintView })
  @ApiProblems(400, 401, 403, 404, 409)
  file(
    @Param('id', uuid) id: string,
    @Body() request: NewComplaint,
    @CurrentActor() actor: Actor,
  ): Promise<ComplaintView> {
    return this.complaints.file(id, request, actor);
  }

  /** The buyer's staff and commission: every complaint; an NGO: its own. */
  @Get()
  @ApiOkResponse({ type: [ComplaintView] })
  @ApiProblems(400, 401, 403, 404)
  list(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ComplaintView[]> {
    return this.complaints.list(id, actor);
  }

  /** The review body's decision; the buyer's staff act as the review body. */
  @Post(':complaintId/decision')
  @HttpCode(200)
  @Roles('buyer_staff')
  @ApiOkResponse({ type: DecidedComplaintView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(
    @Param('id', uuid) id: string,
    @Param('complaintId', uuid) complaintId: string,
    @Body() request: ComplaintDecisionRequest,
    @CurrentActor() actor: Actor,
  ): Promise<DecidedComplaintView> {
    return this.complaints.decide(id, complaintId, request, actor);
  }
}
