import { ConsoleLogger, Logger } from '@nestjs/common';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { AppLogger } from './app-logger';
import { logUnexpectedError, requestLogging } from './request-logging';

/** A pino logger whose lines land in an array, parsed. */
function capturingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('AppLogger (Nest logs through pino)', () => {
  it('writes a Nest logger’s context and an error’s stack as fields of one JSON line', () => {
    const { logger, lines } = capturingLogger();
    const nest = new Logger('Outbox');
    Logger.overrideLogger(new AppLogger(logger));
    try {
      nest.log('sent 3 messages');
      nest.error('send failed', 'Error: refused\n    at send', undefined);
      nest.debug('below the level');
    } finally {
      Logger.overrideLogger(new ConsoleLogger());
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'sent 3 messages', context: 'Outbox' }),
      expect.objectContaining({
        level: 50,
        msg: 'send failed',
        context: 'Outbox',
        stack: 'Error: refused\n    at send',
      }),
    ]);
  });
});

describe('request logging', () => {
  function appLoggingTo(logger: pino.Logger) {
    const app = express();
    app.use(requestLogging(logger));
    app.get('/people', (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/broken', (req, res) => {
      logUnexpectedError(req, new Error('disk on fire'), { error: () => undefined });
      res.status(500).end();
    });
    return app;
  }

  it('logs each request once with its id, which the response also carries, and no query string', async () => {
    const { logger, lines } = capturingLogger();
    const res = await request(appLoggingTo(logger)).get('/people?postcode=NG7+1AA').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { id, method: 'GET', path: '/people' } });
    expect(JSON.stringify(lines[0])).not.toContain('NG7');
  });

  it('keeps a caller’s well-formed X-Request-Id and replaces a malformed one', async () => {
    const { logger } = capturingLogger();
    const app = appLoggingTo(logger);
    const kept = await request(app).get('/people').set('X-Request-Id', 'gp-system-42');
    expect(kept.headers['x-request-id']).toBe('gp-system-42');
    const replaced = await request(app).get('/people').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('logs an unexpected error with the stack on the request’s line of work (same request id)', async () => {
    const { logger, lines } = capturingLogger();
    const res = await request(appLoggingTo(logger)).get('/broken').expect(500);
    const id = res.headers['x-request-id'];
    const errorLine = lines.find((l) => l.msg === 'Unexpected error');
    expect(errorLine).toMatchObject({ level: 50, req: { id }, err: { message: 'disk on fire' } });
    expect(String((errorLine?.err as { stack: string }).stack)).toContain('disk on fire');
  });
});
