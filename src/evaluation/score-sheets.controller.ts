import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { ScoreSheetDraft, ScoreSheetView } from './dto/scoring.dto.js';
import { ScoreSheetsService } from './score-sheets.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** A commission member's own score sheets; nobody reads another member's. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('lots/:id/score-sheets')
export class ScoreSheetsController {
  constructor(private readonly sheets: ScoreSheetsService) {}

  @Get('mine')
  @Roles('commission_member')
  @ApiOkResponse({ type: [ScoreSheetView] })
  @ApiProblems(400, 401, 403, 404)
  mine(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ScoreSheetView[]> {
    return this.sheets.mine(id, actor);
  }

  /** Saves the draft (partial allowed) until it is submitted or the scoring deadline passes. */
  @Put(':applicationId')
  @Roles('commission_member')
  @ApiOkResponse({ type: ScoreSheetView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  save(
    @Param('id', uuid) id: string,
    @Param('applicationId', uuid) applicationId: string,
    @Body() draft: ScoreSheetDraft,
    @CurrentActor() actor: Actor,
  ): Promise<ScoreSheetView> {
    return this.sheets.saveDraft(id, applicationId, draft, actor);
  }

  /** Submits the saved draft once complete; it cannot change afterwards. */
  @Post(':applicationId/submit')
  @HttpCode(200)
  @Roles('commission_member')
  @ApiOkResponse({ type: ScoreSheetView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  submit(
    @Param('id', uuid) id: string,
    @Param('applicationId', uuid) applicationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ScoreSheetView> {
    return this.sheets.submit(id, applicationId, actor);
  }
}
