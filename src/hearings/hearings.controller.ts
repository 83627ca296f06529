import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { LotView } from '../lots/dto/lot.dto.js';
import { parseIfMatch } from '../lots/lots.controller.js';
import {
  CommentAnswer,
  CommentView,
  HearingNotice,
  NgoComment,
  ProtocolApproval,
  ProtocolView,
  PublishedHearingView,
  RegistrationView,
  RevisionRequest,
} from './dto/hearing.dto.js';
import { HearingParticipationService } from './hearing-participation.service.js';
import { HearingsService } from './hearings.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The buyer's and NGOs' side of a public hearing. */
@ApiTags('hearings')
@ApiBearerAuth()
@Controller()
export class HearingsController {
  constructor(
    private readonly hearings: HearingsService,
    private readonly participation: HearingParticipationService,
  ) {}

  /** Publishes a draft lot for public hearing (PUBLISH_FOR_HEARING) with its notice. */
  @Post('lots/:id/hearing')
  @Roles('buyer_staff')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The lot version you last saw' })
  @ApiCreatedResponse({ type: PublishedHearingView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  publishLot(
    @Param('id', uuid) id: string,
    @Body() notice: HearingNotice,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PublishedHearingView> {
    return this.hearings.publishLot(id, notice, actor, parseIfMatch(ifMatch));
  }

  /** Publishes every draft lot of the programme under one notice, all or none. */
  @Post('programmes/:id/hearing')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: PublishedHearingView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  publishProgramme(
    @Param('id', uuid) id: string,
    @Body() notice: HearingNotice,
    @CurrentActor() actor: Actor,
  ): Promise<PublishedHearingView> {
    return this.hearings.publishProgramme(id, notice, actor);
  }

  @Get('lots/:id/hearing/registrations')
  @Roles('buyer_staff')
  @ApiOkResponse({ type: [RegistrationView] })
  @ApiProblems(400, 401, 403, 404)
  registrations(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<RegistrationView[]> {
    return this.participation.registrations(id, actor);
  }

  /** An NGO's comment, by one of its members. */
  @Post('lots/:id/hearing/comments')
  @Roles('ngo_member')
  @ApiCreatedResponse({ type: CommentView })
  @ApiProblems(400, 401, 403, 404, 409)
  comment(
    @Param('id', uuid) id: string,
    @Body() comment: NgoComment,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.participation.commentAsNgo(id, comment, actor);
  }

  @Post('lots/:id/hearing/comments/:commentId/answer')
  @Roles('buyer_staff')
  @HttpCode(200)
  @ApiOkResponse({ type: CommentView })
  @ApiProblems(400, 401, 403, 404, 409)
  answer(
    @Param('id', uuid) id: string,
    @Param('commentId', uuid) commentId: string,
    @Body() answer: CommentAnswer,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.participation.answer(id, commentId, answer.text, actor);
  }

  /** Freezes the protocol with its decision, once every comment is answered. */
  @Post('lots/:id/hearing/protocol/approve')
  @Roles('buyer_staff')
  @HttpCode(200)
  @ApiOkResponse({ type: ProtocolView })
  @ApiProblems(400, 401, 403, 404, 409)
  approve(
    @Param('id', uuid) id: string,
    @Body() approval: ProtocolApproval,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolView> {
    return this.hearings.approve(id, approval, actor);
  }

  /** After a protocol that decided 'revise': the lot goes back to a draft (REVISE_DRAFT). */
  @Post('lots/:id/hearing/revise')
  @Roles('buyer_staff')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The lot version you last saw' })
  @ApiOkResponse({ type: LotView, description: 'The lot, a draft again' })
  @ApiProblems(400, 401, 403, 404, 409)
  revise(
    @Param('id', uuid) id: string,
    @Body() request: RevisionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<LotView> {
    return this.hearings.revise(id, request.reason, actor, parseIfMatch(ifMatch));
  }
}
