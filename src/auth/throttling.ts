import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { THROTTLE_GROUP, type ThrottleGroup } from '../common/auth/auth.decorators';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

const inGroup = (ctx: ExecutionContext, group: ThrottleGroup) =>
  Reflect.getMetadata(THROTTLE_GROUP, ctx.getHandler()) === group;

/**
 * Per-client limits, each one budget across every route it covers: every request counts against
 * `default`; sign-in (API and page alike, and the current-password check) and the public forms
 * also count against their own, stricter limits. Counts are kept in memory, so per instance.
 * (The per-account sign-in rule lives in AuthService.)
 */
export function throttlerOptions(limits: {
  perMinute: number;
  loginPerMinute: number;
}): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: limits.perMinute },
      {
        name: 'login',
        ttl: 60_000,
        limit: limits.loginPerMinute,
        skipIf: (ctx) => !inGroup(ctx, 'login'),
      },
      {
        name: 'public_form',
        ttl: 60_000,
        limit: 10,
        skipIf: (ctx) => !inGroup(ctx, 'public_form'),
      },
    ],
    errorMessage: 'Too many requests; try again later',
    storage: new FixedWindowThrottlerStorage(),
  };
}

/**
 * The library names its header per throttler ("Retry-After-login"); clients and proxies only
 * understand the standard `Retry-After` (RFC 9110), so every 429 carries it too.
 */
@Injectable()
export class StandardRetryAfterThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(context, detail);
  }

  /**
   * One counter per limit and client, whatever the route: the library's key names the controller
   * and handler, which made every limit per route (30 a minute meant 30 a minute on each) and gave
   * the API and page sign-in doors a budget each. Not hashed, as the library does for key-value
   * stores: that costs every request, and the store is in memory.
   */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}-${tracker}`;
  }
}
