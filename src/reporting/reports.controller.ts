import {
  Body,
  Controller,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { ReportDraft, ReportReview, ReportView, ReviewedReportView } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('lots/:id/reports/:seq')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The grantee drafts a pending or returned report: narrative, financial lines, indicators. */
  @Put()
  @Roles('ngo_member')
  @ApiOkResponse({ type: ReportView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  save(
    @Param('id', uuid) id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() draft: ReportDraft,
    @CurrentActor() actor: Actor,
  ): Promise<ReportView> {
    return this.reports.save(id, seq, draft, actor);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('ngo_member')
  @ApiOkResponse({ type: ReportView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  submit(
    @Param('id', uuid) id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @CurrentActor() actor: Actor,
  ): Promise<ReportView> {
    return this.reports.submit(id, seq, actor);
  }

  /** The buyer's monitoring officer accepts or returns it; the final one closes the lot. */
  @Post('review')
  @HttpCode(200)
  @Roles('buyer_staff')
  @ApiOkResponse({ type: ReviewedReportView })
  @ApiProblems(400, 401, 403, 404, 409)
  review(
    @Param('id', uuid) id: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() request: ReportReview,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewedReportView> {
    return this.reports.review(id, seq, request, actor);
  }
}
