import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import { LotPage, LotQuery, PublicLotView, type LotSummary } from './dto/lot.dto.js';
import { LotsService } from './lots.service.js';

/** Published lots for anyone: hearings, open calls, results. No account needed. */
@ApiTags('public')
@Public()
@Controller('public/lots')
export class PublicLotsController {
  constructor(private readonly lots: LotsService) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOkResponse({ type: LotPage })
  @ApiProblems(400)
  list(@Query() query: LotQuery): Promise<Page<LotSummary>> {
    return this.lots.list(query, null);
  }

  @Get(':id')
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOkResponse({ type: PublicLotView })
  @ApiProblems(400, 404)
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<PublicLotView> {
    return this.lots.publicView(id);
  }
}
