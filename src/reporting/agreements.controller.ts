import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { AgreementsService } from './agreements.service.js';
import { AgreementView, NewAgreement, TerminationRequest } from './dto/agreement.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('lots/:id/agreement')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  /** The buyer drafts the agreement in contracting (again, until someone has signed). */
  @Post()
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: AgreementView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  draft(
    @Param('id', uuid) id: string,
    @Body() request: NewAgreement,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementView> {
    return this.agreements.draft(id, request, actor);
  }

  /** Its two sides, the buyer's commission and admins: the agreement with its schedule. */
  @Get()
  @ApiOkResponse({ type: AgreementView })
  @ApiProblems(400, 401, 403, 404)
  view(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<AgreementView> {
    return this.agreements.view(id, actor);
  }

  /** Signs for the caller's side; the second signature sends AGREEMENT_SIGNED. */
  @Post('sign')
  @HttpCode(200)
  @Roles('buyer_staff', 'ngo_member')
  @ApiOkResponse({ type: AgreementView })
  @ApiProblems(400, 401, 403, 404, 409)
  sign(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<AgreementView> {
    return this.agreements.sign(id, actor);
  }

  /** The buyer terminates the running agreement with a reason (TERMINATE_AGREEMENT). */
  @Post('terminate')
  @HttpCode(200)
  @Roles('buyer_staff')
  @ApiOkResponse({ type: AgreementView })
  @ApiProblems(400, 401, 403, 404, 409)
  terminate(
    @Param('id', uuid) id: string,
    @Body() request: TerminationRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementView> {
    return this.agreements.terminate(id, request, actor);
  }
}
