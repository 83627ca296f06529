import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { parseIfMatch } from '../lots/lots.controller.js';
import { AdmissibilityService } from './admissibility.service.js';
import {
  AdmissibilityCompletionView,
  AdmissibilityEntryView,
  AdmissibilityRequest,
  AdmissibilityView,
} from './dto/admissibility.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });
const IF_MATCH = { name: 'If-Match', required: false, description: 'The lot version you last saw' };

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('lots/:id/admissibility')
export class AdmissibilityController {
  constructor(private readonly admissibility: AdmissibilityService) {}

  /** Every submitted application with its decision (the buyer's staff and the commission). */
  @Get()
  @Roles('buyer_staff', 'commission_member')
  @ApiOkResponse({ type: AdmissibilityView })
  @ApiProblems(400, 401, 403, 404)
  view(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<AdmissibilityView> {
    return this.admissibility.view(id, actor);
  }

  /** Sends ADMISSIBILITY_DONE once every submitted application is decided. */
  @Post('complete')
  @HttpCode(200)
  @Roles('commission_member')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AdmissibilityCompletionView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  complete(
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AdmissibilityCompletionView> {
    return this.admissibility.complete(id, actor, parseIfMatch(ifMatch));
  }

  /** The secretary admits or rejects (with a reason the NGO is told) one application. */
  @Put(':applicationId')
  @Roles('commission_member')
  @ApiOkResponse({ type: AdmissibilityEntryView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(
    @Param('id', uuid) id: string,
    @Param('applicationId', uuid) applicationId: string,
    @Body() request: AdmissibilityRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AdmissibilityEntryView> {
    return this.admissibility.decide(id, applicationId, request, actor);
  }
}
