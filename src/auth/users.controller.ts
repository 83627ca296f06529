import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { PageQuery, type Page } from '../common/pagination.js';
import { Roles } from './auth.decorators.js';
import { CreatedUser, NewUser, UserPage, UserUpdate, UserView } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedUser, description: 'initialPassword is shown once' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Body() request: NewUser): Promise<CreatedUser> {
    return this.users.create(request);
  }

  @Get()
  @ApiOkResponse({ type: UserPage })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', uuid) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404)
  update(@Param('id', uuid) id: string, @Body() changes: UserUpdate): Promise<UserView> {
    return this.users.update(id, changes);
  }
}
