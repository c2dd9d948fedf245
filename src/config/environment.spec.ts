import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.SUPPRESSION_THRESHOLD).toBe(5);
    expect(env.REPORT_FACTS_DRAIN_SECONDS).toBe(60);
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(1200);
    expect(env.LOGIN_RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(env.DATA_DIR).toBe('./.data');
  });

  it('takes a report facts drain period in whole seconds, 0 for none', () => {
    expect(
      validateEnvironment({ REPORT_FACTS_DRAIN_SECONDS: '0' }).REPORT_FACTS_DRAIN_SECONDS,
    ).toBe(0);
    expect(() => validateEnvironment({ REPORT_FACTS_DRAIN_SECONDS: '-1' })).toThrow(
      /REPORT_FACTS_DRAIN_SECONDS/,
    );
    expect(() => validateEnvironment({ REPORT_FACTS_DRAIN_SECONDS: 'a minute' })).toThrow(
      /REPORT_FACTS_DRAIN_SECONDS/,
    );
  });

  it('names the bad setting', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => validateEnvironment({ DATA_ENCRYPTION_KEY: 'short' })).toThrow(
      /DATA_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });

  it('requires secrets in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    const ok = validateEnvironment({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(ok.NODE_ENV).toBe('production');
  });

  it('leaves TRUST_PROXY unset by default and refuses one it cannot read, naming it', () => {
    expect(validateEnvironment({}).TRUST_PROXY).toBeUndefined();
    expect(validateEnvironment({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).TRUST_PROXY).toBe(
      '10.0.0.1, 10.0.0.2',
    );
    expect(() => validateEnvironment({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: must be a hop count, or a comma list/,
    );
  });

  it('parses booleans and rejects nonsense', () => {
    expect(validateEnvironment({ DEMO_DATA: 'false' }).DEMO_DATA).toBe(false);
    expect(() => validateEnvironment({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
  });
});

describe('retention settings', () => {
  it('default to 2 years for referrals and 8 years for closed cases, with the job on', () => {
    const env = validateEnvironment({});
    expect(env.RETENTION_DECLINED_REFERRAL_MONTHS).toBe(24);
    expect(env.RETENTION_UNDECIDED_REFERRAL_MONTHS).toBe(24);
    expect(env.RETENTION_CLOSED_CASE_MONTHS).toBe(96);
    expect(env.RETENTION_JOB_ENABLED).toBe(true);
  });

  it('take whole months and refuse nonsense', () => {
    expect(
      validateEnvironment({ RETENTION_CLOSED_CASE_MONTHS: '120' }).RETENTION_CLOSED_CASE_MONTHS,
    ).toBe(120);
    expect(validateEnvironment({ RETENTION_JOB_ENABLED: 'false' }).RETENTION_JOB_ENABLED).toBe(
      false,
    );
    expect(() => validateEnvironment({ RETENTION_CLOSED_CASE_MONTHS: '0' })).toThrow(
      /RETENTION_CLOSED_CASE_MONTHS/,
    );
    expect(() => validateEnvironment({ RETENTION_DECLINED_REFERRAL_MONTHS: 'two years' })).toThrow(
      /RETENTION_DECLINED_REFERRAL_MONTHS/,
    );
  });
});

describe('notification settings', () => {
  const KEY = `linkway_test-${'4c2d3b5e-1f6a-4b7c-8d9e-0a1b2c3d4e5f'}-${'9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'}`;
  const TEMPLATES = {
    NOTIFY_EMAIL_TEMPLATE_ID: '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9',
    NOTIFY_SMS_TEMPLATE_ID: '1a2b3c4d-5e6f-4a8b-9cad-bef012345678',
  };

  it('without a Notify key, sends to the log with the worker on and Notify’s own address', () => {
    const env = validateEnvironment({});
    expect(env.NOTIFY_API_KEY).toBeUndefined();
    expect(env.NOTIFY_BASE_URL).toBe('https://api.notifications.service.gov.uk');
    expect(env.NOTIFICATIONS_WORKER_ENABLED).toBe(true);
    expect(env.NOTIFICATIONS_MAX_ATTEMPTS).toBe(10);
  });

  it('takes a key with both template ids and a local base URL', () => {
    const env = validateEnvironment({
      NOTIFY_API_KEY: KEY,
      NOTIFY_BASE_URL: 'http://127.0.0.1:4010',
      ...TEMPLATES,
    });
    expect(env.NOTIFY_API_KEY).toBe(KEY);
    expect(env.NOTIFY_BASE_URL).toBe('http://127.0.0.1:4010');
  });

  it('refuses a key without its templates, a malformed key and a bad template id', () => {
    expect(() => validateEnvironment({ NOTIFY_API_KEY: KEY })).toThrow(
      /NOTIFY_EMAIL_TEMPLATE_ID: required when NOTIFY_API_KEY is set/,
    );
    expect(() => validateEnvironment({ NOTIFY_API_KEY: 'not-a-key', ...TEMPLATES })).toThrow(
      /NOTIFY_API_KEY: must be a GOV.UK Notify API key/,
    );
    expect(() =>
      validateEnvironment({ NOTIFY_API_KEY: KEY, ...TEMPLATES, NOTIFY_SMS_TEMPLATE_ID: 'sms' }),
    ).toThrow(/NOTIFY_SMS_TEMPLATE_ID/);
    expect(() => validateEnvironment({ NOTIFY_BASE_URL: 'ftp://notify' })).toThrow(
      /NOTIFY_BASE_URL/,
    );
    expect(() => validateEnvironment({ NOTIFICATIONS_MAX_ATTEMPTS: '0' })).toThrow(
      /NOTIFICATIONS_MAX_ATTEMPTS/,
    );
  });
});
