import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Page } from '../common/pagination.js';
import type { Actor } from './actor.js';
import { CurrentActor, OrganisationScoped, Roles } from './auth.decorators.js';
import {
  NewMember,
  NewOrganisation,
  OrganisationPage,
  OrganisationQuery,
  OrganisationView,
  VerificationDecision,
} from './dto/organisation.dto.js';
import { CreatedUser, UserView } from './dto/user.dto.js';
import { OrganisationsService } from './organisations.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganisationView, description: 'Created and verified' })
  @ApiProblems(400, 401, 403)
  create(
    @Body() request: NewOrganisation,
    @CurrentActor() actor: Actor,
  ): Promise<OrganisationView> {
    return this.organisations.create(request, actor);
  }

  @Get()
  @Roles('admin', 'buyer_staff', 'operator_staff')
  @ApiOkResponse({ type: OrganisationPage })
  @ApiProblems(400, 401, 403)
  list(@Query() query: OrganisationQuery): Promise<Page<OrganisationView>> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Roles('admin', 'buyer_staff', 'operator_staff', 'ngo_member', 'commission_member')
  @OrganisationScoped('id')
  @ApiOkResponse({ type: OrganisationView })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', uuid) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Roles('admin', 'buyer_staff', 'operator_staff')
  @ApiOkResponse({
    type: OrganisationView,
    description: 'The NGO with its new verification status',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  decideVerification(
    @Param('id', uuid) id: string,
    @Body() decision: VerificationDecision,
    @CurrentActor() actor: Actor,
  ): Promise<OrganisationView> {
    return this.organisations.decideVerification(id, decision, actor);
  }

  @Get(':id/members')
  @Roles('admin', 'buyer_staff', 'operator_staff', 'ngo_member')
  @OrganisationScoped('id')
  @ApiOkResponse({ type: [UserView] })
  @ApiProblems(400, 401, 403, 404)
  members(@Param('id', uuid) id: string): Promise<UserView[]> {
    return this.organisations.members(id);
  }

  @Post(':id/members')
  @Roles('admin', 'buyer_staff', 'operator_staff', 'ngo_member')
  @OrganisationScoped('id')
  @ApiCreatedResponse({ type: CreatedUser, description: 'initialPassword is shown once' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  addMember(@Param('id', uuid) id: string, @Body() member: NewMember): Promise<CreatedUser> {
    return this.organisations.addMember(id, member);
  }
}
