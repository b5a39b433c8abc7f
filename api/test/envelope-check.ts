import { isDeepStrictEqual } from 'node:util';
import { ERROR_CODES, ERROR_DETAILS, ERROR_STATUS, type ErrorCode } from '@nongsan/contracts';

/**
 * Every error answer an int test receives must be what the OpenAPI document publishes: a known
 * code with its status, and details of exactly the code's shape (no key the schema would drop).
 * So a throw whose details drift from contracts' ERROR_DETAILS fails the test that reaches it.
 */
export function assertEnvelopeFits(status: number, body: unknown): void {
  if (status < 400 || typeof body !== 'object' || body === null || !('error' in body)) return;
  const error = (body as { error: { code?: unknown; details?: unknown } }).error;
  const code = error.code as ErrorCode;
  const problem = (what: string) =>
    new Error(`error envelope does not fit contracts (${what}): ${JSON.stringify(body)}`);
  if (!ERROR_CODES.includes(code)) throw problem('unknown code');
  if (ERROR_STATUS[code] !== status) throw problem(`status ${status}, the code's is ${ERROR_STATUS[code]}`);
  if (error.details === undefined) return;
  const schema = ERROR_DETAILS[code];
  if (schema === null) throw problem('details on a code that has none');
  const parsed = schema.safeParse(error.details);
  if (!parsed.success) throw problem(parsed.error.message);
  if (!isDeepStrictEqual(parsed.data, error.details)) throw problem('details keys the schema does not know');
}
