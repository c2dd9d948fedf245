import { classifyFailure, retryDelayMs } from './delivery-rules';

const answered = (status: number, error = 'Error', message = 'something') => ({
  response: { status, data: { status_code: status, errors: [{ error, message }] } },
});

describe('retryDelayMs', () => {
  it('doubles from the base after each try and stops at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
  });
});

describe('classifyFailure', () => {
  it('treats 400 and 403 from Notify as permanent, naming Notify’s error', () => {
    expect(
      classifyFailure(answered(400, 'BadRequestError', 'phone_number Not a UK mobile')),
    ).toEqual({
      permanent: true,
      message: 'Notify answered 400: BadRequestError: phone_number Not a UK mobile',
    });
    expect(classifyFailure(answered(403, 'AuthError')).permanent).toBe(true);
  });

  it('retries 429, 500, 503 and a request that got no answer', () => {
    expect(classifyFailure(answered(429, 'RateLimitError')).permanent).toBe(false);
    expect(classifyFailure(answered(500, 'Exception')).permanent).toBe(false);
    expect(classifyFailure(answered(503)).permanent).toBe(false);
    expect(classifyFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toEqual({
      permanent: false,
      message: 'No answer from Notify: ECONNREFUSED',
    });
  });
});
