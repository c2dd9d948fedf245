import { resolve } from 'node:path';
import { registerAs } from '@nestjs/config';
import { currentEnvironment } from './environment';
import { localSecrets } from './secrets';
import { parseTrustProxy } from './trust-proxy';

export const appConfig = registerAs('app', () => {
  const env = currentEnvironment();
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    dataDir: resolve(env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    demoData: env.DEMO_DATA ?? !env.DATABASE_URL,
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : undefined,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = currentEnvironment();
  return {
    url: env.DATABASE_URL,
    dataDir: resolve(env.DATA_DIR),
    queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_SECONDS * 1000,
  };
});

export const securityConfig = registerAs('security', () => {
  const env = currentEnvironment();
  const generated =
    env.SESSION_SECRET && env.DATA_ENCRYPTION_KEY ? undefined : localSecrets(resolve(env.DATA_DIR));
  return {
    sessionSecret: env.SESSION_SECRET ?? generated!.sessionSecret,
    dataEncryptionKey: Buffer.from(
      env.DATA_ENCRYPTION_KEY ?? generated!.dataEncryptionKey,
      'base64',
    ),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    apiTokenTtlHours: env.API_TOKEN_TTL_HOURS,
    /** Production is served over HTTPS only; elsewhere a cookie is Secure when its request was. */
    secureCookies: env.NODE_ENV === 'production' ? true : ('auto' as const),
    trustProxy: parseTrustProxy(env.TRUST_PROXY) ?? false,
  };
});

export const reportsConfig = registerAs('reports', () => {
  const env = currentEnvironment();
  return {
    suppressionThreshold: env.SUPPRESSION_THRESHOLD,
    /** 0: no background drain. */
    factsDrainMs: env.REPORT_FACTS_DRAIN_SECONDS * 1000,
  };
});

export const retentionConfig = registerAs('retention', () => {
  const env = currentEnvironment();
  return {
    declinedReferralMonths: env.RETENTION_DECLINED_REFERRAL_MONTHS,
    undecidedReferralMonths: env.RETENTION_UNDECIDED_REFERRAL_MONTHS,
    closedCaseMonths: env.RETENTION_CLOSED_CASE_MONTHS,
    jobEnabled: env.RETENTION_JOB_ENABLED,
  };
});

export const notificationsConfig = registerAs('notifications', () => {
  const env = currentEnvironment();
  return {
    notify: env.NOTIFY_API_KEY
      ? {
          apiKey: env.NOTIFY_API_KEY,
          baseUrl: env.NOTIFY_BASE_URL.replace(/\/+$/, ''),
          emailTemplateId: env.NOTIFY_EMAIL_TEMPLATE_ID!,
          smsTemplateId: env.NOTIFY_SMS_TEMPLATE_ID!,
        }
      : undefined,
    workerEnabled: env.NOTIFICATIONS_WORKER_ENABLED,
    pollMs: env.NOTIFICATIONS_POLL_MS,
    maxAttempts: env.NOTIFICATIONS_MAX_ATTEMPTS,
    retryBaseMs: env.NOTIFICATIONS_RETRY_BASE_SECONDS * 1000,
    claimMs: env.NOTIFICATIONS_CLAIM_SECONDS * 1000,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    smsContactPhone: env.SMS_CONTACT_PHONE ?? null,
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type SecurityConfig = ReturnType<typeof securityConfig>;
export type ReportsConfig = ReturnType<typeof reportsConfig>;
export type RetentionConfig = ReturnType<typeof retentionConfig>;

export const jobsConfig = registerAs('jobs', () => ({
  scheduled: currentEnvironment().SCHEDULED_JOBS_ENABLED,
}));
export type NotificationsConfig = ReturnType<typeof notificationsConfig>;
