import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import {
  NotificationPage,
  NotificationQuery,
  NotificationView,
  ReadAllResult,
} from './dto/notification.dto.js';
import { PreferencesUpdate, PreferencesView } from './dto/preference.dto.js';
import { InboxService } from './inbox.service.js';
import { PreferencesService } from './preferences.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The caller's own inbox and notification preferences. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first' })
  @ApiProblems(400, 401)
  list(@Query() query: NotificationQuery, @CurrentActor() actor: Actor): Promise<NotificationPage> {
    return this.inbox.list(actor.userId, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResult })
  @ApiProblems(401)
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResult> {
    return this.inbox.markAllRead(actor.userId);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @ApiProblems(400, 401, 404)
  read(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<NotificationView> {
    return this.inbox.markRead(actor.userId, id);
  }

  @Get('notification-preferences')
  @ApiOkResponse({ type: PreferencesView })
  @ApiProblems(401)
  preferencesOf(@CurrentActor() actor: Actor): Promise<PreferencesView> {
    return this.preferences.of(actor.userId);
  }

  @Put('notification-preferences')
  @ApiOkResponse({ type: PreferencesView, description: 'The set now in force' })
  @ApiProblems(400, 401)
  replacePreferences(
    @Body() update: PreferencesUpdate,
    @CurrentActor() actor: Actor,
  ): Promise<PreferencesView> {
    return this.preferences.replace(actor.userId, update);
  }
}
