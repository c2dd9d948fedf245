import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROLES, type Role } from '../vocabulary';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'linkway:public';
export const ALLOWED_ROLES = 'linkway:roles';

/** Open to anyone, signed in or not. Every other route needs a user whose role is allowed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Signed in with one of these roles. A route with neither this nor @Public() is refused to all. */
export const Allow = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or bad credentials' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}` }),
  );

/** Any signed-in user. */
export const AnyRole = () => Allow(...ROLES);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser =>
    ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

/** Marks a handler for one of the stricter per-client throttles (see throttling.ts). */
export const THROTTLE_GROUP = 'linkway:throttle-group';
export type ThrottleGroup = 'login' | 'public_form';
export const ThrottleGroup = (group: ThrottleGroup) => SetMetadata(THROTTLE_GROUP, group);
