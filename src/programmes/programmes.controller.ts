import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import { ProblemException } from '../common/problem.js';
import { LotView } from '../lots/dto/lot.dto.js';
import { parseIfMatch } from '../lots/lots.controller.js';
import { LotsService } from '../lots/lots.service.js';
import {
  LotUpdate,
  NewLot,
  NewProgramme,
  PlanImportQuery,
  ProgrammePage,
  ProgrammeQuery,
  ProgrammeUpdate,
  ProgrammeView,
} from './dto/programme.dto.js';
import { PLAN_MEDIA_TYPES } from './plan-media-types.js';
import { ProgrammesService, type PlanImportResult } from './programmes.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly lots: LotsService,
  ) {}

  @Post()
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: ProgrammeView })
  @ApiProblems(400, 401, 403, 404, 422)
  create(@Body() request: NewProgramme, @CurrentActor() actor: Actor): Promise<ProgrammeView> {
    return this.programmes.create(request, actor);
  }

  @Get()
  @ApiOkResponse({ type: ProgrammePage })
  @ApiProblems(400, 401)
  list(@Query() query: ProgrammeQuery): Promise<Page<ProgrammeView>> {
    return this.programmes.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgrammeView })
  @ApiProblems(400, 401, 404)
  get(@Param('id', uuid) id: string): Promise<ProgrammeView> {
    return this.programmes.get(id);
  }

  @Patch(':id')
  @Roles('buyer_staff')
  @ApiOkResponse({ type: ProgrammeView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(
    @Param('id', uuid) id: string,
    @Body() changes: ProgrammeUpdate,
    @CurrentActor() actor: Actor,
  ): Promise<ProgrammeView> {
    return this.programmes.update(id, changes, actor);
  }

  /** The body is the file itself: text/csv or an XLSX workbook (at most 5 MB). */
  @Post(':id/import')
  @HttpCode(200)
  @Roles('buyer_staff')
  @ApiConsumes(...PLAN_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ description: 'The per-row report and the lots created' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  importPlan(
    @Param('id', uuid) id: string,
    @Query() query: PlanImportQuery,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlanImportResult> {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ProblemException(
        415,
        'plan-file-required',
        `Send the plan file as the body, with Content-Type ${PLAN_MEDIA_TYPES.join(' or ')}`,
      );
    }
    return this.programmes.importPlan(
      id,
      request.body,
      {
        partial: query.partial === 'true',
        dryRun: query.dryRun === 'true',
        unit: query.unit ?? 'thousands',
      },
      actor,
    );
  }

  @Post(':id/lots')
  @Roles('buyer_staff')
  @ApiCreatedResponse({ type: LotView, description: 'The new lot, in draft' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async addLot(
    @Param('id', uuid) id: string,
    @Body() request: NewLot,
    @CurrentActor() actor: Actor,
  ): Promise<LotView> {
    return this.lots.view(await this.programmes.addLot(id, request, actor), actor);
  }
}

/** Editing a lot's plan while it is a draft; its state moves only through POST /lots/{id}/events. */
@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class PlannedLotsController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly lots: LotsService,
  ) {}

  @Patch(':id')
  @Roles('buyer_staff')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you last saw' })
  @ApiOkResponse({ type: LotView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async update(
    @Param('id', uuid) id: string,
    @Body() changes: LotUpdate,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<LotView> {
    const lot = await this.programmes.updateLot(id, changes, actor, parseIfMatch(ifMatch));
    return this.lots.view(lot, actor);
  }
}
