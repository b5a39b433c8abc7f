import { createRoute } from '@hono/zod-openapi';
import { IdSchema, SellerCreateSchema, SellerSchema, SellerUpdateSchema } from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import type { SellerNeeds } from './seller-needs.ts';
import * as sellers from './sellers.service.ts';

const SellerParams = z.object({ sellerId: IdSchema });

const createSellerRoute = createRoute({
  method: 'post',
  path: '/sellers',
  tags: ['sellers'],
  summary: 'Create my seller profile (farmer or cooperative)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { body: jsonBody(SellerCreateSchema) },
  responses: {
    201: json(SellerSchema, 'Created'),
    ...errorsFor(400, 401, 409, 415, 422),
  },
});

const getSellerRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}',
  tags: ['sellers'],
  summary: 'Public seller profile, with its verified certifications valid today',
  request: { params: SellerParams },
  responses: { 200: json(SellerSchema, 'The seller'), 404: errors[404] },
});

const updateSellerRoute = createRoute({
  method: 'patch',
  path: '/sellers/{sellerId}',
  tags: ['sellers'],
  summary: 'Edit my seller profile, pickup point and delivery terms; owner and managers',
  description:
    'A partial edit: `null` clears an optional field. Delivery terms (`offersDelivery`, `deliveryFeeVnd`, ' +
    '`freeDeliveryOverVnd`) price later orders; placed orders keep theirs. Anyone but the owner or a manager gets 404.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams, body: jsonBody(SellerUpdateSchema) },
  responses: {
    200: json(SellerSchema, 'The seller as the public now sees it'),
    ...errorsFor(400, 401, 404, 413, 415, 422),
  },
});

export function sellerRoutes(deps: Deps & SellerNeeds) {
  return createRouter()
    .openapi(createSellerRoute, async (c) => {
      return c.json(await sellers.createSeller(deps, requireUser(c), c.req.valid('json')), 201);
    })
    .openapi(getSellerRoute, async (c) => {
      return c.json(await sellers.getSeller(deps, c.req.valid('param').sellerId), 200);
    })
    .openapi(updateSellerRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await sellers.updateSeller(deps, requireUser(c), sellerId, c.req.valid('json')), 200);
    });
}
