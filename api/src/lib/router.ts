import { OpenAPIHono } from '@hono/zod-openapi';
import type { FieldIssue } from '@nongsan/contracts';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from './context.ts';

export type { FieldIssue };

/** zod issues as the `details` of a VALIDATION_FAILED envelope: one entry per failing field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    // An unknown field is reported once per key, so the client can point at each.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        code: 'unrecognized_key',
        message: `unknown field "${key}"`,
      }));
    }
    return [{ path: issue.path.join('.') || '(root)', code: issue.code, message: issue.message }];
  });
}

/**
 * Every module's router: request validation failures become 422 VALIDATION_FAILED in the one
 * envelope (thrown, so the app's onError renders them) instead of zod-openapi's default 400.
 * A path parameter that fails (`/listings/a%00b`) names nothing that could exist: 404, as for an
 * id that is well formed but unknown, so a caller learns nothing from the difference.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success && result.target === 'param') {
        throw new AppError('NOT_FOUND', { message: 'not found' });
      }
      if (!result.success) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'request failed validation',
          details: fieldIssues(result.error),
        });
      }
    },
  });
}
