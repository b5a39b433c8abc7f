import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** The closed list of error codes. Clients branch on these; they never change meaning. */
export type ErrorCode =
  /** The body is not JSON / not parseable at all. */
  | 'BAD_REQUEST'
  /** The input parsed but breaks a rule: wrong type, missing or unknown field, out of range. */
  | 'VALIDATION_FAILED'
  /** A sign-in code is wrong, expired, used or dead after too many tries. */
  | 'INVALID_CODE'
  /** No session, or an expired or revoked one. */
  | 'UNAUTHENTICATED'
  /** Signed in, the resource is public, but this user may not do this to it. */
  | 'FORBIDDEN'
  /** A state-changing request with the session cookie that did not come from the storefront's origin. */
  | 'CSRF'
  /** No such resource, or one the caller may not know exists. */
  | 'NOT_FOUND'
  /** The request conflicts with current state (a duplicate, a state that moved on). */
  | 'CONFLICT'
  /** An order asks for more than the lots hold. */
  | 'INSUFFICIENT_STOCK'
  /** A status change not allowed from the current status. */
  | 'INVALID_TRANSITION'
  /** An Idempotency-Key reused with a different request body. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A payment provider declined or failed. */
  | 'PAYMENT_FAILED'
  /** Too many requests for a phone or an address; see Retry-After. */
  | 'RATE_LIMITED'
  /** The body (or an uploaded file) is larger than allowed. */
  | 'PAYLOAD_TOO_LARGE'
  /** The body's type (or an uploaded file's real format) is not accepted. */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A dependency (the database) is not reachable. */
  | 'SERVICE_UNAVAILABLE'
  /** A bug: logged with the request id, answered without internals. */
  | 'INTERNAL';

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'BAD_REQUEST':
      return 400;
    case 'INVALID_CODE':
    case 'VALIDATION_FAILED':
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'UNAUTHENTICATED':
      return 401;
    case 'PAYMENT_FAILED':
      return 402;
    case 'FORBIDDEN':
    case 'CSRF':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'INSUFFICIENT_STOCK':
    case 'INVALID_TRANSITION':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export type ErrorDetails = Record<string, unknown> | Record<string, unknown>[];

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  /** Seconds, sent as Retry-After with RATE_LIMITED. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: ErrorDetails; cause?: unknown; retryAfter?: number } = {},
  ) {
    super(options.message ?? defaultMessage(code), { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

function defaultMessage(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', ' ');
}

export type ErrorEnvelope = {
  error: { code: ErrorCode; message: string; requestId: string; details?: ErrorDetails };
};

/** Maps Hono's own HTTP errors (bad JSON, wrong content type, body limit) onto our codes. */
function fromHttpException(err: HTTPException): AppError {
  switch (err.status) {
    case 400:
      return new AppError('BAD_REQUEST', { message: err.message || 'malformed request' });
    case 401:
      return new AppError('UNAUTHENTICATED');
    case 404:
      return new AppError('NOT_FOUND');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE');
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { message: err.message || 'unsupported content type' });
    default:
      return err.status >= 500
        ? new AppError('INTERNAL', { cause: err })
        : new AppError('BAD_REQUEST', { message: err.message });
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  return new AppError('INTERNAL', { message: 'internal error', cause: err });
}

/** The one place an error becomes a response: every failure leaves in the same envelope. */
export function errorResponse(c: Context, err: unknown, logger: Logger): Response {
  const appError = toAppError(err);
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  if (appError.code === 'INTERNAL') {
    logger.error({ requestId, err: appError.cause ?? err }, 'unhandled error');
  }
  const body: ErrorEnvelope = {
    error: {
      code: appError.code,
      message: appError.code === 'INTERNAL' ? 'internal error' : appError.message,
      requestId,
      ...(appError.details === undefined ? {} : { details: appError.details }),
    },
  };
  if (appError.retryAfter !== undefined) c.header('Retry-After', String(Math.ceil(appError.retryAfter)));
  return c.json(body, statusOf(appError.code));
}
