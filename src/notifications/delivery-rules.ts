/** How the outbox worker treats a failed try. */

const HOUR_MS = 3_600_000;

/** Waits base, 2×base, 4×base… after the 1st, 2nd, 3rd try; never more than an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), HOUR_MS);
}

export interface DeliveryFailure {
  /** True when trying again cannot help (Notify refused the request or the key). */
  permanent: boolean;
  message: string;
}

interface HttpishError {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  code?: string;
  message?: string;
}

/**
 * Notify's answers: 400 (bad request: a bad address, template or personalisation) and 403 (the
 * key is refused) are permanent; 429 (rate limit) and 5xx are retried, as is no answer at all
 * (timeout, connection refused). Other 4xx are our request's fault, so permanent too.
 */
export function classifyFailure(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as HttpishError;
  const status = e.response?.status;
  const detail = e.response?.data?.errors
    ?.map((x) => [x.error, x.message].filter(Boolean).join(': '))
    .join('; ');
  if (status === undefined)
    return {
      permanent: false,
      message: `No answer from Notify: ${e.code ?? e.message ?? String(error)}`,
    };
  const message = `Notify answered ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429 || status >= 500) return { permanent: false, message };
  return { permanent: true, message };
}
