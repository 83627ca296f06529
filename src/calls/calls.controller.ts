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
import { CurrentActor, Public, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { parseIfMatch } from '../lots/lots.controller.js';
import { CallQuestionsService } from './call-questions.service.js';
import { CallsService } from './calls.service.js';
import {
  AmendedCallView,
  CallAmendmentRequest,
  CallAnnouncementRequest,
  CallView,
} from './dto/call.dto.js';
import {
  NewQuestion,
  PublicQuestionView,
  QuestionAnswer,
  QuestionView,
} from './dto/question.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });
const IF_MATCH = { name: 'If-Match', required: false, description: 'The lot version you last saw' };

@ApiTags('calls')
@ApiBearerAuth()
@Controller('lots/:id/call')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly questions: CallQuestionsService,
  ) {}

  /** Publishes the announcement and opens the call (OPEN_CALL, or APPROVE_HEARING_PROTOCOL). */
  @Post()
  @Roles('buyer_staff')
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: CallView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  open(
    @Param('id', uuid) id: string,
    @Body() request: CallAnnouncementRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<CallView> {
    return this.calls.open(id, request, actor, parseIfMatch(ifMatch));
  }

  /** A new version of the announcement; the call is extended if too few days would remain. */
  @Post('amendments')
  @Roles('buyer_staff')
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: AmendedCallView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  amend(
    @Param('id', uuid) id: string,
    @Body() request: CallAmendmentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AmendedCallView> {
    return this.calls.amend(id, request, actor, parseIfMatch(ifMatch));
  }

  /** A verified NGO asks, until the enquiry period ends. */
  @Post('questions')
  @Roles('ngo_member')
  @ApiCreatedResponse({ type: QuestionView })
  @ApiProblems(400, 401, 403, 404, 409)
  ask(
    @Param('id', uuid) id: string,
    @Body() request: NewQuestion,
    @CurrentActor() actor: Actor,
  ): Promise<QuestionView> {
    return this.questions.ask(id, request, actor);
  }

  @Post('questions/:questionId/answer')
  @HttpCode(200)
  @Roles('buyer_staff')
  @ApiOkResponse({ type: QuestionView })
  @ApiProblems(400, 401, 403, 404, 409)
  answer(
    @Param('id', uuid) id: string,
    @Param('questionId', uuid) questionId: string,
    @Body() request: QuestionAnswer,
    @CurrentActor() actor: Actor,
  ): Promise<QuestionView> {
    return this.questions.answer(id, questionId, request, actor);
  }

  /** The buyer: every question, with the NGO that asked; others: answered ones and their own. */
  @Get('questions')
  @ApiOkResponse({ type: [QuestionView] })
  @ApiProblems(400, 401, 404)
  list(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<QuestionView[]> {
    return this.questions.list(id, actor);
  }
}

@ApiTags('public')
@Public()
@Controller('public/lots/:id/call')
export class PublicCallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly questions: CallQuestionsService,
  ) {}

  /** The announcement in force, the tender and enquiry periods, and every amendment. */
  @Get()
  @ApiOkResponse({ type: CallView })
  @ApiProblems(400, 404)
  get(@Param('id', uuid) id: string): Promise<CallView> {
    return this.calls.view(id);
  }

  /** Answered questions, without who asked. */
  @Get('questions')
  @ApiOkResponse({ type: [PublicQuestionView] })
  @ApiProblems(400, 404)
  questionsOf(@Param('id', uuid) id: string): Promise<PublicQuestionView[]> {
    return this.questions.published(id);
  }
}
