import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
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
   * vetting expiry, retention) on their clock. Off, it only serves requests; the jobs stay callable.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULED_JOBS_ENABLED = true;
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
