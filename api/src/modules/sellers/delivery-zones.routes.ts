import { createRoute } from '@hono/zod-openapi';
import { DeliveryZonesPutSchema, DeliveryZonesSchema, IdSchema, MAX_DELIVERY_ZONES } from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as zones from './delivery-zones.service.ts';

const SellerParams = z.object({ sellerId: IdSchema });
const TAGS = ['delivery zones'];

const listZonesRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}/delivery-zones',
  tags: TAGS,
  summary: 'Where a seller delivers and at what rate; none: pickup only',
  request: { params: SellerParams },
  responses: { 200: json(DeliveryZonesSchema, 'Zones'), 404: errors[404] },
});

const putZonesRoute = createRoute({
  method: 'put',
  path: '/sellers/{sellerId}/delivery-zones',
  tags: TAGS,
  summary: `Replace the seller's delivery zones (at most ${MAX_DELIVERY_ZONES}); owner or managers, anyone else 404`,
  description:
    'A zone covers communes (by code) and/or whole provinces, with a flat rate, weight bands (grams, bound inclusive) or order-value bands, free delivery over an amount and a minimum order. Where several zones cover an address, the cheapest that takes the parcel is charged. Orders already placed keep their fee.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams, body: jsonBody(DeliveryZonesPutSchema) },
  responses: { 200: json(DeliveryZonesSchema, 'Replaced'), ...errorsFor(400, 401, 404, 413, 415, 422) },
});

export function deliveryZoneRoutes(deps: Deps) {
  return createRouter()
    .openapi(listZonesRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json({ zones: await zones.listDeliveryZones(deps, sellerId) }, 200);
    })
    .openapi(putZonesRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json({ zones: await zones.putDeliveryZones(deps, requireUser(c), sellerId, c.req.valid('json')) }, 200);
    });
}
