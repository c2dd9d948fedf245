import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * One log line per request with its request id (also sent back as X-Request-Id), and `req.log`
 * bound to that id. Deliberately not an AsyncLocalStorage context (as nestjs-pino keeps): on
 * Node 20 that switches on promise hooks for every promise in the process, which cost about a
 * tenth of the CPU of a referral. Code that logs about a request uses `req.log`.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      // Query strings can carry names or postcodes; log the path only.
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  }) as RequestHandler;
}

/** Logs an error nobody expected on the request's own logger, so the line carries its request id. */
export function logUnexpectedError(
  req: IncomingMessage,
  error: unknown,
  fallback: { error(message: unknown): void },
): void {
  const log = (req as Partial<Pick<IncomingMessage, 'log'>>).log;
  if (log) log.error({ err: error }, 'Unexpected error');
  else fallback.error(error instanceof Error ? error.stack : String(error));
}
