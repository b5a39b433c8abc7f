// The API's error envelope, written once: the closed list of codes, the HTTP status each answers
// with, and the shape of `details` for each code. The API's AppError is typed from it (a throw
// whose details do not fit its code does not compile), the OpenAPI document publishes it, and the
// storefront reads details through `errorDetailsOf` instead of guessing at their shape (or at the
// English message, which is for people and may change). See docs/decisions/0018-error-codes.md.
import { z } from 'zod';
import { StockImportIssueSchema } from './cooperatives.ts';
import { FulfilmentStatusSchema } from './orders.ts';

/** The closed list of error codes the API answers with. Clients branch on these; they never change meaning. */
export const ERROR_CODES = [
  /** The body is not JSON / not parseable at all. */
  'BAD_REQUEST',
  /** The input parsed but breaks a rule: wrong type, missing or unknown field, out of range. */
  'VALIDATION_FAILED',
  /** A sign-in code is wrong, expired, used or dead after too many tries. */
  'INVALID_CODE',
  /** No session, or an expired or revoked one. */
  'UNAUTHENTICATED',
  /** Signed in, the resource is public, but this user may not do this to it. */
  'FORBIDDEN',
  /** Yêu cầu từ trang khác / a cross-site request: a cookie-signed write from another origin. */
  'CSRF',
  /** No such resource, or one the caller may not know exists. */
  'NOT_FOUND',
  /** The request conflicts with current state (a duplicate, a state that moved on). */
  'CONFLICT',
  /** An order asks for more than the lots hold. */
  'INSUFFICIENT_STOCK',
  /** A status change not allowed from the current status. */
  'INVALID_TRANSITION',
  /** An Idempotency-Key reused with a different request body. */
  'IDEMPOTENCY_KEY_REUSED',
  /** A payment provider declined or failed. */
  'PAYMENT_FAILED',
  /** Too many requests for a phone or an address; see Retry-After. */
  'RATE_LIMITED',
  /** The body (or an uploaded file) is larger than allowed. */
  'PAYLOAD_TOO_LARGE',
  /** The body's type (or an uploaded file's real format) is not accepted. */
  'UNSUPPORTED_MEDIA_TYPE',
  /** A dependency (the database) is not reachable. */
  'SERVICE_UNAVAILABLE',
  /** The search engine (Meilisearch) is not answering and no fallback could answer instead. */
  'SEARCH_UNAVAILABLE',
  /** A bug: logged with the request id, answered without internals. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** The HTTP status of each code. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  INVALID_CODE: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_STOCK: 409,
  INVALID_TRANSITION: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYMENT_FAILED: 402,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVICE_UNAVAILABLE: 503,
  SEARCH_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

// ---- details, per code ------------------------------------------------------------------------

/**
 * One failing field of a VALIDATION_FAILED: `path` is the field (dotted, `items.0.quantity`;
 * `(root)` or `(body)` for the whole input), `code` a stable machine word (zod's issue codes, or
 * ours: `not_found`, `exceeds_refundable`, `delivery_not_offered`...), `message` English for
 * developers. Some carry numbers a client shows (`refundableVnd`, `expectedVnd`, pixel counts).
 */
export const FieldIssueSchema = z
  .object({ path: z.string(), code: z.string(), message: z.string() })
  .catchall(z.unknown());
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** A stock CSV's problem: the row (null for the whole file) and column, in both languages. */
export const CsvRowIssueSchema = StockImportIssueSchema.extend({ row: z.number().int().nullable() });

/** What one item lacks: asked for `requested`, the lots hold `available`. */
export const StockShortSchema = z.object({
  listingId: z.string().optional(),
  lotId: z.string().optional(),
  requested: z.number(),
  available: z.number(),
});

/**
 * Why a CONFLICT, where a client answers differently: a member form shows a taken phone at the
 * phone field, and a change to the acting manager's own (or the owner's) membership as "ask
 * another manager"; a full address book (MAX_ADDRESSES) as "delete one first". Conflicts a client
 * needs no branch for carry no reason.
 */
export const ConflictReasonSchema = z.enum(['member_phone_taken', 'member_protected', 'address_book_full']);
export type ConflictReason = z.infer<typeof ConflictReasonSchema>;

/** A file refused for its size or format: the limit or accepted types, and the photo pipeline's words. */
const FileRefusalSchema = z
  .object({
    maxBytes: z.number().int().optional(),
    accepted: z.array(z.string()).optional(),
    messages: z.object({ vi: z.string(), en: z.string() }).optional(),
  })
  .catchall(z.unknown());

/** `details` for each code; null where the code never carries any. */
export const ERROR_DETAILS = {
  /** A webhook's signature (`reason`) or event (`eventId`, `eventType`) that does not check out. */
  BAD_REQUEST: z.object({
    reason: z.string().optional(),
    eventId: z.string().nullable().optional(),
    eventType: z.string().nullable().optional(),
  }),
  VALIDATION_FAILED: z.array(z.union([FieldIssueSchema, CsvRowIssueSchema])),
  INVALID_CODE: z.object({ attemptsLeft: z.number().int() }),
  UNAUTHENTICATED: null,
  FORBIDDEN: null,
  /** What the request said of where it came from (neither the storefront's origin). */
  CSRF: z.object({ origin: z.string().nullable(), secFetchSite: z.string().nullable() }),
  NOT_FOUND: null,
  /** What conflicts: the field, the state found (`status`, `method`), the amounts or the row. */
  CONFLICT: z.object({
    reason: ConflictReasonSchema.optional(),
    field: z.string().optional(),
    status: z.string().optional(),
    method: z.string().optional(),
    fulfilmentId: z.string().optional(),
    owedVnd: z.number().int().optional(),
    amountVnd: z.number().int().optional(),
    row: z.number().int().optional(),
  }),
  /** Placing an order names every short item; adjusting one lot or listing names that one. */
  INSUFFICIENT_STOCK: z.union([z.array(StockShortSchema), StockShortSchema]),
  /** The status found, and the move refused (`action`) on which fulfilment or order. */
  INVALID_TRANSITION: z.object({
    status: FulfilmentStatusSchema,
    fulfilmentId: z.string().optional(),
    orderId: z.string().optional(),
    action: z.string().optional(),
  }),
  IDEMPOTENCY_KEY_REUSED: null,
  PAYMENT_FAILED: z.object({ providerCode: z.string().nullable() }),
  RATE_LIMITED: null,
  PAYLOAD_TOO_LARGE: FileRefusalSchema,
  UNSUPPORTED_MEDIA_TYPE: FileRefusalSchema,
  SERVICE_UNAVAILABLE: null,
  SEARCH_UNAVAILABLE: null,
  INTERNAL: null,
} as const satisfies Record<ErrorCode, z.ZodType | null>;

/** The details a code carries (`never` for codes without any). */
export type ErrorDetailsOf<C extends ErrorCode> = C extends ErrorCode
  ? (typeof ERROR_DETAILS)[C] extends z.ZodType
    ? z.infer<(typeof ERROR_DETAILS)[C]>
    : never
  : never;
export type ErrorDetails = { [C in ErrorCode]: ErrorDetailsOf<C> }[ErrorCode];

/**
 * Each distinct details shape once (the two file refusals share one), for the document. Objects
 * keep unknown keys here: a union answers with its first match, and without a code to pick the
 * shape, a strict first match would drop the keys of the others. `errorDetailsOf` reads by code.
 */
const detailSchemas: z.ZodType[] = [...new Set(Object.values(ERROR_DETAILS).filter((s) => s !== null))].map((schema) =>
  schema instanceof z.ZodObject ? schema.loose() : schema,
);

/** The one error envelope, as the OpenAPI document publishes it for every error response. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    /** English, for developers and logs; clients branch on `code` and `details`, never on this. */
    message: z.string(),
    requestId: z.string(),
    /** Shaped by `code` (see ERROR_DETAILS); absent when there is nothing more to say. */
    details: z.union(detailSchemas).optional(),
  }),
});

export type ErrorEnvelope = {
  error: { code: ErrorCode; message: string; requestId: string; details?: ErrorDetails };
};

/**
 * A failure's details read as its code's shape, or null when there are none or they do not fit
 * (an older or newer API): a client then falls back to what the code alone says.
 */
export function errorDetailsOf<C extends ErrorCode>(code: C, details: unknown): ErrorDetailsOf<C> | null {
  const schema: z.ZodType | null = ERROR_DETAILS[code];
  if (schema === null || details === undefined) return null;
  const parsed = schema.safeParse(details);
  return parsed.success ? (parsed.data as ErrorDetailsOf<C>) : null;
}
