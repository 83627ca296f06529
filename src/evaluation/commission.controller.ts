import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { ProblemException } from '../common/problem.js';
import { CommissionService } from './commission.service.js';
import {
  CommissionRequest,
  CommissionRoundView,
  CommissionView,
  DeclarationRequest,
  DeclarationView,
  DrawRequest,
} from './dto/commission.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

function parseRound(value: string | undefined): 1 | 2 | undefined {
  if (value === undefined) return undefined;
  if (value === '1' || value === '2') return Number(value) as 1 | 2;
  throw new ProblemException(400, 'validation-failed', 'round must be 1 or 2', {
    errors: [{ field: 'round', messages: ['round must be 1 or 2'] }],
  });
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('lots/:id/commission')
export class CommissionController {
  constructor(private readonly commission: CommissionService) {}

  /** Each round's commission and who has declared (the buyer's staff and commission). */
  @Get()
  @Roles('buyer_staff', 'commission_member')
  @ApiOkResponse({ type: CommissionView })
  @ApiProblems(400, 401, 403, 404)
  view(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<CommissionView> {
    return this.commission.view(id, actor);
  }

  /** Names a round's whole commission, before that round's evaluation begins. */
  @Put()
  @Roles('buyer_staff')
  @ApiOkResponse({ type: CommissionRoundView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  compose(
    @Param('id', uuid) id: string,
    @Body() request: CommissionRequest,
    @CurrentActor() actor: Actor,
  ): Promise<CommissionRoundView> {
    return this.commission.compose(id, request, actor);
  }

  /** Draws a round's commission from expert registers; the seed is recorded with the draw. */
  @Post('draw')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: CommissionRoundView, description: 'The draw is recorded' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  draw(
    @Param('id', uuid) id: string,
    @Body() request: DrawRequest,
    @CurrentActor() actor: Actor,
  ): Promise<CommissionRoundView> {
    return this.commission.draw(id, request, actor);
  }

  /** The caller's conflict-of-interest declaration for a round (default: the one under way). */
  @Get('declaration')
  @Roles('commission_member')
  @ApiQuery({ name: 'round', required: false, enum: [1, 2] })
  @ApiOkResponse({ type: DeclarationView })
  @ApiProblems(400, 401, 403, 404)
  declaration(
    @Param('id', uuid) id: string,
    @Query('round') round: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<DeclarationView> {
    return this.commission.declarationOf(id, parseRound(round), actor);
  }

  /** Declares conflicts of interest (none, or links to applications); amended only by adding. */
  @Put('declaration')
  @Roles('commission_member')
  @ApiOkResponse({ type: DeclarationView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  declare(
    @Param('id', uuid) id: string,
    @Body() request: DeclarationRequest,
    @CurrentActor() actor: Actor,
  ): Promise<DeclarationView> {
    return this.commission.declare(id, request, actor);
  }
}
