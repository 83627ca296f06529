import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { LotView } from '../lots/dto/lot.dto.js';
import { AwardsService } from './awards.service.js';
import { DeclineRequest, PublicResultsView } from './dto/award.dto.js';
import { ReannouncementService } from './reannouncement.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('awards')
@ApiBearerAuth()
@Controller('lots/:id')
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly reannouncements: ReannouncementService,
  ) {}

  /**
   * The winner's NGO declines its award, or the buyer's staff record that it did not sign in
   * time (WINNER_DECLINED): the next in rank gets the award, or the lot is unsuccessful.
   */
  @Post('award/decline')
  @HttpCode(200)
  @Roles('buyer_staff', 'ngo_member')
  @ApiOkResponse({ type: LotView, description: 'The lot after the event' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decline(
    @Param('id', uuid) id: string,
    @Body() request: DeclineRequest,
    @CurrentActor() actor: Actor,
  ): Promise<LotView> {
    return this.awards.decline(id, request, actor);
  }

  /** A new draft lot with the unsuccessful lot's plan, linked back to it; once per lot. */
  @Post('reannounce')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: LotView, description: 'The new lot, in draft' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  reannounce(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<LotView> {
    return this.reannouncements.reannounce(id, actor);
  }
}

@ApiTags('public')
@Public()
@Controller('public/lots/:id/results')
export class PublicResultsController {
  constructor(private readonly awards: AwardsService) {}

  /** Once the evaluation has closed: ranking with aggregated scores, winners, the protocol. */
  @Get()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOkResponse({ type: PublicResultsView })
  @ApiProblems(400, 404)
  get(@Param('id', uuid) id: string): Promise<PublicResultsView> {
    return this.awards.results(id);
  }
}
