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

  it('parses booleans and rejects nonsense', () => {
    expect(validateEnvironment({ DEMO_DATA: 'false' }).DEMO_DATA).toBe(false);
    expect(() => validateEnvironment({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
  });
});
