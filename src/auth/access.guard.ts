import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { UserRole } from '../../workflows/roles.js';
import {
  type AuthenticatedRequest,
  ORGANISATION_PARAM_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
} from './auth.decorators.js';
import { authError } from './auth.errors.js';
import { AuthService, type AccessTokenClaims } from './auth.service.js';

/**
 * The global guard: every route needs a valid access token unless marked @Public, and the
 * roles of @Roles (in the organisation of @OrganisationScoped, where given).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) return true;
    const param = this.reflector.getAllAndOverride<string | undefined>(
      ORGANISATION_PARAM_KEY,
      targets,
    );
    const organisationId = param ? request.params[param] : undefined;
    if (typeof organisationId === 'string') {
      if (roles.some((role) => actor.hasRole(role, organisationId))) return true;
      if (roles.some((role) => actor.hasRole(role)))
        throw authError.organisationNotYours(organisationId);
      throw authError.roleRequired(roles);
    }
    if (roles.some((role) => actor.hasRole(role))) return true;
    throw authError.roleRequired(roles);
  }

  private async authenticate(request: Request) {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw authError.unauthenticated('An access token is required: Authorization: Bearer <token>');
    }
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw authError.unauthenticated('The access token is invalid or expired');
    }
    if (typeof claims.sub !== 'string') {
      throw authError.unauthenticated('The access token is invalid or expired');
    }
    const actor = await this.auth.actorOf(claims.sub);
    if (!actor) throw authError.unauthenticated('The account no longer exists or is deactivated');
    return actor;
  }
}
