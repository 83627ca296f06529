import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator.js';
import type { Actor } from './actor.js';
import { CurrentActor, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import {
  AccessToken,
  LoginRequest,
  NgoRegistration,
  PasswordChange,
  ProfileUpdate,
} from './dto/auth.dto.js';
import { NgoRegistered, UserView } from './dto/user.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessToken, description: 'An access token for the Authorization header' })
  @ApiProblems(400, 401, 429, 503)
  login(@Body() request: LoginRequest, @Ip() clientAddress: string): Promise<AccessToken> {
    return this.auth.login(request.email, request.password, clientAddress);
  }

  @Public()
  @Post('auth/register-ngo')
  @ApiCreatedResponse({ type: NgoRegistered, description: 'Registered; pending verification' })
  @ApiProblems(400, 409)
  registerNgo(@Body() registration: NgoRegistration): Promise<NgoRegistered> {
    return this.auth.registerNgo(registration);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor);
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401)
  updateProfile(@CurrentActor() actor: Actor, @Body() changes: ProfileUpdate): Promise<UserView> {
    return this.auth.updateProfile(actor, changes);
  }

  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems(400, 401, 422)
  changePassword(@CurrentActor() actor: Actor, @Body() change: PasswordChange): Promise<void> {
    return this.auth.changePassword(actor, change);
  }
}
