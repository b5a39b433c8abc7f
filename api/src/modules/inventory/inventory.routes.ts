import { createRoute } from '@hono/zod-openapi';
import {
  AdjustmentCreateSchema,
  AdjustmentResultSchema,
  IdSchema,
  LotCreateSchema,
  LotSchema,
  TraceSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import { adjustStock } from './adjustments.service.ts';
import { listLots, receiveLot } from './lots.service.ts';
import { getTrace, TYPED_TRACE_CODE } from './trace.service.ts';

const ListingParams = z.object({ listingId: IdSchema });

const receiveLotRoute = createRoute({
  method: 'post',
  path: '/listings/{listingId}/lots',
  tags: ['inventory'],
  summary: 'Receive a harvest lot (owner, managers, staff); answers its trace code',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: ListingParams, body: jsonBody(LotCreateSchema) },
  responses: {
    201: json(LotSchema, 'Received'),
    ...errorsFor(400, 401, 404, 409, 413, 415, 422),
  },
});

const listLotsRoute = createRoute({
  method: 'get',
  path: '/listings/{listingId}/lots',
  tags: ['inventory'],
  summary: "A listing's lots with trace codes and members (owner, managers, staff)",
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: ListingParams },
  responses: { 200: json(z.object({ lots: z.array(LotSchema) }), 'Lots'), 401: errors[401], 404: errors[404] },
});

const adjustRoute = createRoute({
  method: 'post',
  path: '/listings/{listingId}/adjustments',
  tags: ['inventory'],
  summary: 'Correct stock (spoilage, count, other); without lotId a write-off takes the lot expiring first',
  description:
    'Never below zero: 409 INSUFFICIENT_STOCK with `details.available`. A positive delta without lotId is 422.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: ListingParams, body: jsonBody(AdjustmentCreateSchema) },
  responses: {
    200: json(AdjustmentResultSchema, 'Adjusted'),
    ...errorsFor(400, 401, 404, 409, 413, 415, 422),
  },
});

const traceRoute = createRoute({
  method: 'get',
  path: '/trace/{traceCode}',
  tags: ['inventory'],
  summary: "A lot's story from the code on its package: product, farm, member, harvest, certifications",
  // Anything but a code as typed from a label names no lot: 404 (lib/router.ts).
  request: { params: z.object({ traceCode: z.string().regex(TYPED_TRACE_CODE) }) },
  responses: { 200: json(TraceSchema, 'The lot'), 404: errors[404] },
});

export function inventoryRoutes(deps: Deps) {
  return createRouter()
    .openapi(receiveLotRoute, async (c) => {
      const { listingId } = c.req.valid('param');
      return c.json(await receiveLot(deps, requireUser(c), listingId, c.req.valid('json')), 201);
    })
    .openapi(listLotsRoute, async (c) => {
      const lots = await listLots(deps, requireUser(c), c.req.valid('param').listingId);
      return c.json({ lots }, 200);
    })
    .openapi(adjustRoute, async (c) => {
      const { listingId } = c.req.valid('param');
      return c.json(await adjustStock(deps, requireUser(c), listingId, c.req.valid('json')), 200);
    })
    .openapi(traceRoute, async (c) => {
      return c.json(await getTrace(deps, c.req.valid('param').traceCode), 200);
    });
}
