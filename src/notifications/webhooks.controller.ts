import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, OrganisationScoped, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import {
  CreatedWebhook,
  DeliveryQuery,
  NewWebhook,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookView,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** An organisation's webhooks: its staff (or, for an NGO, its members) manage them. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('organisations/:id/webhooks')
@Roles('admin', 'buyer_staff', 'operator_staff', 'ngo_member')
@OrganisationScoped('id')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOkResponse({ type: [WebhookView] })
  @ApiProblems(400, 401, 403, 404)
  list(@Param('id', uuid) organisationId: string): Promise<WebhookView[]> {
    return this.webhooks.list(organisationId);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhook, description: 'With its secret, shown only now' })
  @ApiProblems(400, 401, 403, 404, 422)
  create(
    @Param('id', uuid) organisationId: string,
    @Body() request: NewWebhook,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedWebhook> {
    return this.webhooks.create(organisationId, request, actor);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed, with its delivery log' })
  @ApiProblems(400, 401, 403, 404)
  remove(
    @Param('id', uuid) organisationId: string,
    @Param('webhookId', uuid) webhookId: string,
  ): Promise<void> {
    return this.webhooks.remove(organisationId, webhookId);
  }

  @Get(':webhookId/deliveries')
  @ApiOkResponse({
    type: WebhookDeliveryPage,
    description: 'Newest first; status=dead: dead letters',
  })
  @ApiProblems(400, 401, 403, 404)
  deliveries(
    @Param('id', uuid) organisationId: string,
    @Param('webhookId', uuid) webhookId: string,
    @Query() query: DeliveryQuery,
  ): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(organisationId, webhookId, query);
  }
}
