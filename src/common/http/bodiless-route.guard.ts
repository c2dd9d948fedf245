import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { InputInvalidException } from './validation';
import { isMachineRequest } from './request-kind';

/**
 * The ValidationPipe only sees bodies a handler asks for, so a POST that takes none (accept,
 * erase…) would silently ignore whatever was sent. Unknown fields are refused everywhere in the
 * API, so those routes refuse any field too.
 */
@Injectable()
export class BodilessRouteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isMachineRequest(req) || !hasFields(req.body)) return true;
    if (takesBody(context)) return true;
    throw new InputInvalidException(
      Object.keys(req.body as object).map((field) => ({
        field,
        message: 'is not a recognised field',
      })),
    );
  }
}

function hasFields(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length > 0;
}

function takesBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(
    ROUTE_ARGS_METADATA,
    context.getClass(),
    context.getHandler().name,
  ) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => {
    const type = Number(key.split(':')[0]);
    return type === RouteParamtypes.BODY || type === RouteParamtypes.RAW_BODY;
  });
}
