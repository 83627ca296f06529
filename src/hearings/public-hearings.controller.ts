import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import {
  CommentView,
  ConfirmedRegistration,
  NewRegistration,
  ProtocolView,
  PublicHearingView,
  RegistrantComment,
  RegistrantToken,
  RegistrationReceipt,
} from './dto/hearing.dto.js';
import { renderProtocolHtml } from './hearing-protocol.js';
import { HearingParticipationService } from './hearing-participation.service.js';
import { HearingsService } from './hearings.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** What anyone may read and do without an account: notice, registration, comments, protocol. */
@ApiTags('public hearings')
@Public()
@Controller('public')
export class PublicHearingsController {
  constructor(
    private readonly hearings: HearingsService,
    private readonly participation: HearingParticipationService,
  ) {}

  @Get('lots/:id/hearing')
  @ApiOkResponse({ type: PublicHearingView })
  @ApiProblems(400, 404)
  notice(@Param('id', uuid) id: string): Promise<PublicHearingView> {
    return this.hearings.publicNotice(id);
  }

  /** Registration until the deadline; the confirmation token is emailed, never answered here. */
  @Post('lots/:id/hearing/registrations')
  @ApiCreatedResponse({ type: RegistrationReceipt })
  @ApiProblems(400, 404, 409, 503)
  register(
    @Param('id', uuid) id: string,
    @Body() registration: NewRegistration,
  ): Promise<RegistrationReceipt> {
    return this.participation.register(id, registration);
  }

  @Post('hearing-registrations/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ConfirmedRegistration })
  @ApiProblems(400, 404)
  confirm(@Body() request: RegistrantToken): Promise<ConfirmedRegistration> {
    return this.participation.confirm(request.token);
  }

  @Get('lots/:id/hearing/comments')
  @ApiOkResponse({ type: [CommentView] })
  @ApiProblems(400, 404)
  comments(@Param('id', uuid) id: string): Promise<CommentView[]> {
    return this.hearings.comments(id);
  }

  /** A confirmed registrant's comment, with the token from their email. */
  @Post('lots/:id/hearing/comments')
  @ApiCreatedResponse({ type: CommentView })
  @ApiProblems(400, 403, 404, 409)
  comment(@Param('id', uuid) id: string, @Body() comment: RegistrantComment): Promise<CommentView> {
    return this.participation.commentAsRegistrant(id, comment);
  }

  /** JSON, or the HTML page for a client that prefers text/html. */
  @Get('lots/:id/hearing/protocol')
  @Header('Vary', 'Accept')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: ProtocolView })
  @ApiProblems(400, 404)
  async protocol(
    @Param('id', uuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProtocolView | string> {
    const view = await this.hearings.protocol(id);
    if (request.accepts(['application/json', 'text/html']) !== 'text/html') return view;
    response.type('html');
    return renderProtocolHtml(view.protocol, view);
  }

  @Get('lots/:id/hearing/protocol.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The protocol as a page' })
  @ApiProblems(400, 404)
  async protocolPage(@Param('id', uuid) id: string): Promise<string> {
    const view = await this.hearings.protocol(id);
    return renderProtocolHtml(view.protocol, view);
  }
}
