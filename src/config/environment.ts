import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { parseTrustProxy } from './trust-proxy';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true'
      ? true
      : value === 'false'
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;

/** A Notify API key: its name, the service id and the secret key (both UUIDs). */
const NOTIFY_KEY =
  /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every setting Linkway reads from the environment, validated once at boot. */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR = './.data';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA?: boolean;

  @IsOptional()
  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  SUPPRESSION_THRESHOLD = 5;

  /**
   * How often the report facts are brought up to date in the background, in seconds; 0 turns the
   * job off (a report still refreshes them before it reads, and pays for whatever is queued).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  REPORT_FACTS_DRAIN_SECONDS = 60;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SESSION_SECRET?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes encoded as base64' })
  DATA_ENCRYPTION_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * Which proxies' X-Forwarded-For and X-Forwarded-Proto are believed (see trust-proxy.ts). Unset,
   * none: a client could otherwise name any address and step round the per-client limits.
   */
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && parseTrustProxy(v) !== undefined,
      defaultMessage: () =>
        'must be a hop count, or a comma list of proxy addresses or CIDR ranges (e.g. 127.0.0.1)',
    },
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  API_TOKEN_TTL_HOURS = 12;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Seconds a database query may take before the app gives up on it and answers 503: a silent
   * network hang must not hold requests for ever. Long enough for a report over a million
   * referrals. Migrations are not limited; the command-line tools are.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DATABASE_QUERY_TIMEOUT_SECONDS = 120;

  /** Months after a referral was declined before its person's details are anonymised. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1200)
  RETENTION_DECLINED_REFERRAL_MONTHS = 24;

  /** Months without activity before a referral never accepted or declined is anonymised. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1200)
  RETENTION_UNDECIDED_REFERRAL_MONTHS = 24;

  /** Months after a case was closed before its person's details are anonymised. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1200)
  RETENTION_CLOSED_CASE_MONTHS = 96;

  /** Whether the daily retention job anonymises by itself (the dry run and manual run stay). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  RETENTION_JOB_ENABLED = true;

  /**
   * Whether this instance runs the scheduled jobs (offer expiry and reminders, the email outbox,
   * vetting expiry, retention, the report facts drain) on their clock. Off, it only serves requests; the jobs stay callable.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULED_JOBS_ENABLED = true;

  /**
   * GOV.UK Notify's API key (`name-serviceId-secret`). Without it messages are written to the
   * log and the outbox still records them.
   */
  @IsOptional()
  @Matches(NOTIFY_KEY, { message: 'must be a GOV.UK Notify API key (a name, then two UUIDs)' })
  NOTIFY_API_KEY?: string;

  /** The Notify email template: `((subject))` as its subject and `((body))` as its text. */
  @IsOptional()
  @IsUUID('all', { message: 'must be a Notify template id (a UUID)' })
  NOTIFY_EMAIL_TEMPLATE_ID?: string;

  /** The Notify text message template: `((body))`. */
  @IsOptional()
  @IsUUID('all', { message: 'must be a Notify template id (a UUID)' })
  NOTIFY_SMS_TEMPLATE_ID?: string;

  /** Notify's address; a test points it at a local fake. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  NOTIFY_BASE_URL = 'https://api.notifications.service.gov.uk';

  /** Whether this instance delivers the outbox (every instance may: a message is sent once). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  NOTIFICATIONS_WORKER_ENABLED = true;

  /** How often the worker looks for messages due, in milliseconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(600_000)
  NOTIFICATIONS_POLL_MS = 5000;

  /** Tries before a message is a permanent failure. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFICATIONS_MAX_ATTEMPTS = 10;

  /** The first retry's wait; each later one waits twice as long (at most an hour). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  NOTIFICATIONS_RETRY_BASE_SECONDS = 30;

  /**
   * How long a worker holds a message it took before another may take it over (a crashed
   * worker's message is sent by the next). Notify requests time out at half of it.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(3600)
  NOTIFICATIONS_CLAIM_SECONDS = 120;

  /** Linkway's address as people reach it, for links in emails. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  /** The number a person's text message tells them to call (the service's phone). */
  @IsOptional()
  @Matches(/^\+?[0-9 ]{10,16}$/, { message: 'must be a telephone number' })
  SMS_CONTACT_PHONE?: string;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Validates raw settings; throws one error naming every bad setting. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (env.NOTIFY_API_KEY) {
    const missing = (['NOTIFY_EMAIL_TEMPLATE_ID', 'NOTIFY_SMS_TEMPLATE_ID'] as const).filter(
      (k) => !env[k],
    );
    if (missing.length > 0) {
      throw new ConfigurationError(
        `Invalid configuration:\n  ${missing.map((k) => `${k}: required when NOTIFY_API_KEY is set`).join('\n  ')}`,
      );
    }
  }
  if (env.NODE_ENV === 'production') {
    const missing = (['SESSION_SECRET', 'DATA_ENCRYPTION_KEY'] as const).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new ConfigurationError(
        `Invalid configuration:\n  ${missing.map((k) => `${k}: required when NODE_ENV=production`).join('\n  ')}`,
      );
    }
  }
  return env;
}

let cached: { source: NodeJS.ProcessEnv; snapshot: string; env: Environment } | undefined;

/** The validated environment of this process (re-validated if the environment changed, as tests do). */
export function currentEnvironment(): Environment {
  const snapshot = JSON.stringify(process.env);
  if (!cached || cached.snapshot !== snapshot) {
    cached = { source: process.env, snapshot, env: validateEnvironment({ ...process.env }) };
  }
  return cached.env;
}
