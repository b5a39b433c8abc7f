import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errors, json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up',
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'Up') },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'The database answers',
  responses: {
    200: json(z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) }), 'Ready'),
    503: { ...errors[404], description: 'Database unreachable (SERVICE_UNAVAILABLE)' },
  },
});

export function healthRoutes(deps: Deps) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      try {
        await deps.database.ping();
      } catch (cause) {
        throw new AppError('SERVICE_UNAVAILABLE', { message: 'database unreachable', cause });
      }
      return c.json({ status: 'ready' as const, database: deps.database.kind }, 200);
    });
}
