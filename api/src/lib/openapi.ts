import { ErrorEnvelopeSchema } from '@nongsan/contracts';
import { z } from 'zod';

export { ErrorEnvelopeSchema };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorEnvelopeSchema } },
});

/** Standard error responses, picked per route so the document says what each route can answer. */
export const errors = {
  400: errorResponse('Malformed request (BAD_REQUEST)'),
  401: errorResponse('Not signed in (UNAUTHENTICATED)'),
  403: errorResponse('Not allowed (FORBIDDEN)'),
  404: errorResponse('Not found, or not yours (NOT_FOUND)'),
  409: errorResponse('Conflicts with current state'),
  413: errorResponse('Body too large (PAYLOAD_TOO_LARGE)'),
  415: errorResponse('Unsupported content type (UNSUPPORTED_MEDIA_TYPE)'),
  422: errorResponse('Failed validation (VALIDATION_FAILED) with the failing fields in details'),
  429: errorResponse('Rate limited (RATE_LIMITED); see Retry-After'),
} as const;

/** The error responses a route can answer, by status: `...errorsFor(400, 401, 404)`. */
export function errorsFor<const C extends readonly (keyof typeof errors)[]>(
  ...codes: C
): Pick<typeof errors, C[number]> {
  return Object.fromEntries(codes.map((code) => [code, errors[code]])) as Pick<typeof errors, C[number]>;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A CSV file as a response body (stock and report exports). */
export const csvResponse = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() } },
});

/** A required JSON request body. `required` makes a missing or non-JSON body fail instead of passing empty. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const bearer: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
