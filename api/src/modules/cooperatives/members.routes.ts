import { createRoute } from '@hono/zod-openapi';
import { IdSchema, MemberCreateSchema, MemberSchema, MemberUpdateSchema } from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as members from './members.service.ts';

const CooperativeParams = z.object({ sellerId: IdSchema });
const MemberParams = z.object({ sellerId: IdSchema, memberId: IdSchema });

const writeErrors = {
  ...errorsFor(400, 401, 404, 409, 413, 415, 422),
} as const;

const addMemberRoute = createRoute({
  method: 'post',
  path: '/cooperatives/{sellerId}/members',
  tags: ['cooperatives'],
  summary: 'Add a member (phone optional); managers only',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, body: jsonBody(MemberCreateSchema) },
  responses: { 201: json(MemberSchema, 'Added'), ...writeErrors },
});

const listMembersRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/members',
  tags: ['cooperatives'],
  summary: 'Members of a cooperative; managers and staff',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams },
  responses: { 200: json(z.object({ members: z.array(MemberSchema) }), 'Members'), 401: errors[401], 404: errors[404] },
});

const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/cooperatives/{sellerId}/members/{memberId}',
  tags: ['cooperatives'],
  summary: "Edit a member's name, phone (null removes it), role or name display; managers only",
  description:
    "409 CONFLICT for a phone another member has, or for a change of role or phone of the caller's own membership or the owner's.",
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: MemberParams, body: jsonBody(MemberUpdateSchema) },
  responses: { 200: json(MemberSchema, 'Updated'), ...writeErrors },
});

const statusRoute = (action: 'deactivate' | 'reactivate') =>
  createRoute({
    method: 'post',
    path: `/cooperatives/{sellerId}/members/{memberId}/${action}`,
    tags: ['cooperatives'],
    summary:
      action === 'deactivate'
        ? 'Deactivate a member: their lots and sales stay; no sign-in access, no new lots; managers only'
        : 'Reactivate a member; managers only',
    security: bearer,
    middleware: [signedIn] as const,
    request: { params: MemberParams },
    responses: { 200: json(MemberSchema, 'The member'), 401: errors[401], 404: errors[404], 409: errors[409] },
  });

export function memberRoutes(deps: Deps) {
  return createRouter()
    .openapi(addMemberRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await members.addMember(deps, requireUser(c), sellerId, c.req.valid('json')), 201);
    })
    .openapi(listMembersRoute, async (c) => {
      return c.json({ members: await members.listMembers(deps, requireUser(c), c.req.valid('param').sellerId) }, 200);
    })
    .openapi(updateMemberRoute, async (c) => {
      const { sellerId, memberId } = c.req.valid('param');
      return c.json(await members.updateMember(deps, requireUser(c), sellerId, memberId, c.req.valid('json')), 200);
    })
    .openapi(statusRoute('deactivate'), async (c) => {
      const { sellerId, memberId } = c.req.valid('param');
      return c.json(await members.setMemberStatus(deps, requireUser(c), sellerId, memberId, 'inactive'), 200);
    })
    .openapi(statusRoute('reactivate'), async (c) => {
      const { sellerId, memberId } = c.req.valid('param');
      return c.json(await members.setMemberStatus(deps, requireUser(c), sellerId, memberId, 'active'), 200);
    });
}
