import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.SUPPRESSION_THRESHOLD).toBe(5);
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(1200);
    expect(env.LOGIN_RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(env.DATA_DIR).toBe('./.data');
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
