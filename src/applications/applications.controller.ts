import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import { parseIfMatch } from '../lots/lots.controller.js';
import { ApplicationsService, type UploadedDocument } from './applications.service.js';
import {
  ApplicationChanges,
  ApplicationView,
  DocumentUpload,
  LotApplicationEntry,
  LotApplicationsSummary,
  MyApplicationPage,
  MyApplicationsQuery,
  NewApplication,
  ReceiptView,
  type MyApplicationView,
} from './dto/application.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });
const IF_MATCH = { name: 'If-Match', required: false, description: 'The revision you last saw' };

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('lots/:lotId/applications')
  @Roles('ngo_member')
  @ApiCreatedResponse({ type: ApplicationView, description: 'A draft of your NGO' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(
    @Param('lotId', uuid) lotId: string,
    @Body() body: NewApplication,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.create(lotId, body, actor);
  }

  @Get('lots/:lotId/applications/summary')
  @Roles('buyer_staff', 'commission_member')
  @ApiOkResponse({ type: LotApplicationsSummary })
  @ApiProblems(400, 401, 403, 404)
  summary(
    @Param('lotId', uuid) lotId: string,
    @CurrentActor() actor: Actor,
  ): Promise<LotApplicationsSummary> {
    return this.applications.summary(lotId, actor);
  }

  @Get('lots/:lotId/applications')
  @Roles('buyer_staff', 'commission_member')
  @ApiOkResponse({ type: [LotApplicationEntry], description: 'Who applied, once the call closed' })
  @ApiProblems(400, 401, 403, 404)
  list(
    @Param('lotId', uuid) lotId: string,
    @CurrentActor() actor: Actor,
  ): Promise<LotApplicationEntry[]> {
    return this.applications.listForLot(lotId, actor);
  }

  @Get('me/applications')
  @ApiOkResponse({ type: MyApplicationPage })
  @ApiProblems(400, 401)
  mine(
    @Query() query: MyApplicationsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<MyApplicationView>> {
    return this.applications.mine(actor, query);
  }

  @Get('applications/:id')
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404)
  read(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ApplicationView> {
    return this.applications.read(id, actor);
  }

  @Patch('applications/:id')
  @Roles('ngo_member')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({
    type: ApplicationView,
    description: 'A new revision (and receipt if submitted)',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(
    @Param('id', uuid) id: string,
    @Body() body: ApplicationChanges,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.update(id, body, actor, parseIfMatch(ifMatch));
  }

  @Post('applications/:id/submit')
  @HttpCode(200)
  @Roles('ngo_member')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReceiptView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  submit(
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptView> {
    return this.applications.submit(id, actor, parseIfMatch(ifMatch));
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @Roles('ngo_member')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.withdraw(id, actor, parseIfMatch(ifMatch));
  }

  @Get('applications/:id/receipt')
  @Roles('ngo_member')
  @ApiOkResponse({ type: ReceiptView })
  @ApiProblems(400, 401, 403, 404, 409)
  receipt(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ReceiptView> {
    return this.applications.receipt(id, actor);
  }

  @Post('applications/:id/documents')
  @Roles('ngo_member')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  upload(
    @Param('id', uuid) id: string,
    @Body() body: DocumentUpload,
    @UploadedFile() file: UploadedDocument | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.addDocument(id, body.kind, file, actor);
  }

  @Get('applications/:id/documents/:documentId')
  @ApiOkResponse({ description: 'The file, with its sha-256 in the Digest header' })
  @ApiProblems(400, 401, 403, 404)
  async download(
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    const { document, bytes } = await this.applications.document(id, documentId, actor);
    response
      .status(200)
      .type(document.mimeType)
      .setHeader('Content-Disposition', contentDisposition(document.fileName));
    response.setHeader(
      'Repr-Digest',
      `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`,
    );
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(bytes);
  }

  @Delete('applications/:id/documents/:documentId')
  @Roles('ngo_member')
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  remove(
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.removeDocument(id, documentId, actor);
  }
}

/** RFC 6266 with an RFC 8187 UTF-8 name, so that Cyrillic file names survive. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
