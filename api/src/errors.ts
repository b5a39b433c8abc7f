import {
  ERROR_STATUS,
  type ErrorCode,
  type ErrorDetails,
  type ErrorDetailsOf,
  type ErrorEnvelope,
} from '@nongsan/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

export type { ErrorCode, ErrorDetails, ErrorDetailsOf, ErrorEnvelope } from '@nongsan/contracts';

/** The code's HTTP status (the table is in contracts, with the codes). */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return ERROR_STATUS[code];
}

/**
 * The one error the API throws for a refusal. `details` must fit the code's shape in contracts'
 * ERROR_DETAILS (codes without details take none), so what the OpenAPI document publishes is
 * what clients get.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'AppError';
  readonly code: C;
  readonly details: ErrorDetails | undefined;
  /** Seconds, sent as Retry-After with RATE_LIMITED. */
  readonly retryAfter: number | undefined;

  constructor(
    code: C,
    options: { message?: string; details?: ErrorDetailsOf<C>; cause?: unknown; retryAfter?: number } = {},
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
