import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '../../workflows/roles.js';
import type { Actor } from './actor.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ORGANISATION_PARAM_KEY = 'auth:organisation-param';

/** No access token needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller must hold one of these roles ('admin' means a platform administrator). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The roles of @Roles count only in the organisation named by this route parameter, so that
 * a buyer's staff cannot act for another buyer. Admin, when listed, passes everywhere.
 */
export const OrganisationScoped = (param = 'id') => SetMetadata(ORGANISATION_PARAM_KEY, param);

export interface AuthenticatedRequest {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
