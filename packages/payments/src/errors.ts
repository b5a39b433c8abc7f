/**
 * Why a webhook was refused before anything in it was trusted:
 * - `missing_header`: no `Stripe-Signature` header at all.
 * - `invalid_signature`: the header does not sign this body with our secret (forged, altered, or
 *   signed for another endpoint).
 * - `timestamp_outside_tolerance`: correctly signed but older than the tolerance (replayed), or
 *   dated more than the tolerance ahead of our clock.
 * The API answers all three with 400 and writes nothing.
 */
export type WebhookSignatureReason = 'missing_header' | 'invalid_signature' | 'timestamp_outside_tolerance';

export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  readonly reason: WebhookSignatureReason;

  constructor(reason: WebhookSignatureReason, options: { cause?: unknown } = {}) {
    super(`webhook signature rejected: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}

/**
 * A correctly signed event of a handled type whose object does not have the shape we rely on
 * (an API-version mismatch, most likely). Signed, so not an attack: the API answers 400 so the
 * delivery shows as failing in the Stripe dashboard and is retried after a fix.
 */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
  readonly eventId: string | null;
  readonly eventType: string | null;

  constructor(options: { eventId?: string | null; eventType?: string | null; detail: string; cause?: unknown }) {
    super(
      `webhook event ${options.eventId ?? '?'} (${options.eventType ?? '?'}) has an unexpected shape: ${options.detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.eventId = options.eventId ?? null;
    this.eventType = options.eventType ?? null;
  }
}

/**
 * A payment provider call failed.
 * - `PROVIDER_UNAVAILABLE`: network error, timeout, rate limit or a 5xx: safe to retry later with
 *   the same attempt number (the idempotency key makes the retry harmless).
 * - `PROVIDER_REJECTED`: the provider refused the request (invalid parameters, an idempotency key
 *   reused with different parameters, a refund larger than the charge): retrying will not help.
 */
export type PaymentProviderErrorCode = 'PROVIDER_UNAVAILABLE' | 'PROVIDER_REJECTED';

export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  readonly code: PaymentProviderErrorCode;
  readonly provider: string;
  /** The provider's own error code (Stripe's `code`, e.g. `amount_too_small`), when it gave one. */
  readonly providerCode: string | null;
  readonly status: number | null;

  constructor(options: {
    code: PaymentProviderErrorCode;
    provider: string;
    message: string;
    providerCode?: string | null;
    status?: number | null;
    cause?: unknown;
  }) {
    super(
      `${options.provider}: ${options.message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = options.code;
    this.provider = options.provider;
    this.providerCode = options.providerCode ?? null;
    this.status = options.status ?? null;
  }
}

/** A VietQR payload that cannot be built (a field out of range) or parsed (bad TLV, wrong CRC). */
export class VietQrError extends Error {
  override readonly name = 'VietQrError';
}

/**
 * A bank statement file that cannot be read at all: not CSV, no header row with the required
 * columns. Problems with single rows are not thrown; they are listed per row in the result.
 */
export class BankStatementError extends Error {
  override readonly name = 'BankStatementError';
  readonly reason: 'unreadable_csv' | 'missing_columns' | 'empty';
  readonly details: Record<string, unknown> | undefined;

  constructor(
    reason: 'unreadable_csv' | 'missing_columns' | 'empty',
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.details = options.details;
  }
}
