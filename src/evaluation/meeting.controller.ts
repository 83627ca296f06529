import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { LotView } from '../lots/dto/lot.dto.js';
import {
  CloseEvaluationRequest,
  ClosedEvaluationView,
  ProtocolQuery,
  ProtocolView,
} from './dto/meeting.dto.js';
import { MeetingService } from './meeting.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The commission's meeting and its protocol. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('lots/:id/evaluation')
export class MeetingController {
  constructor(private readonly meeting: MeetingService) {}

  /** The round's chair convenes the meeting before the deadline, once every sheet is in. */
  @Post('meeting')
  @HttpCode(200)
  @Roles('commission_member')
  @ApiOkResponse({ type: LotView, description: 'The lot in its meeting' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  convene(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<LotView> {
    return this.meeting.convene(id, actor);
  }

  /** The round's chair closes the meeting: the protocol is locked with its hash. */
  @Post('close')
  @HttpCode(200)
  @Roles('commission_member')
  @ApiOkResponse({ type: ClosedEvaluationView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  close(
    @Param('id', uuid) id: string,
    @Body() request: CloseEvaluationRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ClosedEvaluationView> {
    return this.meeting.close(id, request, actor);
  }

  @Get('protocol')
  @ApiOkResponse({ type: ProtocolView })
  @ApiProblems(400, 401, 403, 404)
  protocol(
    @Param('id', uuid) id: string,
    @Query() query: ProtocolQuery,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolView> {
    return this.meeting.protocol(id, query.round, actor);
  }

  @Get('protocol.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The protocol as a page' })
  @ApiProblems(400, 401, 403, 404)
  protocolPage(
    @Param('id', uuid) id: string,
    @Query() query: ProtocolQuery,
    @CurrentActor() actor: Actor,
  ): Promise<string> {
    return this.meeting.protocolHtml(id, query.round, actor);
  }
}
