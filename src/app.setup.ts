import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import connectPgSimple from 'connect-pg-simple';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import passport from 'passport';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { BODY_TOO_DEEP, MAX_BODY_DEPTH, rejectDeepBodies } from './common/http/body-depth';
import { AppLogger } from './common/logging/app-logger';
import { requestLogging } from './common/logging/request-logging';
import { withProblemResponses } from './common/http/openapi-problems';
import { problem, PROBLEM_CONTENT_TYPE } from './common/http/problem';
import { isMachineRequest } from './common/http/request-kind';
import { securityConfig } from './config/configuration';
import { PROJECT_ROOT } from './database/project-paths';
import { ServicesService } from './services/services.service';
import {
  FHIR_CONTENT_TYPE,
  isFhirPath,
  operationOutcome,
} from './referrals/fhir-operation-outcome.filter';
import { configureViewEngine } from './web/view-engine';
import { viewContext } from './web/view-context.middleware';

export const SESSION_COOKIE = 'linkway.sid';
const BODY_LIMIT = '100kb';

/**
 * The Express instance under Nest, for main.ts and every test. Routing is case-sensitive: /API/cases
 * is not /api/cases, so a path's spelling cannot turn an API route into something the page
 * middleware treats as a page (or the reverse). Express's router takes the setting when it is
 * created, which Nest's adapter does at once, so it is set here, before the adapter exists.
 */
export function createHttpAdapter(): ExpressAdapter {
  const server = express();
  server.set('case sensitive routing', true);
  return new ExpressAdapter(server);
}

/**
 * Everything about the HTTP pipeline that is not a Nest provider: used by main.ts and by every
 * test, so tests exercise the same pipeline as production.
 */
export function configureApp(nest: INestApplication): void {
  const app = nest as NestExpressApplication;
  const security = app.get<ConfigType<typeof securityConfig>>(securityConfig.KEY);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.use(requestLogging(logger.pino));
  app.enableShutdownHooks();
  // Only a proxy named in TRUST_PROXY may tell us the client's address and scheme; with none,
  // req.ip is the connection's own address, so X-Forwarded-For cannot dodge per-client limits.
  app.set('trust proxy', security.trustProxy);
  app.disable('x-powered-by');

  const strict = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(false) },
    strictTransportSecurity: false,
  });
  // Swagger UI's page carries inline styles; only the API docs get that allowance.
  const docs = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(true) },
    strictTransportSecurity: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next),
  );
  // RFC 6797: a host sends HSTS over HTTPS only (a browser ignores it over HTTP anyway, and it
  // would tell a plain-HTTP development server's browser to refuse it later).
  const hsts = helmet.strictTransportSecurity();
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.secure ? hsts(req, res, next) : next(),
  );

  app.use(
    '/assets/govuk',
    express.static(
      join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'),
      { maxAge: '1d' },
    ),
  );
  // alphagov's accessible-autocomplete, which turns long lists of names into a searchable field.
  app.use(
    '/assets/autocomplete',
    express.static(join(PROJECT_ROOT, 'node_modules', 'accessible-autocomplete', 'dist'), {
      maxAge: '1d',
    }),
  );
  app.use('/assets', express.static(join(PROJECT_ROOT, 'dist', 'public'), { maxAge: '1h' }));
  app.use('/assets', express.static(join(__dirname, 'web', 'public'), { maxAge: '1h' }));

  // Everything past the static assets may carry personal data: no browser or proxy is to keep a
  // copy (or show one again from the back button after signing out), so ETags would serve no one.
  app.set('etag', false);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(rejectDeepBodies());

  const pool = (app.get(DataSource).driver as unknown as { master: Pool }).master;
  const PgStore = connectPgSimple(session);
  const pageOnly =
    (mw: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      isMachineRequest(req) ? next() : mw(req, res, next);

  app.use(
    pageOnly(
      session({
        name: SESSION_COOKIE,
        store: new PgStore({
          pool,
          tableName: 'session',
          createTableIfMissing: false,
          pruneSessionInterval: 15 * 60,
        }),
        secret: security.sessionSecret,
        resave: false,
        saveUninitialized: false,
        rolling: true,
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: security.secureCookies,
          maxAge: security.sessionIdleMinutes * 60 * 1000,
        },
      }),
    ),
  );
  app.use(pageOnly(passport.initialize()));
  app.use(pageOnly(passport.session()));
  const { csrfSynchronisedProtection } = csrfSync({
    getTokenFromRequest: (req) =>
      (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('x-csrf-token'),
  });
  app.use(pageOnly(csrfSynchronisedProtection));
  // The header names the service a link worker or team lead works in.
  app.use(pageOnly(viewContext(security.sessionIdleMinutes, app.get(ServicesService))));

  configureViewEngine(app);

  setUpOpenApi(app);
  app.use(expressErrors);
}

function cspDirectives(inlineStyles: boolean) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  };
}

/** Errors raised by Express middleware (malformed JSON, oversized body, CSRF) before Nest sees the request. */
function expressErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string };
  const status = e.status ?? e.statusCode ?? 500;
  if (res.headersSent || status >= 500) return next(err);
  const detail =
    e.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : e.type === 'entity.too.large'
        ? `The request body is larger than ${BODY_LIMIT}`
        : e.type === BODY_TOO_DEEP
          ? `The request body is nested more than ${MAX_BODY_DEPTH} levels deep`
          : e.code === 'EBADCSRFTOKEN'
            ? 'The form has expired; go back, reload the page and try again'
            : 'The request could not be read';
  if (isFhirPath(req.path)) {
    res
      .status(status)
      .type(FHIR_CONTENT_TYPE)
      .send(JSON.stringify(operationOutcome(status, detail)));
    return;
  }
  if (isMachineRequest(req)) {
    res
      .status(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem(status, detail)));
    return;
  }
  res
    .status(status)
    .render('errors/error', { title: 'There is a problem', problem: problem(status, detail) });
}

function setUpOpenApi(app: NestExpressApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Linkway API')
    .setDescription(
      'Social prescribing referrals, casework, a vetted directory of community groups, placements and JSNA reports. ' +
        'Errors are application/problem+json (RFC 9457). Lists take ?limit= and ?cursor= and answer {items, nextCursor}.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = withProblemResponses(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
