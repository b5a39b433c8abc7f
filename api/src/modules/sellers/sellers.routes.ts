import { createRoute } from '@hono/zod-openapi';
import { IdSchema, MemberCreateSchema, MemberSchema, SellerCreateSchema, SellerSchema } from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
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
    400: errors[400],
    401: errors[401],
    409: errors[409],
    415: errors[415],
    422: errors[422],
  },
});

const getSellerRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}',
  tags: ['sellers'],
  summary: 'Public seller profile',
  request: { params: SellerParams },
  responses: { 200: json(SellerSchema, 'The seller'), 404: errors[404] },
});

const addMemberRoute = createRoute({
  method: 'post',
  path: '/cooperatives/{sellerId}/members',
  tags: ['cooperatives'],
  summary: 'Add a member (phone optional); managers only',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams, body: jsonBody(MemberCreateSchema) },
  responses: {
    201: json(MemberSchema, 'Added'),
    400: errors[400],
    401: errors[401],
    404: errors[404],
    409: errors[409],
    422: errors[422],
  },
});

const listMembersRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/members',
  tags: ['cooperatives'],
  summary: 'Members of a cooperative; managers and staff',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams },
  responses: { 200: json(z.object({ members: z.array(MemberSchema) }), 'Members'), 401: errors[401], 404: errors[404] },
});

export function sellerRoutes(deps: Deps) {
  return createRouter()
    .openapi(createSellerRoute, async (c) => {
      return c.json(await sellers.createSeller(deps, requireUser(c), c.req.valid('json')), 201);
    })
    .openapi(getSellerRoute, async (c) => {
      return c.json(await sellers.getSeller(deps, c.req.valid('param').sellerId), 200);
    })
    .openapi(addMemberRoute, async (c) => {
      const user = requireUser(c);
      const { sellerId } = c.req.valid('param');
      return c.json(await sellers.addMember(deps, user, sellerId, c.req.valid('json')), 201);
    })
    .openapi(listMembersRoute, async (c) => {
      const members = await sellers.listMembers(deps, requireUser(c), c.req.valid('param').sellerId);
      return c.json({ members }, 200);
    });
}
