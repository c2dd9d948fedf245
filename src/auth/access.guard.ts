import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { isMachineRequest } from '../common/http/request-kind';
import type { Role } from '../common/vocabulary';
import { ALLOWED_ROLES, IS_PUBLIC } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';

type AuthRequest = Request & { user?: AuthenticatedUser };

/**
 * Deny by default. Machine routes (/api, /fhir…) authenticate with a bearer token only, so a
 * browser's cookie can never ride along on an API call (no CSRF surface there); pages use the
 * session that passport restored. A route must be @Public() or name its roles with @Allow().
 */
@Injectable()
export class AccessGuard extends AuthGuard('bearer') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    if (isMachineRequest(req)) {
      req.user = undefined;
      if (req.headers.authorization) {
        try {
          await super.canActivate(context);
        } catch (e) {
          if (!isPublic) throw e;
          req.user = undefined;
        }
      }
    }
    if (isPublic) return true;
    if (!req.user) throw new UnauthorizedException('Sign in to continue');

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles?.includes(req.user.role)) {
      throw new ForbiddenException('Your role does not allow this');
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    // The token could not be checked (the database is away): that is not a bad token, so the
    // error surfaces as itself (a 503) rather than as a 401 that would make clients sign in again.
    if (err) throw err;
    if (!user) throw new UnauthorizedException('The access token is missing, expired or revoked');
    return user;
  }
}
