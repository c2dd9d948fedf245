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
 * Per-client limits: every request counts against `default`; sign-in and the public forms also
 * count against their own, stricter limits. (The per-account sign-in rule lives in AuthService.)
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

  /** The key as it is: the library hashes it (for key-value stores), which costs every request. */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${name}-${tracker}`;
  }
}
