import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ALLOWED_ROLES, IS_PUBLIC } from '../../src/common/auth/auth.decorators';
import type { Role } from '../../src/common/vocabulary';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path, e.g. /api/cases/:id */
  path: string;
  key: string;
  isPublic: boolean;
  roles: Role[];
}

const METHODS: Partial<Record<RequestMethod, RouteInfo['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: string[]) =>
  (
    '/' +
    parts
      .map((p) => p.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/')
  ).replace(/\/+/g, '/');

/** Every HTTP route the running app serves, read from Nest's own controller metadata. */
export function routeTable(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (!method || sub === undefined) continue;
        for (const p of Array.isArray(sub) ? sub : [sub]) {
          const path = join(base, p);
          const isPublic =
            (Reflect.getMetadata(IS_PUBLIC, handler) ??
              Reflect.getMetadata(IS_PUBLIC, controller) ??
              false) === true;
          const roles = (Reflect.getMetadata(ALLOWED_ROLES, handler) ??
            Reflect.getMetadata(ALLOWED_ROLES, controller) ??
            []) as Role[];
          routes.push({ method, path, key: `${method} ${path}`, isPublic, roles });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Fills :params with the given ids (or a random UUID), giving a concrete URL. */
export function concretePath(path: string, ids: Record<string, string> = {}): string {
  return path.replace(
    /:(\w+)/g,
    (_, name: string) => ids[name] ?? '6f1c1a5e-0000-4000-8000-000000000000',
  );
}
