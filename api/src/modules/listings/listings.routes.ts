import { createRoute } from '@hono/zod-openapi';
import {
  IdSchema,
  ListingCreateSchema,
  ListingListQuerySchema,
  ListingPageSchema,
  ListingSchema,
  ListingUpdateSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import type { ListingNeeds } from './listing-needs.ts';
import * as listings from './listings.service.ts';

const ListingParams = z.object({ listingId: IdSchema });

const writeErrors = {
  ...errorsFor(400, 401, 404, 413, 415, 422),
} as const;

const createListingRoute = createRoute({
  method: 'post',
  path: '/listings',
  tags: ['listings'],
  summary: "Create a listing for a seller I write for (owner, a cooperative's managers and staff)",
  description: '`stock` receives the first lot. An `active` listing with no stock is stored as `sold_out`.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { body: jsonBody(ListingCreateSchema) },
  responses: { 201: json(ListingSchema, 'Created'), ...writeErrors },
});

const getListingRoute = createRoute({
  method: 'get',
  path: '/listings/{listingId}',
  tags: ['listings'],
  summary: "A listing: public when active or sold out; drafts and archived ones for the seller's team only",
  request: { params: ListingParams },
  responses: { 200: json(ListingSchema, 'The listing'), 404: errors[404] },
});

const updateListingRoute = createRoute({
  method: 'patch',
  path: '/listings/{listingId}',
  tags: ['listings'],
  summary: 'Edit a listing (partial; null clears; mediaIds and certificationIds replace the lists)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: ListingParams, body: jsonBody(ListingUpdateSchema) },
  responses: { 200: json(ListingSchema, 'Updated'), ...writeErrors },
});

const archiveListingRoute = createRoute({
  method: 'delete',
  path: '/listings/{listingId}',
  tags: ['listings'],
  summary: 'Archive a listing (it leaves the storefront; its lots and history stay)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: ListingParams },
  responses: { 200: json(ListingSchema, 'Archived'), 401: errors[401], 404: errors[404] },
});

const sellerListingsRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}/listings',
  tags: ['listings'],
  summary: "A seller's listings, newest first: active and sold out for the public, every status for its team",
  request: { params: z.object({ sellerId: IdSchema }), query: ListingListQuerySchema },
  responses: { 200: json(ListingPageSchema, 'A page of listings'), 404: errors[404], 422: errors[422] },
});

export function listingRoutes(deps: Deps & ListingNeeds) {
  return createRouter()
    .openapi(createListingRoute, async (c) => {
      return c.json(await listings.createListing(deps, requireUser(c), c.req.valid('json')), 201);
    })
    .openapi(getListingRoute, async (c) => {
      return c.json(await listings.getListing(deps, c.get('user'), c.req.valid('param').listingId), 200);
    })
    .openapi(updateListingRoute, async (c) => {
      const { listingId } = c.req.valid('param');
      return c.json(await listings.updateListing(deps, requireUser(c), listingId, c.req.valid('json')), 200);
    })
    .openapi(archiveListingRoute, async (c) => {
      return c.json(await listings.archiveListing(deps, requireUser(c), c.req.valid('param').listingId), 200);
    })
    .openapi(sellerListingsRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await listings.listSellerListings(deps, c.get('user'), sellerId, c.req.valid('query')), 200);
    });
}
