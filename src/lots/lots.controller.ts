import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { authError } from '../auth/auth.errors.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import { ProblemException } from '../common/problem.js';
import {
  AuditEntryView,
  ChainVerdictView,
  LotEventRequest,
  LotPage,
  LotQuery,
  LotSummary,
  LotView,
} from './dto/lot.dto.js';
import { LotEngine } from './lot-engine.service.js';
import { LotsService } from './lots.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/**
 * Events that carry a document of their own (the hearing notice, the call's announcement and its
 * amendments) are sent through their feature's endpoint, which records the document in the
 * event's transaction; sent bare they would leave the lot without it.
 */
export const DEDICATED_EVENT_ENDPOINTS: Readonly<Record<string, string>> = {
  PUBLISH_FOR_HEARING: 'POST /lots/{id}/hearing',
  OPEN_CALL: 'POST /lots/{id}/call',
  APPROVE_HEARING_PROTOCOL: 'POST /lots/{id}/call',
  REVISE_DRAFT: 'POST /lots/{id}/hearing/revise',
  AMEND_CALL: 'POST /lots/{id}/call/amendments',
  ADMISSIBILITY_DONE: 'POST /lots/{id}/admissibility/complete',
  CONVENE_MEETING: 'POST /lots/{id}/evaluation/meeting',
  CLOSE_EVALUATION: 'POST /lots/{id}/evaluation/close',
  WINNER_DECLINED: 'POST /lots/{id}/award/decline',
  AGREEMENT_SIGNED: 'POST /lots/{id}/agreement/sign',
  FINAL_REPORT_ACCEPTED: 'POST /lots/{id}/reports/{seq}/review',
  TERMINATE_AGREEMENT: 'POST /lots/{id}/agreement/terminate',
};

/** `If-Match: 7` or `If-Match: "7"`: the version the client last saw. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ProblemException(400, 'bad-if-match', 'If-Match must be the lot version, e.g. "7"');
  }
  return Number(match[1]);
}

/**
 * The caller acting for a buyer, as its staff or commission. An NGO's events go through the
 * endpoints that check it is the party (the holder of the award declines it, the grantee signs
 * its agreement); sent here, any member of any NGO could send them to any lot.
 */
function forTheBuyer(actor: Actor): Actor {
  const memberships = actor.memberships.filter(
    (membership) => membership.role === 'buyer_staff' || membership.role === 'commission_member',
  );
  if (memberships.length === 0) throw authError.roleRequired(['buyer_staff', 'commission_member']);
  return new Actor(actor.userId, actor.email, actor.locale, actor.isAdmin, memberships);
}

@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(
    private readonly lots: LotsService,
    private readonly engine: LotEngine,
  ) {}

  @Get()
  @ApiOkResponse({ type: LotPage })
  @ApiProblems(400, 401)
  list(@Query() query: LotQuery, @CurrentActor() actor: Actor): Promise<Page<LotSummary>> {
    return this.lots.list(query, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: LotView })
  @ApiProblems(400, 401, 404)
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<LotView> {
    return this.lots.get(id, actor);
  }

  /** The one way to move a lot: an event, checked against the lot's state and your role. */
  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you last saw' })
  @ApiOkResponse({ type: LotView, description: 'The lot after the event' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async send(
    @Param('id', uuid) id: string,
    @Body() request: LotEventRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<LotView> {
    const endpoint = DEDICATED_EVENT_ENDPOINTS[request.type];
    if (endpoint) {
      throw new ProblemException(
        409,
        'dedicated-endpoint',
        `${request.type} is sent with its document through ${endpoint}`,
        { endpoint },
      );
    }
    const { lot } = await this.engine.apply(id, request, forTheBuyer(actor), parseIfMatch(ifMatch));
    return this.lots.view(lot, actor);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [AuditEntryView] })
  @ApiProblems(400, 401, 404)
  history(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<AuditEntryView[]> {
    return this.lots.history(id, actor);
  }

  @Get(':id/audit/verify')
  @ApiOkResponse({ type: ChainVerdictView })
  @ApiProblems(400, 401, 404)
  verify(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ChainVerdictView> {
    return this.lots.verify(id, actor);
  }
}
